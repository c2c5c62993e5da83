using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using MLNet.Seq2Seq.Engine.Kernels;
using MLNet.Seq2Seq.Trainers;

namespace MLNet.Seq2Seq.Benchmarks.Compare;

/// <summary>
/// Issue 14's side-by-side benchmark: the managed engine against libtorch 2.10 (TorchSharp 0.107, CPU backend) on the
/// same data, network, seed and thread count in one run. Each engine runs in its own worker process (so each has its
/// own peak RSS); their timed passes alternate (A B, B A, A B, ...) so that noise on a shared machine falls on both.
/// Then the recurrent GEMM shapes against the measured FMA peak, then single-prediction latency through ML.NET's
/// PredictionEngine, and a met/missed line per target of the issue.
/// </summary>
internal sealed class CompareBenchmark : IBenchmark
{
    private static readonly (string Task, int Hidden, int Batches)[] Grid =
    [
        ("addition", 128, 0), ("addition", 256, 0), ("addition", 512, 100), ("addition", 1024, 100),
        ("digitsum", 128, 0), ("digitsum", 512, 100),
    ];

    /// <inheritdoc/>
    public string Name => "compare";

    /// <inheritdoc/>
    public string Description => "managed engine vs libtorch 2.10 side by side, GEMM shapes, PredictionEngine latency, met/missed per target [--repeats=N (3)] [--threads=N (2)] [--only=TASK-HIDDEN,...] [--no-train] [--no-gemm] [--no-latency] [--wall-clock-gemm] [--quick]";

