using System.CommandLine;
using MLNet.Seq2Seq.Data;
using MLNet.Seq2Seq.Trainers;
using MLNet.Seq2Seq.Transforms.Text;
using MLNet.Seq2Seq.Visualization;

namespace MLNet.Seq2Seq.Cli.Commands;

/// <summary>
/// <c>seq2seq attend</c>: answers one source with an attention model, prints the answer and writes the attention weights
/// as an SVG heatmap (source characters across, in reading order even when the model reverses its input; answer down).
/// </summary>
internal static class AttendCommand
{
    /// <summary>The float-vector column [output steps × source length] an attention decoder adds to its predictions.</summary>
    public const string AttentionColumnName = "Attention";

    private static readonly Option<string> ModelPath = CliOptions.RequiredPath("--model", "The trained attention model (.zip).");
    private static readonly Option<string> SvgPath = CliOptions.RequiredPath("--svg", "The SVG heatmap to write.");
    private static readonly Argument<string> Text = new("TEXT") { Description = "The source to answer and draw." };

    public static Command Create()
    {
        var command = new Command("attend", "Answer one source with an attention model and draw its attention weights as an SVG heatmap.")
        {
            ModelPath, SvgPath, Text,
        };
        command.SetAction(parseResult => ErrorReport.Guard(parseResult, () => Run(parseResult)));
        return command;
    }

    private static int Run(ParseResult parseResult)
    {
        var context = CliOptions.CreateContext(parseResult);
        string modelPath = Path.GetFullPath(parseResult.GetRequiredValue(ModelPath));
        ITransformer model = ModelFiles.Load(context, modelPath, null);
        ITransformer[] steps = model is TransformerChain<ITransformer> chain ? [.. chain] : [model];
        var encoderDecoder = steps.OfType<LstmEncoderDecoderTransformer>().FirstOrDefault()
            ?? throw new InvalidDataException($"Model file '{modelPath}' holds no encoder-decoder to draw.");
        IDataView output = model.Transform(context.Data.LoadFromEnumerable([new SourceRow { Source = parseResult.GetRequiredValue(Text) }]));
        if (output.Schema.GetColumnOrNull(AttentionColumnName) is not { Type: VectorDataViewType { ItemType: NumberDataViewType } } attention)
        {
            throw new InvalidOperationException(
                $"Model file '{modelPath}' has no attention weights (no '{AttentionColumnName}' float-vector column): it was not trained with an attention decoder. Train it with 'seq2seq train --decoder attention' to draw a map.");
        }

        var source = output.Schema[encoderDecoder.SourceColumnName];
        var predicted = output.Schema[encoderDecoder.PredictedColumnName];
        VBuffer<uint> sourceKeys = default, predictedKeys = default;
        VBuffer<float> weights = default;
        using (var cursor = output.GetRowCursor([source, predicted, attention]))
        {
            cursor.MoveNext();
            cursor.GetGetter<VBuffer<uint>>(source)(ref sourceKeys);
            cursor.GetGetter<VBuffer<uint>>(predicted)(ref predictedKeys);
            cursor.GetGetter<VBuffer<float>>(attention)(ref weights);
        }

        VBuffer<ReadOnlyMemory<char>> sourceVocabulary = default;
        source.GetKeyValues(ref sourceVocabulary);
        string[] sourceTokens = [.. sourceKeys.GetValues().ToArray().Where(k => k != SpecialKeys.Padding).Select(k => sourceVocabulary.GetValues()[(int)k].ToString())];
        string[] answer = [.. predictedKeys.GetValues().ToArray().Select(k => encoderDecoder.TargetVocabulary[(int)k])];
        float[] map = weights.GetValues().ToArray();
        if (sourceTokens.Length == 0 || map.Length % sourceTokens.Length != 0)
        {
            throw new InvalidDataException(
                $"Column '{AttentionColumnName}' holds {map.Length} weights, not a whole number of rows of {sourceTokens.Length} source characters.");
        }

        int rows = map.Length / sourceTokens.Length;
        string[] outputTokens = [.. Enumerable.Range(0, rows).Select(i => i < answer.Length ? answer[i] : SpecialKeys.EndName)];
        if (steps.OfType<KeyReversingTransformer>().Any(r => r.OutputColumnName == encoderDecoder.SourceColumnName))
        {
            Array.Reverse(sourceTokens);
            for (int i = 0; i < rows; i++)
            {
                Array.Reverse(map, i * sourceTokens.Length, sourceTokens.Length);
            }
        }

        string svgPath = Path.GetFullPath(parseResult.GetRequiredValue(SvgPath));
        File.WriteAllText(svgPath, AttentionHeatmap.ToSvg(sourceTokens, outputTokens, map));
        Console.Out.WriteLine(string.Concat(answer));
        return ExitCodes.Success;
    }
}
