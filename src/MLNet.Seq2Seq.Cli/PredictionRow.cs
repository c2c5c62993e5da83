namespace MLNet.Seq2Seq.Cli;

/// <summary>The model's output for one prediction.</summary>
internal sealed class PredictionRow
{
    public string Prediction { get; set; } = string.Empty;
}
