using System.Globalization;
using MLNet.Seq2Seq.Engine.Models;
using MLNet.Seq2Seq.Trainers;
using MLNet.Seq2Seq.Training;

namespace MLNet.Seq2Seq.Benchmarks;

/// <summary>
/// Training speed of the engine on the addition model (peeky decoder, reversed input, embedding 16, batch 128,
/// 45,000 pairs, Adam 0.005, clipping 5, teacher forcing 1): seconds per epoch after the first or, with
/// <c>--batches=N</c>, seconds per N batches (--epochs passes of N batches after one warm-up pass). The engine's trainer is
/// driven directly, without the text pipeline, so the figure is the engine's alone.
/// </summary>
internal sealed class TrainBenchmark : IBenchmark
{
    private const string Digits = "0123456789";

    /// <inheritdoc/>
    public string Name => "train";

    /// <inheritdoc/>
    public string Description => "addition-model training seconds per epoch or per N batches [--hidden=N] [--threads=N] [--epochs=N] [--batches=N: N batches an epoch, after one warm-up] [--pairs=N]";

    /// <inheritdoc/>
    public void Run(IReadOnlyList<string> options)
    {
        int hidden = BenchmarkOptions.Integer(options, "hidden", 128), threads = BenchmarkOptions.Integer(options, "threads", 2);
        int epochs = BenchmarkOptions.Integer(options, "epochs", 3), batches = BenchmarkOptions.Integer(options, "batches", 0);
        int pairs = BenchmarkOptions.Integer(options, "pairs", 50_000);
        var (train, sourceVocabulary, targetVocabulary) = Data(pairs);
        if (batches > 0)
        {
            // A warm-up pass, then --epochs timed passes: every epoch holds exactly the requested batches.
            train = new SequencePairs([.. train.Sources.Take(batches * 128)], [.. train.Targets.Take(batches * 128)]);
            epochs++;
        }

        var shape = new NetworkShape(sourceVocabulary, targetVocabulary, 16, hidden, 1, DecoderForm.Peeky, ContextKind.HiddenAndCell, 0f);
        var settings = new TrainingSettings { Epochs = epochs, LearningRate = 0.005f, Seed = 1, Threads = threads };
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Addition model: peeky, reversed, embedding 16, hidden {hidden}, batch 128, {train.Count} training pairs, {threads} thread(s)"));
        var cpu = new EpochCpuTime();
        var result = new Seq2SeqTrainer(settings, startKey: 1, endKey: 2).Train(shape, train, null, cpu, CancellationToken.None);
        foreach (var epoch in result.History)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"epoch {epoch.Epoch}: {epoch.TrainSeconds:F2} s ({train.Count / epoch.TrainSeconds:F0} examples/s), process CPU {cpu.Seconds[epoch.Epoch - 1]:F2} s, loss {epoch.TrainLoss:F4}"));
        }

        // A digest of the trained weights' bits: equal digests across builds mean bit-identical training.
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(result.Network.Parameters.Values.AsSpan());
        Console.WriteLine($"weights SHA-256 {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes))[..16]}");
        var timed = result.History.Skip(1).Select(e => e.TrainSeconds).Order().ToArray();
        if (timed.Length > 0)
        {
            string unit = batches > 0 ? $"per {batches} batches" : "per epoch";
            var cpuTimed = cpu.Seconds.Skip(1).Order().ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"hidden {hidden}: {timed[0]:F2} s {unit} (min after the first), {timed[timed.Length / 2]:F2} s (median); process CPU {cpuTimed[0]:F2} s (min)"));
        }
    }

    /// <summary>
    /// The process's CPU seconds over each epoch (read synchronously when the trainer reports a finished epoch; this
    /// includes the epoch's validation, which the benchmark does not run). Steadier than wall-clock time on a machine
    /// whose cores are shared, and at 1 thread the same quantity.
    /// </summary>
    private sealed class EpochCpuTime : IProgress<TrainingProgress>
    {
        private TimeSpan last = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;

        public List<double> Seconds { get; } = [];

        public void Report(TrainingProgress value)
        {
            if (value.CompletedEpoch is null)
            {
                return;
            }

            var now = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            Seconds.Add((now - last).TotalSeconds);
            last = now;
        }
    }

    /// <summary>
    /// The addition pairs as keys: source keys 1..11 for digits and '+', reversed; target keys 3..12 for digits
    /// (0 padding, 1 start, 2 end). The first 90 % of the pairs (seed 1) are the training set.
    /// </summary>
    private static (SequencePairs Train, int SourceVocabulary, int TargetVocabulary) Data(int pairs)
    {
        string[] questions = AdditionModel.Questions(pairs, seed: 1);
        int trainCount = pairs - (pairs / 10);
        var sources = new List<int[]>(trainCount);
        var targets = new List<int[]>(trainCount);
        foreach (string question in questions.Take(trainCount))
        {
            int plus = question.IndexOf('+', StringComparison.Ordinal);
            int sum = int.Parse(question[..plus], CultureInfo.InvariantCulture) + int.Parse(question[(plus + 1)..], CultureInfo.InvariantCulture);
            sources.Add([.. question.Reverse().Select(ch => ch == '+' ? 11 : 1 + Digits.IndexOf(ch, StringComparison.Ordinal))]);
            targets.Add([.. sum.ToString(CultureInfo.InvariantCulture).Select(ch => 3 + Digits.IndexOf(ch, StringComparison.Ordinal))]);
        }

        return (new SequencePairs(sources, targets), 12, 13);
    }
}
