namespace PipelineInMSTest;

/// <summary>The application's output row: the pipeline's "Prediction" column.</summary>
public sealed class SumAnswer
{
    public string Prediction { get; set; } = "";
}
