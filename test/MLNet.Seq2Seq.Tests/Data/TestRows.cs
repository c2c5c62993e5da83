using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Seq2Seq.Tests.Data;

internal sealed class AllTypesRow
{
    public string Text { get; set; } = string.Empty;

    public float Single { get; set; }

    public double Double { get; set; }

    public int Int32 { get; set; }

    public uint UInt32 { get; set; }

    public long Int64 { get; set; }

    public bool Flag { get; set; }

    public string[] Words { get; set; } = [];

    public float[] Features { get; set; } = [];

    [ColumnName("Renamed")]
    public int Original { get; set; }

    [NoColumn]
    public object? Ignored { get; set; }
}

internal sealed class PairRow
{
    [LoadColumn(0)]
    public string Source { get; set; } = string.Empty;

    [LoadColumn(1)]
    public string Target { get; set; } = string.Empty;
}

internal sealed class SourceRow
{
    public string Source { get; set; } = string.Empty;
}
