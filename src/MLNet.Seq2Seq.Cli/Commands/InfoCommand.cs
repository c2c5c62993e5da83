using System.CommandLine;
using System.Globalization;
using System.Text;
using Microsoft.ML;
using MLNet.Seq2Seq.Mapping;
using MLNet.Seq2Seq.Trainers;
using MLNet.Seq2Seq.Transforms.Text;

namespace MLNet.Seq2Seq.Cli.Commands;

/// <summary><c>seq2seq info</c>: describes a saved model: its steps, network options, vocabularies, size and training history.</summary>
internal static class InfoCommand
{
    private static readonly Option<string> ModelPath = CliOptions.RequiredPath("--model", "The trained model (.zip).");

    public static Command Create()
    {
        var command = new Command("info", "Describe a saved model: pipeline steps, network options, vocabularies, parameter count and training history.")
        {
            ModelPath,
        };
        command.SetAction(parseResult => ErrorReport.Guard(parseResult, () => Run(parseResult)));
        return command;
    }

    private static int Run(ParseResult parseResult)
    {
        string path = Path.GetFullPath(parseResult.GetRequiredValue(ModelPath));
        MLContext context = CliOptions.CreateContext(parseResult);
        IReadOnlyList<ChainBackedTransformer> steps = context.Seq2Seq.FindSteps(ModelFiles.Load(context, path, maxOutputLength: null));
        LstmEncoderDecoderTransformer encoderDecoder = steps.OfType<LstmEncoderDecoderTransformer>().SingleOrDefault()
            ?? throw new InvalidDataException($"Model file '{path}' holds no encoder-decoder.");
        Console.Out.Write(Describe(path, steps, encoderDecoder));
        return ExitCodes.Success;
    }

    private static string Describe(string path, IReadOnlyList<ChainBackedTransformer> steps, LstmEncoderDecoderTransformer encoderDecoder)
    {
        var shape = encoderDecoder.Trained.Network.Shape;
        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));

        Line($"model              {path}");
        Line($"pipeline           {string.Join(" | ", steps.Select(Step))}");
        Line($"reversed source    {(steps.OfType<KeyReversingTransformer>().Any() ? "yes" : "no")}");
        if (steps.OfType<CharacterKeyMappingTransformer>().FirstOrDefault() is { } characters)
        {
            Line($"case folding       {characters.CaseFolding.ToString().ToLowerInvariant()}");
            Line($"unknown characters {(characters.UnknownCharacterHandling == UnknownCharacterHandling.Error ? "error" : "mapped to U+FFFD")}");
            Line($"max source length  {(characters.MaximumLength is { } maximum ? $"{maximum} ({(characters.LengthOverflowHandling == LengthOverflowHandling.Error ? "longer is an error" : "longer is truncated")})" : "no limit")}");
        }

        Line($"decoder            {DecoderNames.Of(shape.Decoder)}{(shape.HasAttention ? $" ({shape.Attention} scoring{(shape.InputFeeding ? ", input feeding" : "")})" : "")}");
        Line($"encoder            {(shape.Bidirectional ? "bidirectional " : "")}{shape.Cell}");
        Line($"context            {shape.Context}");
        Line($"layers             {shape.Layers}");
        Line($"hidden size        {shape.HiddenSize}");
        Line($"embedding size     {shape.EmbeddingSize}");
        Line($"dropout            {shape.Dropout}");
        Line($"max output length  {encoderDecoder.MaxOutputLength}");
        var decoding = encoderDecoder.Decoding;
        Line($"decoding           {(decoding.BeamWidth > 1 ? $"beam search, width {decoding.BeamWidth}, {decoding.NBest} best, length penalty {decoding.LengthPenalty}" : "greedy")}");
        Line($"parameters         {encoderDecoder.ParameterCount:N0}");
        Line($"trained on         {encoderDecoder.TrainingEngine} engine, device {encoderDecoder.TrainingDevice}");
        Line($"source vocabulary  {encoderDecoder.SourceVocabulary.Count} keys: {Tokens(encoderDecoder.SourceVocabulary)}");
        Line($"target vocabulary  {encoderDecoder.TargetVocabulary.Count} keys: {Tokens(encoderDecoder.TargetVocabulary)}");

        IReadOnlyList<EpochSummary> history = encoderDecoder.TrainingHistory;
        Line($"training history   {history.Count} epoch(s)");
        if (history.Count > 0)
        {
            Line($"  {"epoch",5}  {"train loss",10}  {"seconds",8}  {"teacher forcing",15}  {"valid exact match",17}");
            foreach (EpochSummary epoch in history)
            {
                string valid = epoch.ValidExactMatch is { } exactMatch ? exactMatch.ToString("F4", CultureInfo.InvariantCulture) : "-";
                Line($"  {epoch.Epoch,5}  {epoch.TrainLoss,10:F4}  {epoch.TrainSeconds,8:F2}  {epoch.TeacherForcingRatio,15:F2}  {valid,17}");
            }
        }

        return text.ToString();
    }

    private static string Step(ChainBackedTransformer step) => step switch
    {
        CharacterKeyMappingTransformer t => $"characters to keys {t.InputColumnName} -> {t.OutputColumnName}, {t.UnknownCountColumnName}",
        KeyReversingTransformer r => $"reverse {r.InputColumnName} -> {r.OutputColumnName}",
        KeyPaddingTransformer p => $"pad {p.InputColumnName} -> {p.OutputColumnName}, {p.LengthColumnName}",
        LstmEncoderDecoderTransformer e => $"encoder-decoder {e.SourceColumnName} -> {string.Join(", ", new[] { e.PredictedColumnName, e.ProbabilitiesColumnName, e.AttentionColumnName }.OfType<string>())}",
        KeyToTextTransformer k => $"keys to text {k.InputColumnName} -> {k.OutputColumnName}",
        _ => step.GetType().Name,
    };

    /// <summary>
    /// The tokens separated by spaces, with a space token shown as &lt;space&gt;, the replacement character (to which
    /// unknown characters map) as U+FFFD and control characters escaped.
    /// </summary>
    private static string Tokens(IEnumerable<string> vocabulary) => string.Join(' ', vocabulary.Select(token => token switch
    {
        " " => "<space>",
        [CharacterKeyMappingTransformer.ReplacementCharacter] => "U+FFFD",
        _ when token.Any(char.IsControl) => string.Concat(token.Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString())),
        _ => token,
    }));
}
