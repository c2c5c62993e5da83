using MLNet.Seq2Seq.Data;
using MLNet.Seq2Seq.Transforms.Text;

namespace MLNet.Seq2Seq.Tests.Pipeline;

internal sealed class TextRow
{
    public string Text { get; set; } = string.Empty;
}

internal sealed class TextPairRow
{
    public string Text { get; set; } = string.Empty;

    public string Target { get; set; } = string.Empty;
}

internal sealed class ReversedPrediction
{
    public string Reversed { get; set; } = string.Empty;

    [ColumnName("Padded")]
    public uint[] PaddedKeys { get; set; } = [];

    public int PaddedLength { get; set; }
}

internal static class PipelineTestData
{
    public static TextRow[] Words { get; } = [new() { Text = "man" }, new() { Text = "king" }, new() { Text = "up" }];

    /// <summary>Tokenize Text, pad to 6, reverse, map back to text in Reversed.</summary>
    public static EstimatorChain<KeyToTextTransformer> ReversingPipeline(Seq2SeqContext ctx) =>
        ctx.Transforms.Text.TokenizeIntoCharactersAsKeys("Keys", "Text")
            .Append(ctx.Transforms.Text.PadOrTruncateKeys("Padded", "Keys", new KeyPaddingOptions { Length = 6 }))
            .Append(ctx.Transforms.Text.ReverseKeys("ReversedKeys", "Padded"))
            .Append(ctx.Transforms.Text.MapKeysToText("Reversed", "ReversedKeys"));

    public static string[] ReadTexts(Seq2SeqContext ctx, IDataView data, string column)
    {
        DataViewSchema.Column textColumn = data.Schema[column];
        using DataViewRowCursor cursor = data.GetRowCursor([textColumn]);
        ValueGetter<ReadOnlyMemory<char>> getter = cursor.GetGetter<ReadOnlyMemory<char>>(textColumn);
        var texts = new List<string>();
        ReadOnlyMemory<char> value = default;
        while (cursor.MoveNext())
        {
            getter(ref value);
            texts.Add(value.ToString());
        }

        return [.. texts];
    }

    public static uint[][] ReadKeys(IDataView data, string column)
    {
        DataViewSchema.Column keyColumn = data.Schema[column];
        using DataViewRowCursor cursor = data.GetRowCursor([keyColumn]);
        ValueGetter<VBuffer<uint>> getter = cursor.GetGetter<VBuffer<uint>>(keyColumn);
        var rows = new List<uint[]>();
        VBuffer<uint> value = default;
        while (cursor.MoveNext())
        {
            getter(ref value);
            rows.Add(value.GetValues().ToArray());
        }

        return [.. rows];
    }
}
