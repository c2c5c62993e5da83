using System.Diagnostics;
using System.Globalization;
using MLNet.Seq2Seq;
using MLNet.Seq2Seq.Trainers;

namespace Examples.Shared;

/// <summary>
/// What every console example does once it has its data: parse the settings, train the character-level chain through
/// the pipeline API with one progress line per epoch on stderr, print the exact match and a few predictions.
/// </summary>
public static class ExampleTraining
{
    /// <summary>
    /// Runs an example: trains on <paramref name="makePairs"/>'s pairs and scores a seeded held-out tenth of them, or all
    /// of them when <paramref name="scoreTrainingPairs"/> (a memorising task has nothing to hold out).
    /// </summary>
    /// <param name="args">The command line; see <see cref="ExampleSettings"/>.</param>
    /// <param name="defaults">Settings of a full run (minutes on 2 cores).</param>
    /// <param name="quick">Settings with --quick (seconds).</param>
    /// <param name="makePairs">Makes the data for the settings (deterministic for a seed).</param>
    /// <param name="samples">Sources whose predictions are printed.</param>
    /// <param name="scoreTrainingPairs">Train on every pair and score the same pairs.</param>
    /// <returns>The exit code: 0, or 2 for a bad command line.</returns>
    public static int Run(string[] args, ExampleSettings defaults, ExampleSettings quick,
        Func<ExampleSettings, IReadOnlyList<TextPair>> makePairs, IReadOnlyList<string> samples, bool scoreTrainingPairs = false)
    {
        ArgumentNullException.ThrowIfNull(makePairs);
        ArgumentNullException.ThrowIfNull(samples);
        ExampleSettings settings;
        try
        {
            settings = ExampleSettings.Parse(args, defaults, quick);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }

        var ctx = new Seq2SeqContext(seed: settings.Seed);
        IReadOnlyList<TextPair> pairs = makePairs(settings);
        IDataView data = ctx.Data.LoadFromEnumerable(pairs);
        var (train, test) = scoreTrainingPairs ? (data, data) : Split(ctx, data, settings.Seed);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{pairs.Count} pairs{(scoreTrainingPairs ? "" : ", a tenth held out")}. Decoder {settings.Decoder}, reversed input {settings.Reverse}, hidden {settings.Hidden}, {settings.Epochs} epochs, learning rate {settings.LearningRate}"));

        var clock = Stopwatch.StartNew();
        ITransformer model = ctx.Seq2Seq.CharacterSeq2Seq(nameof(TextPair.Source), nameof(TextPair.Target), Options(settings)).Fit(train);
        var metrics = ctx.Seq2Seq.Evaluate(model.Transform(test), nameof(TextPair.Target), "Prediction");
        string scored = scoreTrainingPairs ? "Exact match on the training pairs" : "Held-out exact match";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Trained in {clock.Elapsed.TotalSeconds:F1} s. {scored} {metrics.ExactMatch:P2}, character accuracy {metrics.CharacterAccuracy:P2} ({metrics.Count} pairs)"));

        if (settings.SaveTo is { } path)
        {
            ctx.Model.Save(model, data.Schema, path);
            Console.WriteLine($"Model saved to {Path.GetFullPath(path)}");
        }

        using var engine = ctx.Model.CreatePredictionEngine<TextPair, TextPrediction>(model);
        int width = samples.Max(s => s.Length);
        foreach (string source in samples)
        {
            Console.WriteLine($"{source.PadLeft(width)} -> {engine.Predict(new TextPair { Source = source }).Prediction}");
        }

        return 0;
    }

    private static (IDataView Train, IDataView Test) Split(Seq2SeqContext ctx, IDataView data, int seed)
    {
        var split = ctx.Data.TrainTestSplit(data, testFraction: 0.1, seed: seed);
        return (split.TrainSet, split.TestSet);
    }

    private static CharacterSeq2SeqOptions Options(ExampleSettings settings) => new()
    {
        ReverseSource = settings.Reverse,
        Trainer = new LstmEncoderDecoderOptions
        {
            Decoder = settings.Decoder,
            Attention = settings.Attention,
            InputFeeding = settings.InputFeeding,
            Epochs = settings.Epochs,
            HiddenSize = settings.Hidden,
            LearningRate = settings.LearningRate,
            Progress = new EpochLines(),
        },
    };

    /// <summary>Writes one line per finished epoch to stderr.</summary>
    private sealed class EpochLines : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.CompletedEpoch is { } epoch)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"epoch {epoch.Epoch}/{value.Epochs}  loss {epoch.TrainLoss:F4}  {epoch.TrainSeconds:F1} s  {value.ExamplesPerSecond:F0} examples/s"));
            }
        }
    }
}