    /// <inheritdoc/>
    public void Run(IReadOnlyList<string> options)
    {
        int repeats = BenchmarkOptions.Integer(options, "repeats", 3), threads = BenchmarkOptions.Integer(options, "threads", 2);
        bool quick = options.Contains("--quick");
        var only = BenchmarkOptions.Text(options, "only")?.Split(',');
        var started = Stopwatch.StartNew();
        CpuPeak peak = CpuPeak.Detect();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Machine: {Environment.ProcessorCount} logical CPUs, {CpuName()}; measured FMA peak {peak.MeasuredGigaFlops:F1} GFLOP/s per core ({peak.MeasuredVectorBits}-bit loop), {threads * peak.MeasuredGigaFlops:F1} at {threads} threads; load average {LoadAverage()}"));
        Console.WriteLine($"Managed engine: {(Gemm.UsesAvx512 ? "AVX-512 + AVX2 kernels" : Gemm.UsesAvx2 ? "AVX2+FMA kernels" : "portable kernels")}; reference: libtorch 2.10 (libtorch-cpu-linux-x64 2.10.0) via TorchSharp 0.107 in MLNet.Seq2Seq.TorchSharp's engine: nn.LSTM over whole sequences, the same training loop, clipping and Adam on libtorch tensors");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Both: peeky, embedding 16, batch 128, Adam 0.005, clipping 5, teacher forcing 1, seed 1, {threads} threads; {repeats} timed passes each after a 3-batch warm-up, alternating which engine goes first"));
        Console.WriteLine();

        var rows = new List<TrainRow>();
        if (!options.Contains("--no-train"))
        {
            Console.WriteLine("| task | hidden | timed unit | ours s (median / min) | libtorch s (median / min) | libtorch's time / ours (median / min) | ours examples/s | libtorch examples/s | ours GFLOP/s (% of peak) | libtorch GFLOP/s (% of peak) | ours peak RSS MB | libtorch peak RSS MB |");
            Console.WriteLine("|---|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
            foreach (var (task, hidden, gridBatches) in Grid)
            {
                if (only is not null && !only.Contains($"{task}-{hidden}"))
                {
                    continue;
                }

                int batches = quick ? 10 : gridBatches;
                var row = TrainSideBySide(task, hidden, batches, threads, repeats, threads * peak.MeasuredGigaFlops);
                rows.Add(row);
                Console.WriteLine(row.Markdown());
            }

            Console.WriteLine();
        }

        var gemm = new List<(string Label, int M, int N, int K, bool Recurrent, double Percent, double EnginePercent)>();
        if (!options.Contains("--no-gemm"))
        {
            // Timed by the thread's CPU time where the OS gives it: on a shared 2-core machine, wall-clock samples of a
            // single-threaded kernel mostly measure the neighbours (--wall-clock-gemm to time them by wall clock).
            bool previous = StopwatchHarness.UseThreadCpuTime;
            StopwatchHarness.UseThreadCpuTime = ThreadCpuClock.IsSupported && !options.Contains("--wall-clock-gemm");
            var shapes = new List<(string Label, int M, int N, int K, bool Recurrent)>();
            foreach (int h in new[] { 128, 256, 512, 1024 })
            {
                shapes.Add(("batch [x; h]·W (encoder)", 128, 4 * h, CompareTask.Embedding + h, true));
                shapes.Add(("batch [x; c; h]·W (peeky decoder)", 128, 4 * h, CompareTask.Embedding + (2 * h), true));
                shapes.Add(("batch h·W_h (recurrent part only)", 128, 4 * h, h, true));
                shapes.Add(("chunk [x; c; h]·W (the engine's 32-row chunks)", 32, 4 * h, CompareTask.Embedding + (2 * h), true));
                shapes.Add(("input projection, 128 x 7 rows", 128 * 7, 4 * h, CompareTask.Embedding, false));
            }

            // Per shape: Gemm.Multiply, the engine's way, and for the input projection the time to write its C alone.
            var actions = new List<Action>();
            foreach (var shape in shapes)
            {
                actions.AddRange(GemmActions(shape.M, shape.N, shape.K, withStoreBound: !shape.Recurrent));
            }

            // The FMA loop goes in the same rounds: the peak the shapes are held against is the better of the two measurements.
            actions.Add(() => CpuPeak.RunFmaLoop(peak.MeasuredVectorBits));
            var timings = StopwatchHarness.MeasureInterleaved(actions, GemmSamples);
            double roundsPeak = CpuPeak.FmaLoopFlop(peak.MeasuredVectorBits) / timings[^1].MinSeconds / 1e9;
            double gemmPeak = Math.Max(peak.MeasuredGigaFlops, roundsPeak);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"FMA peak measured again in the GEMM rounds: {roundsPeak:F1} GFLOP/s; the % of peak columns use {gemmPeak:F1}, the higher of the two."));
            Console.WriteLine($"Recurrent GEMM shapes, single-threaded (C = A·B, A [M, K] row-major, B [K, N]), min and median of {GemmSamples} samples of ~20 ms each, taken in rounds over all the shapes (so that noise which comes and goes falls on all of them), timed by {(StopwatchHarness.UseThreadCpuTime ? "the thread's CPU time" : "wall clock")}: Gemm.Multiply, which packs B on every call, and as the engine calls it, B packed once for a sequence of {EngineSteps} steps (Pack + {EngineSteps} x MultiplyPacked, accumulating, per product); for the input projection, also the most that writing its C alone (a vectorised fill) allows:");
            Console.WriteLine("| shape | M | N | K | µs/call (min) | GFLOP/s (min) | % of peak (min) | % of peak (median) | as the engine calls it: % of peak (min / median) | writing C alone: µs (min); at most % of peak |");
            Console.WriteLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
            int next = 0;
            foreach (var (label, m, n, k, recurrent) in shapes)
            {
                var (min, median) = timings[next++];
                var (engineMin, engineMedian) = timings[next++];
                engineMin /= EngineSteps;
                engineMedian /= EngineSteps;
                double flop = 2.0 * m * n * k;
                double Percent(double seconds) => 100 * flop / seconds / 1e9 / gemmPeak;
                string storeBound = "—";
                if (!recurrent)
                {
                    double storeMin = timings[next++].MinSeconds;
                    storeBound = string.Create(CultureInfo.InvariantCulture, $"{storeMin * 1e6:F1}; {Percent(storeMin):F0} %");
                }

                gemm.Add((label, m, n, k, recurrent, Percent(min), Percent(engineMin)));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {label} | {m} | {n} | {k} | {min * 1e6:F1} | {flop / min / 1e9:F1} | {Percent(min):F0} % | {Percent(median):F0} % | {Percent(engineMin):F0} % / {Percent(engineMedian):F0} % | {storeBound} |"));
            }

            StopwatchHarness.UseThreadCpuTime = previous;
            Console.WriteLine();
        }

        var latency = new List<LatencyRow>();
        if (!options.Contains("--no-latency"))
        {
            Console.WriteLine("Single prediction through ML.NET's PredictionEngine (text in, text out), hidden 128, peeky, reversed; the model saved, then loaded and served by a fresh process; 3 rounds of N predictions after 2,000 warm-up ones:");
            Console.WriteLine("| model | PredictionEngine p50 µs (median of rounds / min) | p99 µs (median of rounds) | GreedyDecoder.Decode alone p50 µs | ML.NET plumbing and our text steps, p50 difference µs | decoder's share of p50 |");
            Console.WriteLine("|---|--:|--:|--:|--:|--:|");
            foreach (var (task, pairs, epochs) in new[] { ("addition", quick ? 2000 : 20_000, quick ? 1 : 3), ("digitsum", quick ? 1000 : 8_000, quick ? 1 : 2) })
            {
                var row = Latency(task, pairs, epochs, quick ? 1000 : 5000);
                latency.Add(row);
                Console.WriteLine(row.Markdown());
            }

            // Thread CPU time leaves out the time the thread waits for a core, so it compares builds on a loaded machine.
            foreach (var row in latency)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"- {row.Task}: thread CPU time per prediction (mean of a round; min / median of rounds) PredictionEngine {row.CpuMin:F1} / {row.CpuMedian:F1} µs, GreedyDecoder.Decode alone {row.DecoderCpuMin:F1} / {row.DecoderCpuMedian:F1} µs"));
            }

            Console.WriteLine();
        }

        Console.WriteLine("Targets (issue 14, item 3):");
        if (rows.FirstOrDefault(r => r.Task == "addition" && r.Hidden == 128) is { } h128)
        {
            Console.WriteLine(Verdict($"training at hidden 128 >= 1.5x libtorch 2.10: {h128.Ratio:F2}x (median; {h128.RatioOfMinima:F2}x of minima)", h128.Ratio >= 1.5));
        }

        foreach (var row in rows.Where(r => r.Hidden >= 256 || r.Task != "addition"))
        {
            Console.WriteLine(Verdict($"training {row.Task} hidden {row.Hidden} not slower than libtorch 2.10: {row.Ratio:F2}x (median; {row.RatioOfMinima:F2}x of minima)", row.Ratio >= 1.0));
        }

        if (gemm.Count > 0)
        {
            // Judged as the engine runs them (W packed once a sequence, that packing timed too); Gemm.Multiply, which
            // also packs B on every call, is reported beside it.
            var recurrent = gemm.Where(g => g.Recurrent && g.M == 128).ToArray();
            var engineWorst = recurrent.MinBy(g => g.EnginePercent);
            var worst = recurrent.MinBy(g => g.Percent);
            Console.WriteLine(Verdict(string.Create(CultureInfo.InvariantCulture,
                $"recurrent GEMM shapes (M = 128, N = 4H, K = E + H, E + 2H or H; H 128..1024) as the engine calls them (B packed once a {EngineSteps}-step sequence, the packing included) >= 80 % of the measured peak: worst {engineWorst.EnginePercent:F0} % ({engineWorst.Label}, H = {engineWorst.N / 4}); {recurrent.Count(g => g.EnginePercent >= 80)} of {recurrent.Length} at 80 % or more"),
                engineWorst.EnginePercent >= 80));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  (Gemm.Multiply, packing B on every call: worst {worst.Percent:F0} % ({worst.Label}, H = {worst.N / 4}); {recurrent.Count(g => g.Percent >= 80)} of {recurrent.Length} at 80 % or more)"));
            var projection = gemm.Where(g => !g.Recurrent).MinBy(g => g.Percent);
            Console.WriteLine(Verdict(string.Create(CultureInfo.InvariantCulture,
                $"one-GEMM input projection (M = 128 x 7, K = 16) >= 80 % of the measured peak: worst {projection.Percent:F0} % (H = {projection.N / 4})"), projection.Percent >= 80));
        }

        foreach (var row in latency)
        {
            double bound = row.Task == "addition" ? 50 : 250;
            Console.WriteLine(Verdict(string.Create(CultureInfo.InvariantCulture,
                $"single prediction p50 ({row.Task}) <= {bound:F0} µs: {row.P50:F1} µs (median of rounds; min round {row.P50Min:F1} µs)"), row.P50 <= bound));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Total {started.Elapsed.TotalMinutes:F1} min; load average at the end {LoadAverage()}"));
    }

    private static string Verdict(string text, bool met) => $"- {text}: {(met ? "met" : "missed")}";

    private static TrainRow TrainSideBySide(string task, int hidden, int batches, int threads, int repeats, double peakGigaFlops)
    {
        var data = CompareTask.Create(task, batches);
        string arguments = string.Create(CultureInfo.InvariantCulture, $"--task={task} --hidden={hidden} --batches={batches} --threads={threads}");
        using var ours = Worker.Start("managed", arguments);
        using var torch = Worker.Start("libtorch", arguments);
        ours.WaitReady();
        torch.WaitReady();
        var oursSeconds = new List<double>();
        var torchSeconds = new List<double>();
        for (int r = 0; r < repeats; r++)
        {
            var (first, second, firstTimes, secondTimes) = r % 2 == 0 ? (ours, torch, oursSeconds, torchSeconds) : (torch, ours, torchSeconds, oursSeconds);
            firstTimes.Add(first.Pass());
            secondTimes.Add(second.Pass());
        }

        return new TrainRow(task, hidden, batches, data.Train.Count, data.TrainingFlops(hidden), peakGigaFlops,
            [.. oursSeconds], [.. torchSeconds], ours.Quit(), torch.Quit());
    }

    /// <summary>Steps of a sequence that share one packing of W in the engine (the addition task's 7-character sources).</summary>
    private const int EngineSteps = 7;

    /// <summary>Samples of each GEMM timing.</summary>
    private const int GemmSamples = 15;

    /// <summary>
    /// The timed actions of one shape: Gemm.Multiply; B packed once and then <see cref="EngineSteps"/> accumulating
    /// MultiplyPacked calls, as LstmLayer runs a sequence; with <paramref name="withStoreBound"/>, filling C.
    /// </summary>
    private static IEnumerable<Action> GemmActions(int m, int n, int k, bool withStoreBound)
    {
        var random = new Random(42);
        float[] a = [.. Enumerable.Range(0, m * k).Select(_ => (float)(random.NextDouble() - 0.5))];
        float[] b = [.. Enumerable.Range(0, k * n).Select(_ => (float)(random.NextDouble() - 0.5))];
        float[] c = new float[m * n];
        var packed = new PackedMatrix();
        yield return () => Gemm.Multiply(a, k, false, b, n, false, c, n, m, n, k, accumulate: false);
        yield return () =>
        {
            packed.Pack(b, n, k, n);
            for (int step = 0; step < EngineSteps; step++)
            {
                Gemm.MultiplyPacked(a, k, false, b, n, packed, c, n, m, n, k, accumulate: true);
            }
        };
        if (withStoreBound)
        {
            yield return () => c.AsSpan().Fill(0);
        }
    }

    /// <summary>
    /// Trains the task's model through the text pipeline, saves it, and times it in a fresh process that only loads
    /// and serves it (<see cref="ServingLatencyWorker"/>), as an application that serves a saved model would: the
    /// training's own JIT profile stays out of the serving code.
    /// </summary>
    private static LatencyRow Latency(string task, int pairs, int epochs, int count)
    {
        var context = new MLContext(seed: 1);
        var training = context.Data.LoadFromEnumerable(CompareTask.Texts(task, pairs, seed: 1).Select(p => new SourceRow { Source = p.Source, Target = p.Target }));
        var trainerOptions = new LstmEncoderDecoderOptions { Decoder = DecoderForm.Peeky, Epochs = epochs, LearningRate = 0.005f };
        ITransformer model = context.Seq2Seq.CharacterSeq2Seq(nameof(SourceRow.Source), nameof(SourceRow.Target), new CharacterSeq2SeqOptions { ReverseSource = true, Trainer = trainerOptions })
            .Fit(training);
        string path = Path.Combine(Path.GetTempPath(), $"mlnet-seq2seq-latency-{task}-{Environment.ProcessId}.zip");
        try
        {
            context.Model.Save(model, training.Schema, path);
            var info = new ProcessStartInfo(Environment.ProcessPath!, $"compare-latency-worker --model={path} --task={task} --count={count}")
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(info)!;
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            string line = output.Split('\n').LastOrDefault(l => l.StartsWith("latency ", StringComparison.Ordinal))
                ?? throw new InvalidOperationException($"The latency worker for '{task}' exited with code {process.ExitCode} and printed: {output}");
            double[] v = [.. line.Split(' ').Skip(1).Select(x => double.Parse(x, CultureInfo.InvariantCulture))];
            return new LatencyRow(task, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static string CpuName() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?"
            : "?";

    private sealed record TrainRow(string Task, int Hidden, int Batches, int Examples, double Flops, double PeakGigaFlops,
        double[] Ours, double[] LibTorch, long OursRssKb, long LibTorchRssKb)
    {
        public double Ratio => Median(LibTorch) / Median(Ours);

        public double RatioOfMinima => LibTorch.Min() / Ours.Min();

        public string Markdown()
        {
            string unit = Batches > 0 ? $"{Batches} batches" : "epoch";
            double om = Median(Ours), tm = Median(LibTorch);
            return string.Create(CultureInfo.InvariantCulture,
                $"| {Task} | {Hidden} | {unit} ({Examples:N0} examples) | {om:F2} / {Ours.Min():F2} | {tm:F2} / {LibTorch.Min():F2} | **{Ratio:F2}x** / {RatioOfMinima:F2}x | {Examples / om:F0} | {Examples / tm:F0} | {Flops / om / 1e9:F1} ({100 * Flops / om / 1e9 / PeakGigaFlops:F0} %) | {Flops / tm / 1e9:F1} ({100 * Flops / tm / 1e9 / PeakGigaFlops:F0} %) | {OursRssKb / 1024.0:F0} | {LibTorchRssKb / 1024.0:F0} |");
        }
    }

    private sealed record LatencyRow(string Task, double P50, double P50Min, double P99, double DecoderP50,
        double CpuMin, double CpuMedian, double DecoderCpuMin, double DecoderCpuMedian)
    {
        public string Markdown()
        {
            string name = Task == "addition" ? "addition (sources up to 7 characters)" : "digit sum (50-character sources)";
            return string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {P50:F1} / {P50Min:F1} | {P99:F1} | {DecoderP50:F1} | {P50 - DecoderP50:F1} | {100 * DecoderP50 / P50:F0} % |");
        }
    }

    /// <summary>A <see cref="CompareWorker"/> process.</summary>
    private sealed class Worker : IDisposable
    {
        private readonly Process process;
        private readonly string engine;

        private Worker(Process process, string engine)
        {
            this.process = process;
            this.engine = engine;
        }

        public static Worker Start(string engine, string arguments)
        {
            var info = new ProcessStartInfo(Environment.ProcessPath!, $"compare-worker --engine={engine} {arguments}")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };

            // libtorch's OpenMP threads sleep when they wait (as src/MLNet.Seq2Seq.TorchSharp sets it): spinning
            // threads would steal the managed engine's cores between passes.
            info.Environment["OMP_WAIT_POLICY"] = "PASSIVE";
            return new Worker(Process.Start(info)!, engine);
        }

        public void WaitReady() => Expect("ready");

        public double Pass()
        {
            process.StandardInput.WriteLine("pass");
            process.StandardInput.Flush();
            return double.Parse(Expect("pass").Split(' ')[1], CultureInfo.InvariantCulture);
        }

        public long Quit()
        {
            process.StandardInput.WriteLine("quit");
            process.StandardInput.Flush();
            long rss = long.Parse(Expect("rss").Split(' ')[1], CultureInfo.InvariantCulture);
            process.WaitForExit();
            return rss;
        }

        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            process.Dispose();
        }

        private string Expect(string prefix)
        {
            while (process.StandardOutput.ReadLine() is { } line)
            {
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return line;
                }
            }

            throw new InvalidOperationException($"The {engine} worker exited (code {(process.WaitForExit(5000) ? process.ExitCode : -1)}) before printing '{prefix}'.");
        }
    }
}
