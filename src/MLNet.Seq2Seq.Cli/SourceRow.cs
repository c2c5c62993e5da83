namespace MLNet.Seq2Seq.Cli;

/// <summary>The model's input for one prediction.</summary>
internal sealed class SourceRow
{
    public string Source { get; set; } = string.Empty;
}
