using System.Globalization;
using Microsoft.ML;
using MLNet.Seq2Seq.Trainers;

namespace MLNet.Seq2Seq.Benchmarks;

/// <summary>
/// The addition model the speed benchmarks run: a model file written by <c>seq2seq train</c> (input column Source,
/// output column Prediction), or, without one, a peeky model with reversed input trained here in a few seconds.
/// </summary>
internal static class AdditionModel
{
    /// <summary>Loads <c>--model=FILE</c>, or trains on <c>--pairs=N</c> pairs for <c>--epochs=N</c> epochs.</summary>
    public static ITransformer LoadOrTrain(MLContext context, IReadOnlyList<string> options)
    {
        if (BenchmarkOptions.Text(options, "model") is { } path)
        {
            Console.WriteLine($"Model: {path}");
            return context.Seq2Seq.LoadModel(path, out _);
        }

        int pairs = BenchmarkOptions.Integer(options, "pairs", 20_000), epochs = BenchmarkOptions.Integer(options, "epochs", 3);
        Console.WriteLine($"Model: peeky, reversed input, embedding 16, hidden 128, trained here on {pairs} pairs for {epochs} epoch(s)");
        var training = Questions(pairs, seed: 1).Select(q => new SourceRow { Source = q, Target = Answer(q) });
        var options2 = new CharacterSeq2SeqOptions
        {
            ReverseSource = true,
            Trainer = new LstmEncoderDecoderOptions { Decoder = DecoderForm.Peeky, Epochs = epochs, LearningRate = 0.005f },
        };
        return context.Seq2Seq.CharacterSeq2Seq(nameof(SourceRow.Source), nameof(SourceRow.Target), options2)
            .Fit(context.Data.LoadFromEnumerable(training));
    }

    /// <summary>Questions "a+b" with operands drawn uniformly from 0..999.</summary>
    public static string[] Questions(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => string.Create(CultureInfo.InvariantCulture, $"{random.Next(1000)}+{random.Next(1000)}"))];
    }

    private static string Answer(string question)
    {
        int plus = question.IndexOf('+', StringComparison.Ordinal);
        return (int.Parse(question[..plus], CultureInfo.InvariantCulture) + int.Parse(question[(plus + 1)..], CultureInfo.InvariantCulture))
            .ToString(CultureInfo.InvariantCulture);
    }
}

/// <summary>One source text (and, for training, its target), under the CLI's column names.</summary>
internal sealed class SourceRow
{
    /// <summary>The question.</summary>
    public string Source { get; set; } = string.Empty;

    /// <summary>The answer (training only).</summary>
    public string Target { get; set; } = string.Empty;
}

/// <summary>The model's answer, under the CLI's column name.</summary>
internal sealed class PredictionRow
{
    /// <summary>The predicted text.</summary>
    public string Prediction { get; set; } = string.Empty;
}
