namespace MLNet.Seq2Seq.Cli;

/// <summary>A beam-search model's n best outputs for one prediction, best first, with their scores.</summary>
internal sealed class NBestRow
{
    public string[] NBestText { get; set; } = [];

    public float[] NBestScores { get; set; } = [];
}
