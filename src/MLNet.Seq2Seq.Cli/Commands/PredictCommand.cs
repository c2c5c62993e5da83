using System.CommandLine;

namespace MLNet.Seq2Seq.Cli.Commands;

/// <summary><c>seq2seq predict</c>: prints a saved model's answer for each text, one a line.</summary>
internal static class PredictCommand
{
    private static readonly Option<string> ModelPath = CliOptions.RequiredPath("--model", "The trained model (.zip).");
    private static readonly Option<int?> MaxOutputLength = CliOptions.MaxOutputLength("Longest output to decode (default: the model's own limit).");
    private static readonly SourceTextOptions SourceText = new(readsPairFiles: false, followsModel: true);
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
        foreach (Option option in SourceText.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(parseResult => ErrorReport.Guard(parseResult, () => Run(parseResult)));
        return command;
    }

    private static int Run(ParseResult parseResult)
    {
        var context = CliOptions.CreateContext(parseResult);

        ITransformer model = SourceText.Override(parseResult, ModelFiles.Load(context, parseResult.GetRequiredValue(ModelPath), parseResult.GetValue(MaxOutputLength)));
        using var engine = context.Model.CreatePredictionEngine<SourceRow, PredictionRow>(model);
        var source = new SourceRow();
        var prediction = new PredictionRow();
        string[] texts = parseResult.GetValue(Texts) ?? [];
        string where = texts.Length > 0 ? "argument" : "standard input, line";
        int number = 0;
        foreach (string text in texts.Length > 0 ? texts : StandardInputLines())
        {
            number++;
            source.Source = text;
            try
            {
                engine.Predict(source, ref prediction);
            }
            catch (InvalidDataException ex)
            {
                throw new InvalidDataException($"{where} {number}: {ex.Message}", ex);
            }

            Console.Out.WriteLine(prediction.Prediction);
        }

        return ExitCodes.Success;
    }

    private static IEnumerable<string> StandardInputLines()
    {
        while (Console.In.ReadLine() is { } line)
        {
            yield return line;
        }
    }
}
