// The second seed's task: learn to add ("57+5" -> "62") from examples, character by character.
// Usage: dotnet run -c Release --project examples/Addition -- [--quick] [--decoder plain|context-only|context|peeky]
//        [--no-reverse] [--epochs N] [--pairs N] [--seed N] [--learning-rate R]
using System.Diagnostics;
using System.Globalization;
using MLNet.Seq2Seq;
using MLNet.Seq2Seq.Trainers;

var settings = AdditionSettings.Parse(args);
var ctx = new Seq2SeqContext(seed: settings.Seed);
var random = new Random(settings.Seed);
var pairs = Enumerable.Range(0, settings.Pairs).Select(_ =>
{
    int a = random.Next(settings.MaxOperand + 1), b = random.Next(settings.MaxOperand + 1);
    return new AdditionPair { Question = $"{a}+{b}", Answer = (a + b).ToString(CultureInfo.InvariantCulture) };
}).ToArray();
var split = ctx.Data.TrainTestSplit(ctx.Data.LoadFromEnumerable(pairs), testFraction: 0.1, seed: settings.Seed);

var options = new CharacterSeq2SeqOptions
{
    ReverseSource = settings.Reverse,
    Trainer = new LstmEncoderDecoderOptions
    {
        Decoder = settings.Decoder,
        Epochs = settings.Epochs,
        LearningRate = settings.LearningRate,
        Progress = new Progress<TrainingProgress>(p =>
        {
            if (p.CompletedEpoch is { } e)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"epoch {e.Epoch}/{p.Epochs}  loss {e.TrainLoss:F4}  {e.TrainSeconds:F1} s  {p.ExamplesPerSecond:F0} examples/s"));
            }
        }),
    },
};
Console.WriteLine($"Training on {settings.Pairs * 9 / 10} pairs (operands 0..{settings.MaxOperand}), decoder {settings.Decoder}, reversed input: {settings.Reverse}");
var clock = Stopwatch.StartNew();
ITransformer model = ctx.Seq2Seq.CharacterSeq2Seq(nameof(AdditionPair.Question), nameof(AdditionPair.Answer), options).Fit(split.TrainSet);
var metrics = ctx.Seq2Seq.Evaluate(model.Transform(split.TestSet), nameof(AdditionPair.Answer), "Prediction");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Trained in {clock.Elapsed.TotalSeconds:F1} s. Held-out exact match {metrics.ExactMatch:P2}, character accuracy {metrics.CharacterAccuracy:P2} ({metrics.Count} pairs)"));

using var engine = ctx.Model.CreatePredictionEngine<AdditionPair, AdditionPrediction>(model);
foreach (string question in new[] { "57+5", "12+345", "999+1", "0+0", "408+93" })
{
    Console.WriteLine($"{question,8} = {engine.Predict(new AdditionPair { Question = question }).Prediction}");
}

/// <summary>One question and its answer.</summary>
internal sealed class AdditionPair
{
    public string Question { get; set; } = "";

    public string Answer { get; set; } = "";
}

/// <summary>The model's answer.</summary>
internal sealed class AdditionPrediction
{
    public string Prediction { get; set; } = "";
}

/// <summary>Command-line settings; --quick makes a run of seconds for tests.</summary>
internal sealed record AdditionSettings(int Pairs, int MaxOperand, int Epochs, DecoderForm Decoder, bool Reverse, int Seed, float LearningRate = 0.005f)
{
    public static AdditionSettings Parse(string[] args)
    {
        bool quick = args.Contains("--quick");
        var settings = quick ? new AdditionSettings(5000, 99, 6, DecoderForm.Peeky, true, 1) : new AdditionSettings(50_000, 999, 25, DecoderForm.Peeky, true, 1);
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            settings = args[i] switch
            {
                "--quick" => settings,
                "--no-reverse" => settings with { Reverse = false },
                "--epochs" => settings with { Epochs = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--pairs" => settings with { Pairs = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--seed" => settings with { Seed = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--learning-rate" => settings with { LearningRate = float.Parse(Value(), CultureInfo.InvariantCulture) },
                "--decoder" => settings with
                {
                    Decoder = Value() switch
                    {
                        "plain" => DecoderForm.Plain,
                        "context-only" => DecoderForm.ContextOnly,
                        "context" => DecoderForm.ContextEveryStep,
                        "peeky" => DecoderForm.Peeky,
                        var other => throw new ArgumentException($"--decoder: unknown form '{other}' (plain, context-only, context, peeky)."),
                    },
                },
                var other => throw new ArgumentException($"Unknown option '{other}'."),
            };
        }

        return settings;
    }
}
