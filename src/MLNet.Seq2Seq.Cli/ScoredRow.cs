namespace MLNet.Seq2Seq.Cli;

/// <summary>One evaluated pair decoded greedily: the target and the prediction.</summary>
internal sealed class ScoredRow
{
    public string Target { get; set; } = string.Empty;

    public string Prediction { get; set; } = string.Empty;
}
