namespace PipelineInMSTest;

/// <summary>The application's input row: a question such as "12+30", and its answer where known.</summary>
public sealed class SumQuestion
{
    public string Question { get; set; } = "";

    public string Answer { get; set; } = "";
}
