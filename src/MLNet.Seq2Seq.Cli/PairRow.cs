using Microsoft.ML.Data;

namespace MLNet.Seq2Seq.Cli;

/// <summary>One line of a data file: source TAB target.</summary>
internal sealed class PairRow
{
    public string Source { get; set; } = string.Empty;

    public string Target { get; set; } = string.Empty;

    /// <summary>The line's one-based number in its file, for messages; not a column of the data view.</summary>
    [NoColumn]
    public int Line { get; set; }
}
