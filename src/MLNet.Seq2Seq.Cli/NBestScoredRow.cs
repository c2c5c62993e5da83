namespace MLNet.Seq2Seq.Cli;

/// <summary>One evaluated pair decoded by beam search: the target, the best prediction and the n best.</summary>
internal sealed class NBestScoredRow
{
    public string Target { get; set; } = string.Empty;

    public string Prediction { get; set; } = string.Empty;

    public string[] NBestText { get; set; } = [];
}
