using System.Globalization;
using MLNet.Seq2Seq.Trainers;
using MLNet.Seq2Seq.TorchSharp;
using MLNet.Seq2Seq.Training;

namespace MLNet.Seq2Seq.Benchmarks.Compare;

/// <summary>
/// One engine of the side-by-side benchmark in its own process (so each engine's peak RSS is its own), driven over
/// stdin by <see cref="CompareBenchmark"/>: after a short warm-up it prints "ready"; each "pass" line runs one timed
/// pass (an epoch, or --batches=N batches) and prints "pass SECONDS LOSS"; "quit" prints "rss KB" (VmHWM) and exits.
/// </summary>
internal sealed class CompareWorker : IBenchmark
{
    /// <inheritdoc/>
    public string Name => "compare-worker";

    /// <inheritdoc/>
    public string Description => "(internal) one engine of `compare`: --engine=managed|libtorch --task=addition|digitsum --hidden=N --batches=N --threads=N";

    /// <inheritdoc/>
    public void Run(IReadOnlyList<string> options)
    {
        string engine = BenchmarkOptions.Text(options, "engine") ?? "managed";
        int hidden = BenchmarkOptions.Integer(options, "hidden", 128), threads = BenchmarkOptions.Integer(options, "threads", 2);
        int batches = BenchmarkOptions.Integer(options, "batches", 0);
        var task = CompareTask.Create(BenchmarkOptions.Text(options, "task") ?? "addition", batches);
        var warmUp = new SequencePairs([.. task.Train.Sources.Take(3 * CompareTask.BatchSize)], [.. task.Train.Targets.Take(3 * CompareTask.BatchSize)]);
        Run(engine == "libtorch" ? new TorchSharpEngine("cpu") : Seq2SeqEngine.Managed, task, hidden, threads, warmUp);
    }

    /// <summary>The peak resident set size of this process (VmHWM), in kB.</summary>
    public static long PeakRssKilobytes()
    {
        foreach (string line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        return -1;
    }

    /// <summary>
    /// Both engines run the library's one training loop (the same shuffle, batches, clipping and Adam), so the timed
    /// difference is the engine's: a warm-up on a few batches, then one epoch per "pass" command.
    /// </summary>
    private static void Run(Seq2SeqEngine engine, CompareTask task, int hidden, int threads, SequencePairs warmUp)
    {
        var shape = task.Shape(hidden);
        TrainingSettings Settings(int epochs) => new()
        {
            Epochs = epochs, LearningRate = 0.005f, Seed = 1, Threads = threads, BatchSize = CompareTask.BatchSize, Engine = engine,
        };
        new Seq2SeqTrainer(Settings(1), startKey: 1, endKey: 2).Train(shape, warmUp, null, null, CancellationToken.None);
        Console.WriteLine("ready");
        if (!NextIsPass())
        {
            Quit();
        }

        // The trainer reports each finished epoch synchronously, before the next epoch's clock starts: the driver's
        // next command is awaited there, so the other engine's pass runs while this one waits.
        var progress = new EpochGate();
        new Seq2SeqTrainer(Settings(100_000), startKey: 1, endKey: 2).Train(shape, task.Train, null, progress, CancellationToken.None);
    }

    private static bool NextIsPass()
    {
        string? command = Console.ReadLine();
        return command == "pass";
    }

    private static void Quit()
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rss {PeakRssKilobytes()}"));
        Console.Out.Flush();
        Environment.Exit(0);
    }

    private sealed class EpochGate : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.CompletedEpoch is not { } epoch)
            {
                return;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pass {epoch.TrainSeconds:R} {epoch.TrainLoss:R}"));
            if (!NextIsPass())
            {
                Quit();
            }
        }
    }
}
