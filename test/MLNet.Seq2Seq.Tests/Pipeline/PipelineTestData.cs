using Microsoft.ML;
using Microsoft.ML.Data;
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
    /// <summary>The shape ML.NET's EstimatorChain.Fit would hand our estimators for <paramref name="schema"/> (SchemaShape.Create is internal to ML.NET).</summary>
    public static SchemaShape Shape(DataViewSchema schema) =>
        (SchemaShape)typeof(SchemaShape).GetMethod("Create", System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic, [typeof(DataViewSchema)])!.Invoke(null, [schema])!;

    public static TextRow[] Words { get; } = [new() { Text = "man" }, new() { Text = "king" }, new() { Text = "up" }];

    /// <summary>Tokenize Text, pad to 6, reverse, map back to text in Reversed.</summary>
    public static EstimatorChain<KeyToTextTransformer> ReversingPipeline(MLContext ctx) =>
        ctx.Transforms.Text.MapCharactersToKeys("Keys", "Text")
            .Append(ctx.Transforms.Text.PadOrTruncateKeys("Padded", "Keys", new KeyPaddingOptions { Length = 6 }))
            .Append(ctx.Transforms.Text.ReverseKeys("ReversedKeys", "Padded"))
            .Append(ctx.Transforms.Text.MapKeysToText("Reversed", "ReversedKeys"));

    /// <summary>
    /// The <see cref="InvalidDataException"/> a step of ours threw while <paramref name="action"/> read rows; ML.NET's
    /// parallel cursors wrap it in an <see cref="InvalidOperationException"/>, so the inner exceptions are searched too.
    /// </summary>
    public static InvalidDataException ThrowsInvalidData(Action action)
    {
        try
        {
            action();
        }
        catch (Exception error)
        {
            for (Exception? inner = error; inner is not null; inner = inner.InnerException)
            {
                if (inner is InvalidDataException data)
                {
                    return data;
                }
            }

            throw;
        }

        throw new AssertFailedException("Expected an InvalidDataException; nothing was thrown.");
    }

    public static string[] ReadTexts(MLContext ctx, IDataView data, string column)
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
            rows.Add([.. value.DenseValues()]);
        }

        return [.. rows];
    }
}
