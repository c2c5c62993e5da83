using MLNet.Seq2Seq.Data;

namespace MLNet.Seq2Seq.Cli;

/// <summary>One line of a data file: source TAB target.</summary>
internal sealed class PairRow
{
    [LoadColumn(0)]
    public string Source { get; set; } = string.Empty;

    [LoadColumn(1)]
    public string Target { get; set; } = string.Empty;
}
