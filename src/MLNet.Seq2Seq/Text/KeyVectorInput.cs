using Microsoft.ML.Data;
using MLNet.Seq2Seq.Mapping;

namespace MLNet.Seq2Seq.Transforms.Text;

/// <summary>The input of the saved key-vector steps: their payload and the keys of one row (0 for padding or missing).</summary>
internal sealed class KeyVectorInput
{
    [ColumnName(SavedColumns.Payload)]
    public ReadOnlyMemory<char> Payload;

    [ColumnName(SavedColumns.Input)]
    public uint[] Keys = [];
}

/// <summary>The output of the saved key-vector steps that write keys: one token per key, for ML.NET's MapValueToKey.</summary>
internal sealed class KeyTokensOutput
{
    [ColumnName(SavedColumns.Tokens)]
    public string[] Tokens = [];

    [ColumnName(SavedColumns.Count)]
    public int Length;

    public static IReadOnlyList<string> Columns { get; } = [SavedColumns.Tokens, SavedColumns.Count];
}
