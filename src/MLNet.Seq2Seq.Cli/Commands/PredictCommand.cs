using System.CommandLine;
using System.Globalization;

namespace MLNet.Seq2Seq.Cli.Commands;

/// <summary><c>seq2seq predict</c>: prints a saved model's answer for each text, one a line.</summary>
internal static class PredictCommand
{
    private static readonly Option<string> ModelPath = CliOptions.RequiredPath("--model", "The trained model (.zip).");
    private static readonly Option<int?> MaxOutputLength = CliOptions.MaxOutputLength("Longest output to decode (default: the model's own limit).");
    private static readonly DecodingFlags Decoding = new();
    private static readonly Argument<string[]> Texts = new("TEXT")
    {
        Description = "Sources to answer; without any, one source is read per line of standard input.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static Command Create()
    {
        var command = new Command("predict", "Print a model's answer for each source text, one a line.")
        {
            ModelPath, MaxOutputLength, Texts,
        };
        Decoding.AddTo(command);
        command.SetAction(parseResult => ErrorReport.Guard(parseResult, () => Run(parseResult)));
        return command;
    }

    private static int Run(ParseResult parseResult)
    {
        var context = CliOptions.CreateContext(parseResult);

        ITransformer model = Decoding.Apply(parseResult, ModelFiles.Load(context, parseResult.GetRequiredValue(ModelPath), parseResult.GetValue(MaxOutputLength)));
        string[] texts = parseResult.GetValue(Texts) ?? [];
        if (Decoding.NBest(parseResult) > 1)
        {
            PrintNBest(context, model, texts.Length > 0 ? texts : StandardInputLines());
            return ExitCodes.Success;
        }

        using var engine = context.Model.CreatePredictionEngine<SourceRow, PredictionRow>(model);
        var source = new SourceRow();
        var prediction = new PredictionRow();
        foreach (string text in texts.Length > 0 ? texts : StandardInputLines())
        {
            source.Source = text;
            engine.Predict(source, ref prediction);
            Console.Out.WriteLine(prediction.Prediction);
        }

        return ExitCodes.Success;
    }

    /// <summary>For each source, its n best answers as "answer TAB score" lines, best first, then an empty line.</summary>
    private static void PrintNBest(Seq2SeqContext context, ITransformer model, IEnumerable<string> texts)
    {
        using var engine = context.Model.CreatePredictionEngine<SourceRow, NBestRow>(model);
        var source = new SourceRow();
        var prediction = new NBestRow();
        foreach (string text in texts)
        {
            source.Source = text;
            engine.Predict(source, ref prediction);
            for (int i = 0; i < prediction.NBestText.Length; i++)
            {
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{prediction.NBestText[i]}\t{prediction.NBestScores[i]:F4}"));
            }

            Console.Out.WriteLine();
        }
    }

    private static IEnumerable<string> StandardInputLines()
    {
        while (Console.In.ReadLine() is { } line)
        {
            yield return line;
        }
    }
}
