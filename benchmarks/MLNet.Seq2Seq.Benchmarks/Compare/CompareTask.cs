using System.Globalization;
using MLNet.Seq2Seq.Engine.Models;
using MLNet.Seq2Seq.Trainers;
using MLNet.Seq2Seq.Training;

namespace MLNet.Seq2Seq.Benchmarks.Compare;

/// <summary>
/// A training task of the side-by-side benchmark as the engines' key sequences (0 padding; target keys from 3, 1 start,
/// 2 end): "addition" (sources "a+b", operands 0..999, reversed, 3 to 7 characters; targets the sum) or "digitsum"
/// (50 random digits, reversed; targets their sum, 1 to 3 digits), 50,000 pairs from seed 1 of which the first 45,000
/// train. The network: peeky, embedding 16, one layer, hidden and cell as the context, no dropout.
/// </summary>
internal sealed record CompareTask(string Name, SequencePairs Train, int SourceVocabulary, int TargetVocabulary)
{
    /// <summary>Characters of a digit-sum source.</summary>
    public const int DigitSumLength = 50;

    private const string Digits = "0123456789";

    /// <summary>Embedding width of every network here.</summary>
    public const int Embedding = 16;

    /// <summary>Rows per batch.</summary>
    public const int BatchSize = 128;

    /// <summary>The task's training pairs, cut to <paramref name="batches"/> × 128 when that is above 0.</summary>
    public static CompareTask Create(string name, int batches, int pairs = 50_000)
    {
        var (sources, targets, sourceVocabulary) = name switch
        {
            "addition" => Addition(pairs),
            "digitsum" => DigitSum(pairs),
            _ => throw new ArgumentException($"Unknown task '{name}' (addition, digitsum)."),
        };
        int trainCount = pairs - (pairs / 10);
        if (batches > 0)
        {
            trainCount = Math.Min(trainCount, batches * BatchSize);
        }

        return new CompareTask(name, new SequencePairs(sources.Take(trainCount).ToList(), targets.Take(trainCount).ToList()), sourceVocabulary, 13);
    }

    /// <summary>The network of this task at <paramref name="hidden"/>.</summary>
    public NetworkShape Shape(int hidden) =>
        new(SourceVocabulary, TargetVocabulary, Embedding, hidden, 1, DecoderForm.Peeky, ContextKind.HiddenAndCell, 0f);

    /// <summary>
    /// Multiply-add FLOPs of one training pass over <see cref="Train"/> (forward, input and weight gradients: 3 × the
    /// forward products), counting each row's real steps only: encoder [x; h]·W [E + H, 4H] per source key, decoder
    /// [x; context; h]·W [E + 2H, 4H] and the output layer [h; context]·W [2H, V] per target key plus the end key.
    /// The same figure serves both engines: useful work, not what either does on padding.
    /// </summary>
    public double TrainingFlops(int hidden)
    {
        double h = hidden, e = Embedding, v = TargetVocabulary;
        double encoderStep = 2 * (e + h) * 4 * h, decoderStep = (2 * (e + 2 * h) * 4 * h) + (2 * 2 * h * v);
        double total = 0;
        for (int i = 0; i < Train.Count; i++)
        {
            total += (Train.Sources[i].Length * encoderStep) + ((Train.Targets[i].Length + 1) * decoderStep);
        }

        return 3 * total;
    }

    /// <summary>The task's source texts and answers, for the text pipeline (latency models).</summary>
    public static IEnumerable<(string Source, string Target)> Texts(string name, int count, int seed) => name switch
    {
        "addition" => AdditionModel.Questions(count, seed).Select(q => (q, AdditionSum(q).ToString(CultureInfo.InvariantCulture))),
        _ => DigitSumTexts(count, seed).Select(s => (s, s.Sum(ch => ch - '0').ToString(CultureInfo.InvariantCulture))),
    };

    private static (List<int[]>, List<int[]>, int) Addition(int pairs)
    {
        var sources = new List<int[]>(pairs);
        var targets = new List<int[]>(pairs);
        foreach (string question in AdditionModel.Questions(pairs, seed: 1))
        {
            sources.Add([.. question.Reverse().Select(ch => ch == '+' ? 11 : 1 + Digits.IndexOf(ch, StringComparison.Ordinal))]);
            targets.Add(TargetKeys(AdditionSum(question)));
        }

        return (sources, targets, 12);
    }

    private static (List<int[]>, List<int[]>, int) DigitSum(int pairs)
    {
        var sources = new List<int[]>(pairs);
        var targets = new List<int[]>(pairs);
        foreach (string source in DigitSumTexts(pairs, seed: 1))
        {
            sources.Add([.. source.Reverse().Select(ch => 1 + (ch - '0'))]);
            targets.Add(TargetKeys(source.Sum(ch => ch - '0')));
        }

        return (sources, targets, 11);
    }

    private static IEnumerable<string> DigitSumTexts(int count, int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            yield return string.Create(DigitSumLength, random, (span, r) =>
            {
                for (int k = 0; k < span.Length; k++)
                {
                    span[k] = (char)('0' + r.Next(10));
                }
            });
        }
    }

    private static int[] TargetKeys(int value) =>
        [.. value.ToString(CultureInfo.InvariantCulture).Select(ch => 3 + (ch - '0'))];

    private static int AdditionSum(string question)
    {
        int plus = question.IndexOf('+', StringComparison.Ordinal);
        return int.Parse(question[..plus], CultureInfo.InvariantCulture) + int.Parse(question[(plus + 1)..], CultureInfo.InvariantCulture);
    }
}
