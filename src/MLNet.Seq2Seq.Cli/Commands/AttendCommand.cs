using System.CommandLine;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Seq2Seq.Mapping;
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
    /// <summary>How the end mark, the answer's last step, is labelled in the map.</summary>
    private const string EndMark = "</s>";

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
        IReadOnlyList<ChainBackedTransformer> steps = context.Seq2Seq.FindSteps(model);
        var encoderDecoder = steps.OfType<LstmEncoderDecoderTransformer>().FirstOrDefault()
            ?? throw new InvalidDataException($"Model file '{modelPath}' holds no encoder-decoder to draw.");
        if (encoderDecoder.AttentionColumnName is not { } attentionColumnName)
        {
            throw new InvalidOperationException(
                $"Model file '{modelPath}' has no attention weights: it was not trained with an attention decoder. Train it with 'seq2seq train --decoder attention' to draw a map.");
        }

        IDataView output = model.Transform(context.Data.LoadFromEnumerable([new SourceRow { Source = parseResult.GetRequiredValue(Text) }]));
        var source = output.Schema[encoderDecoder.SourceColumnName];
        var predicted = output.Schema[encoderDecoder.PredictedColumnName];
        var attention = output.Schema[attentionColumnName];
        VBuffer<uint> sourceKeys = default, predictedKeys = default;
        VBuffer<float> weights = default;
        using (var cursor = output.GetRowCursor([source, predicted, attention]))
        {
            cursor.MoveNext();
            cursor.GetGetter<VBuffer<uint>>(source)(ref sourceKeys);
            cursor.GetGetter<VBuffer<uint>>(predicted)(ref predictedKeys);
            cursor.GetGetter<VBuffer<float>>(attention)(ref weights);
        }

        // Keys are 1-based (entry k - 1 of a vocabulary names key k); key 0 is padding or a missing key.
        string[] sourceTokens = [.. sourceKeys.DenseValues().Where(k => k != 0).Select(k => encoderDecoder.SourceVocabulary[(int)k - 1])];
        string[] answer = [.. predictedKeys.DenseValues().Where(k => k != 0).Select(k => encoderDecoder.TargetVocabulary[(int)k - 1])];
        float[] map = [.. weights.DenseValues()];
        if (sourceTokens.Length == 0 || map.Length % sourceTokens.Length != 0)
        {
            throw new InvalidDataException(
                $"Column '{attentionColumnName}' holds {map.Length} weights, not a whole number of rows of {sourceTokens.Length} source characters.");
        }

        int rows = map.Length / sourceTokens.Length;
        string[] outputTokens = [.. Enumerable.Range(0, rows).Select(i => i < answer.Length ? answer[i] : EndMark)];
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
