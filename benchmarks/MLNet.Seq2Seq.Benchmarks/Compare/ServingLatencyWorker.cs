using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;

namespace MLNet.Seq2Seq.Benchmarks.Compare;

/// <summary>
/// The latency part of <see cref="CompareBenchmark"/> in its own process: loads a saved model with
/// <c>mlContext.Model.Load</c>, then times single predictions through ML.NET's PredictionEngine (text in, text out) and
/// <c>GreedyDecoder.Decode</c> alone on the same key sequences: 3 rounds of --count predictions after 2,000 warm-up ones.
/// Prints one line: "latency" and, invariant, the p50 (median of rounds), the lowest round's p50, the p99 (median of
/// rounds), the decoder's p50, then thread CPU µs a prediction (min and median of rounds) for the PredictionEngine and for
/// the decoder.
/// </summary>
internal sealed class ServingLatencyWorker : IBenchmark
{
    /// <inheritdoc/>
    public string Name => "compare-latency-worker";

    /// <inheritdoc/>
    public string Description => "(internal) the latency of `compare` on a saved model: --model=PATH --task=addition|digitsum --count=N";

    /// <inheritdoc/>
    public void Run(IReadOnlyList<string> options)
    {
        string path = BenchmarkOptions.Text(options, "model") ?? throw new ArgumentException("--model=PATH is required.");
        string task = BenchmarkOptions.Text(options, "task") ?? "addition";
        int count = BenchmarkOptions.Integer(options, "count", 5000);
        var context = new MLContext(seed: 1);
        ITransformer model = context.Model.Load(path, out _);
        string[] questions = [.. CompareTask.Texts(task, count, seed: 7).Select(p => p.Source)];
        using var engine = context.Model.CreatePredictionEngine<SourceRow, PredictionRow>(model);
        var input = new SourceRow();
        var output = new PredictionRow();
        for (int i = 0; i < 2000; i++)
        {
            input.Source = questions[i % questions.Length];
            engine.Predict(input, ref output);
        }

        var (decoder, sources, maxOutputLength) = LatencyBenchmark.DecoderInputs(context, model, questions);
        for (int i = 0; i < 2000; i++)
        {
            decoder.Decode(sources[i % sources.Length], maxOutputLength);
        }

        var p50 = new List<double>();
        var p99 = new List<double>();
        var decoderP50 = new List<double>();
        var cpu = new List<double>();
        var decoderCpu = new List<double>();
        var times = new double[count];
        for (int round = 0; round < 3; round++)
        {
            double cpuBefore = ThreadCpuClock.IsSupported ? ThreadCpuClock.Seconds() : double.NaN;
            for (int i = 0; i < count; i++)
            {
                input.Source = questions[i];
                long start = Stopwatch.GetTimestamp();
                engine.Predict(input, ref output);
                times[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            }

            cpu.Add(ThreadCpuClock.IsSupported ? (ThreadCpuClock.Seconds() - cpuBefore) * 1e6 / count : double.NaN);
            Array.Sort(times);
            p50.Add(times[count / 2]);
            p99.Add(times[(int)(0.99 * count)]);
            cpuBefore = ThreadCpuClock.IsSupported ? ThreadCpuClock.Seconds() : double.NaN;
            for (int i = 0; i < count; i++)
            {
                long start = Stopwatch.GetTimestamp();
                decoder.Decode(sources[i], maxOutputLength);
                times[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            }

            decoderCpu.Add(ThreadCpuClock.IsSupported ? (ThreadCpuClock.Seconds() - cpuBefore) * 1e6 / count : double.NaN);
            Array.Sort(times);
            decoderP50.Add(times[count / 2]);
        }

        double[] figures =
        [
            CompareBenchmark.Median(p50), p50.Min(), CompareBenchmark.Median(p99), CompareBenchmark.Median(decoderP50),
            cpu.Min(), CompareBenchmark.Median(cpu), decoderCpu.Min(), CompareBenchmark.Median(decoderCpu),
        ];
        Console.WriteLine("latency " + string.Join(' ', figures.Select(f => f.ToString("R", CultureInfo.InvariantCulture))));
    }
}
