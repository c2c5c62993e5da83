// Addition: learn to add ("57+5" -> "62", operands 0..999) from examples, character by character, on an MLContext.
// The samples printed at the end are marked "✗ expected ANSWER" where the model gets them wrong.
// Usage: dotnet run -c Release --project examples/Addition -- [--quick] [--decoder plain|context-only|context-every-step|peeky|attention]
//        [--no-reverse] [--epochs N] [--pairs N] [--validation-pairs N] [--seed N] [--hidden N] [--learning-rate R] [--save FILE] [--attention NAME] [--input-feeding]
using System.Globalization;
using Examples.Shared;

const int MaxOperand = 999;
return ExampleTraining.Run(
    args,
    defaults: new ExampleSettings(Pairs: 50_000, Epochs: 25, Hidden: 128, LearningRate: 0.005f) { ValidationPairs = 5000 },
    quick: new ExampleSettings(Pairs: 3000, Epochs: 3, Hidden: 64, LearningRate: 0.005f) { ValidationPairs = 300 },
    settings =>
    {
        var random = new Random(settings.Seed);
        return [.. Enumerable.Range(0, settings.Pairs).Select(_ =>
        {
            int a = random.Next(MaxOperand + 1), b = random.Next(MaxOperand + 1);
            return new TextPair { Source = string.Create(CultureInfo.InvariantCulture, $"{a}+{b}"), Target = (a + b).ToString(CultureInfo.InvariantCulture) };
        })];
    },
    samples: [.. new[] { (57, 5), (12, 345), (999, 1), (0, 0), (408, 93) }.Select(p =>
        (string.Create(CultureInfo.InvariantCulture, $"{p.Item1}+{p.Item2}"), (string?)(p.Item1 + p.Item2).ToString(CultureInfo.InvariantCulture)))]);
