using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.ML;
using MLNet.Seq2Seq.Trainers;

namespace MLNet.Seq2Seq.Cli.Commands;

/// <summary><c>seq2seq evaluate</c>: scores a saved model's predictions against a pair file's targets.</summary>
internal static class EvaluateCommand
{
    private static readonly Option<string> ModelPath = CliOptions.RequiredPath("--model", "The trained model (.zip).");
    private static readonly Option<string> Data = CliOptions.RequiredPath("--data", "Pairs to score: source TAB target, one pair a line.");
    private static readonly Option<int?> MaxOutputLength = CliOptions.MaxOutputLength("Longest output to decode (default: the model's own limit).");
    private static readonly Option<bool> Json = new("--json") { Description = "Print the metrics as one JSON line." };
    private static readonly Option<bool> HasHeader = CliOptions.HasHeader();
    private static readonly SourceTextOptions SourceText = new(readsPairFiles: true, followsModel: true);
    private static readonly DecodingFlags Decoding = new();
    private static readonly EngineFlags Engine = new("decodes the pairs, 512 at a time", "managed: over every core; torchsharp: on --device");

    /// <summary>Pairs decoded together by the engine.</summary>
    private const int DecodedPairsPerBlock = 512;

    public static Command Create()
    {
        var command = new Command("evaluate", "Score a model on source/target pairs: exact match, character accuracy and character error rate.")
        {
            ModelPath, Data, MaxOutputLength, Json, HasHeader,
        };
        foreach (Option option in SourceText.All)
        {
            command.Options.Add(option);
        }

        Decoding.AddTo(command);
        Engine.AddTo(command);
        command.SetAction(parseResult => ErrorReport.Guard(parseResult, () => Run(parseResult)));
        return command;
    }

    private static int Run(ParseResult parseResult)
    {
        var context = CliOptions.CreateContext(parseResult);

        ITransformer model = Decoding.Apply(parseResult, context,
            SourceText.Override(parseResult, ModelFiles.Load(context, parseResult.GetRequiredValue(ModelPath), parseResult.GetValue(MaxOutputLength))));
        string dataPath = Path.GetFullPath(parseResult.GetRequiredValue(Data));
        IReadOnlyList<PairRow> pairs = PairFiles.Read(dataPath, "--data", parseResult.GetValue(HasHeader), SourceText.OnBadRow(parseResult));
        SourceNotes notes = SourceNotes.For(parseResult, context, model);
        foreach (PairRow pair in pairs)
        {
            notes.Write($"{dataPath}, line {pair.Line}", pair.Source);
        }

        IDataView predictions = context.Seq2Seq.WithDecodingEngine(model, Engine.Create(parseResult), DecodedPairsPerBlock).Transform(context.Data.LoadFromEnumerable(pairs));
        double? nBestExactMatch = null;
        IDataView scored;
        try
        {
            if (Decoding.NBest(parseResult) > 1)
            {
                NBestScoredRow[] rows = [.. context.Data.CreateEnumerable<NBestScoredRow>(predictions, reuseRowObject: false)];
                nBestExactMatch = rows.Length == 0 ? 0 : rows.Count(r => r.NBestText.Contains(r.Target, StringComparer.Ordinal)) / (double)rows.Length;
                scored = context.Data.LoadFromEnumerable(rows);
            }
            else
            {
                scored = context.Data.LoadFromEnumerable([.. context.Data.CreateEnumerable<ScoredRow>(predictions, reuseRowObject: false)]);
            }
        }
        catch (Exception ex) when (ErrorReport.Find<InvalidDataException>(ex) is { } refused)
        {
            throw RefusedRow(context, model, pairs, dataPath, refused, ex);
        }

        Seq2SeqMetrics metrics = context.Seq2Seq.Evaluate(scored, nameof(PairRow.Target));
        Console.Out.WriteLine(parseResult.GetValue(Json) ? ToJson(metrics, nBestExactMatch) : ToText(metrics, nBestExactMatch));
        return ExitCodes.Success;
    }

    /// <summary>
    /// The error naming the file, line and row that <paramref name="model"/> refused. ML.NET scores rows in parallel and
    /// reports a refusal without its row, so the pairs are run again one at a time, in order, to find the first refused one.
    /// </summary>
    private static InvalidDataException RefusedRow(MLContext context, ITransformer model, IReadOnlyList<PairRow> pairs, string dataPath, InvalidDataException refused, Exception thrown)
    {
        using var engine = context.Model.CreatePredictionEngine<SourceRow, PredictionRow>(model);
        for (int row = 0; row < pairs.Count; row++)
        {
            try
            {
                engine.Predict(new SourceRow { Source = pairs[row].Source });
            }
            catch (Exception ex) when (ErrorReport.Find<InvalidDataException>(ex) is { } first)
            {
                return new InvalidDataException($"{dataPath}, line {pairs[row].Line} (row {row}, counted from 0 over the pairs read): {first.Message}", ex);
            }
        }

        return new InvalidDataException($"{dataPath}: {refused.Message}", thrown);
    }

    private static string ToJson(Seq2SeqMetrics metrics, double? nBestExactMatch)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteNumber("count", metrics.Count);
            writer.WriteNumber("exact_match", metrics.ExactMatch);
            writer.WriteNumber("char_accuracy", metrics.CharacterAccuracy);
            writer.WriteNumber("cer", metrics.CharacterErrorRate);
            if (nBestExactMatch is { } oracle)
            {
                writer.WriteNumber("nbest_exact_match", oracle);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string ToText(Seq2SeqMetrics metrics, double? nBestExactMatch) => string.Create(CultureInfo.InvariantCulture, $"""
        count           {metrics.Count}
        exact match     {metrics.ExactMatch:F4}
        char accuracy   {metrics.CharacterAccuracy:F4}
        cer             {metrics.CharacterErrorRate:F4}
        """) + (nBestExactMatch is { } oracle ? string.Create(CultureInfo.InvariantCulture, $"{Environment.NewLine}nbest match     {oracle:F4}") : "");
}
