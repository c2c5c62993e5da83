using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using MLNet.Seq2Seq;
using MLNet.Seq2Seq.Trainers;

namespace Examples.Shared;

/// <summary>
/// What every console example does once it has its data: parse the settings, train the character-level chain on an
/// <see cref="MLContext"/> with one progress line per epoch on stderr, print the exact match and a few predictions,
/// each wrong one marked with the expected answer.
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
    /// <param name="samples">Sources whose predictions are printed, with the answer expected where there is one (null: none, as for a word never seen).</param>
    /// <param name="scoreTrainingPairs">Train on every pair and score the same pairs.</param>
    /// <param name="pipeline">
    /// The estimator to fit on <see cref="TextPair"/> rows, which must add a text column "Prediction"; null: the
    /// character-level chain <c>ml.Seq2Seq.CharacterSeq2Seq("Source", "Target", ...)</c> with the settings' options.
    /// </param>
    /// <returns>The exit code: 0, or 2 for a bad command line.</returns>
    public static int Run(string[] args, ExampleSettings defaults, ExampleSettings quick,
        Func<ExampleSettings, IReadOnlyList<TextPair>> makePairs, IReadOnlyList<(string Source, string? Expected)> samples, bool scoreTrainingPairs = false,
        Func<MLContext, ExampleSettings, IEstimator<ITransformer>>? pipeline = null)
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

        if (settings.ValidationPairs > 0 && (scoreTrainingPairs || pipeline is not null))
        {
            Console.Error.WriteLine("--validation-pairs: this example trains without a validation set; use 0.");
            return 2;
        }

        var ml = new MLContext(seed: settings.Seed);
        IReadOnlyList<TextPair> pairs = makePairs(settings);
        IDataView data = ml.Data.LoadFromEnumerable(pairs);
        var (train, test) = scoreTrainingPairs ? (data, data) : Split(ml, data, settings.Seed);
        IDataView? validation = settings.ValidationPairs > 0
            ? ml.Data.LoadFromEnumerable(makePairs(settings with { Pairs = settings.ValidationPairs, Seed = settings.Seed + ValidationSeedOffset }))
            : null;
        string validated = validation is null ? "" : string.Create(CultureInfo.InvariantCulture, $", {settings.ValidationPairs} more to pick the best epoch");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{pairs.Count} pairs{(scoreTrainingPairs ? "" : ", a tenth held out")}{validated}. decoder {ExampleSettings.DecoderName(settings.Decoder)}, reversed input {settings.Reverse}, hidden {settings.Hidden}, {settings.Epochs} epochs, learning rate {settings.LearningRate}"));

        var clock = Stopwatch.StartNew();
        pipeline ??= (context, s) => context.Seq2Seq.CharacterSeq2Seq(nameof(TextPair.Source), nameof(TextPair.Target), new CharacterSeq2SeqOptions
        {
            ReverseSource = s.Reverse,
            Trainer = TrainerOptions(s),
            ValidationData = validation,
        });
        ITransformer model = pipeline(ml, settings).Fit(train);
        Seq2SeqMetrics metrics = ml.Seq2Seq.Evaluate(model.Transform(test), nameof(TextPair.Target), nameof(TextPrediction.Prediction));
        string scored = scoreTrainingPairs ? "Exact match on the training pairs" : "Held-out exact match";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Trained in {clock.Elapsed.TotalSeconds:F1} s. {scored} {metrics.ExactMatch:P2}, character accuracy {metrics.CharacterAccuracy:P2} ({metrics.Count} pairs)"));

        if (settings.SaveTo is { } path)
        {
            SaveModel(ml, model, data.Schema, path);
            Console.WriteLine($"Model saved to {Path.GetFullPath(path)}");
        }

        using var engine = ml.Model.CreatePredictionEngine<TextPair, TextPrediction>(model);
        int longest = samples.Max(s => s.Source.Length);
        int width = longest <= MaxAlignedSource ? longest : 0;
        foreach (var (source, expected) in samples)
        {
            string prediction = engine.Predict(new TextPair { Source = source }).Prediction;
            Console.WriteLine(SampleLine(source.PadLeft(width), prediction, expected));
        }

        return 0;
    }

    /// <summary>
    /// The validation pairs are made with the run's seed plus this, so they are drawn apart from the training and
    /// held-out pairs (for generated tasks a pair can still occur in both by chance, as between training and held-out).
    /// </summary>
    private const int ValidationSeedOffset = 1_000_003;

    /// <summary>Samples are right-aligned on their arrows when no source is longer than this; longer ones are printed as they are.</summary>
    private const int MaxAlignedSource = 40;

    /// <summary>
    /// One printed prediction: "SOURCE -> PREDICTION", with "  ✗ expected ANSWER" appended when the prediction is not
    /// the <paramref name="expected"/> answer (nothing is appended when there is no expected answer).
    /// </summary>
    public static string SampleLine(string source, string prediction, string? expected) =>
        expected is null || prediction == expected ? $"{source} -> {prediction}" : $"{source} -> {prediction}  ✗ expected {expected}";

    /// <summary>
    /// Saves with ML.NET's <see cref="ModelOperationsCatalog.Save(ITransformer, DataViewSchema, string)"/> to a file
    /// beside <paramref name="path"/>, then renames it over <paramref name="path"/>: ML.NET opens the path it is given
    /// itself and can leave a partial file when saving fails, so an existing model is only replaced by a complete one.
    /// </summary>
    private static void SaveModel(MLContext ml, ITransformer model, DataViewSchema inputSchema, string path)
    {
        string temporary = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            ml.Model.Save(model, inputSchema, temporary);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static (IDataView Train, IDataView Test) Split(MLContext ml, IDataView data, int seed)
    {
        var split = ml.Data.TrainTestSplit(data, testFraction: 0.1, seed: seed);
        return (split.TrainSet, split.TestSet);
    }

    /// <summary>
    /// The encoder-decoder options the settings give (decoder form, attention, epochs, hidden size, learning rate), with
    /// one progress line per finished epoch on stderr; the column names are the trainer's defaults.
    /// </summary>
    public static LstmEncoderDecoderOptions TrainerOptions(ExampleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new LstmEncoderDecoderOptions
        {
            Decoder = settings.Decoder,
            Attention = settings.Attention,
            InputFeeding = settings.InputFeeding,
            Epochs = settings.Epochs,
            HiddenSize = settings.Hidden,
            LearningRate = settings.LearningRate,
            Progress = new EpochLines(),
        };
    }

    /// <summary>Writes one line per finished epoch to stderr.</summary>
    private sealed class EpochLines : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.CompletedEpoch is { } epoch)
            {
                string validated = epoch.ValidExactMatch is { } exactMatch ? string.Create(CultureInfo.InvariantCulture, $"  valid exact match {exactMatch:P2}") : "";
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"epoch {epoch.Epoch}/{value.Epochs}  loss {epoch.TrainLoss:F4}{validated}  {epoch.TrainSeconds:F1} s  {value.ExamplesPerSecond:F0} examples/s"));
            }
        }
    }
}
