using System.CommandLine;
using System.Globalization;
using Microsoft.ML;

namespace MLNet.Seq2Seq.Cli.Commands;

/// <summary><c>seq2seq predict</c>: prints a saved model's answer for each text, one a line.</summary>
internal static class PredictCommand
{
    private static readonly Option<string> ModelPath = CliOptions.RequiredPath("--model", "The trained model (.zip).");
    private static readonly Option<int?> MaxOutputLength = CliOptions.MaxOutputLength("Longest output to decode (default: the model's own limit).");
    private static readonly SourceTextOptions SourceText = new(readsPairFiles: false, followsModel: true);
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
        foreach (Option option in SourceText.All)
        {
            command.Options.Add(option);
        }

        Decoding.AddTo(command);
        command.SetAction(parseResult => ErrorReport.Guard(parseResult, () => Run(parseResult)));
        return command;
    }

    private static int Run(ParseResult parseResult)
    {
        var context = CliOptions.CreateContext(parseResult);

        ITransformer model = Decoding.Apply(parseResult, context,
            SourceText.Override(parseResult, ModelFiles.Load(context, parseResult.GetRequiredValue(ModelPath), parseResult.GetValue(MaxOutputLength))));
        string[] texts = parseResult.GetValue(Texts) ?? [];
        var sources = texts.Length > 0 ? texts : StandardInputLines();
        string where = texts.Length > 0 ? "argument" : "standard input, line";
        SourceNotes notes = SourceNotes.For(parseResult, context, model);
        if (Decoding.NBest(parseResult) > 1)
        {
            Answer<NBestRow>(context, model, notes, sources, where, PrintNBest);
        }
        else
        {
            Answer<PredictionRow>(context, model, notes, sources, where, prediction => Console.Out.WriteLine(prediction.Prediction));
        }

        return ExitCodes.Success;
    }

    /// <summary>Predicts each source in turn and prints it; a source the model refuses stops the run naming where it came from.</summary>
    private static void Answer<TPrediction>(MLContext context, ITransformer model, SourceNotes notes, IEnumerable<string> texts, string where, Action<TPrediction> print)
        where TPrediction : class, new()
    {
        using var engine = context.Model.CreatePredictionEngine<SourceRow, TPrediction>(model);
        var source = new SourceRow();
        var prediction = new TPrediction();
        int number = 0;
        foreach (string text in texts)
        {
            number++;
            source.Source = text;
            notes.Write($"{where} {number}", text);
            try
            {
                engine.Predict(source, ref prediction);
            }
            catch (Exception ex) when (ErrorReport.Find<InvalidDataException>(ex) is { } refused)
            {
                throw new InvalidDataException($"{where} {number}: {refused.Message}", ex);
            }

            print(prediction);
        }
    }

    /// <summary>A source's n best answers as "answer TAB score" lines, best first, then an empty line.</summary>
    private static void PrintNBest(NBestRow prediction)
    {
        for (int i = 0; i < prediction.NBestText.Length; i++)
        {
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{prediction.NBestText[i]}\t{prediction.NBestScores[i]:F4}"));
        }

        Console.Out.WriteLine();
    }

    private static IEnumerable<string> StandardInputLines()
    {
        while (Console.In.ReadLine() is { } line)
        {
            yield return line;
        }
    }
}
