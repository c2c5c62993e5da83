using Microsoft.ML;
using System.Diagnostics;
using System.Globalization;

namespace MLNet.Seq2Seq.Benchmarks;

/// <summary>
/// Batch greedy decoding throughput: GreedyDecoder.DecodeMany on --batch=N (1000) questions at 1 and 2 threads,
/// best of --repeats=N (10) runs, in predictions per second, and the mean CPU time per batch (steadier than wall-clock
/// time on a shared machine).
/// </summary>
internal sealed class DecodeBenchmark : IBenchmark
{
    /// <inheritdoc/>
    public string Name => "decode";

    /// <inheritdoc/>
    public string Description => "greedy batch decoding predictions/s [--model=FILE | --pairs=N --epochs=N] [--batch=N] [--repeats=N]";

    /// <inheritdoc/>
    public void Run(IReadOnlyList<string> options)
    {
        int batch = BenchmarkOptions.Integer(options, "batch", 1000), repeats = BenchmarkOptions.Integer(options, "repeats", 10);
        var context = new MLContext(seed: 1);
        ITransformer model = AdditionModel.LoadOrTrain(context, options);
        var (decoder, sources, maxOutputLength) = LatencyBenchmark.DecoderInputs(context, model, AdditionModel.Questions(batch, seed: 7));
        foreach (int threads in new[] { 1, 2 })
        {
            double best = double.MaxValue, total = 0, cpu = 0;
            int outputKeys = 0;
            for (int run = 0; run < repeats + 2; run++)
            {
                TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                long start = Stopwatch.GetTimestamp();
                var decoded = decoder.DecodeMany(sources, maxOutputLength, threads);
                double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
                if (run >= 2)
                {
                    best = Math.Min(best, seconds);
                    total += seconds;
                    cpu += (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
                }

                outputKeys = decoded.Sum(d => d.Keys.Length);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"batch {batch}, {threads} thread(s): {batch / best:F0} predictions/s best, {batch * repeats / total:F0} mean ({best * 1e3:F2} ms per batch; {(double)outputKeys / batch:F2} keys per prediction; {cpu / repeats * 1e3:F2} ms of CPU time per batch)"));
        }
    }
}
