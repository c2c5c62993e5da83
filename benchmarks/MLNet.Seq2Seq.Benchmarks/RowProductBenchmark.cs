using System.Globalization;
using System.Runtime.Intrinsics;
using MLNet.Seq2Seq.Engine.Kernels;

namespace MLNet.Seq2Seq.Benchmarks;

/// <summary>
/// How near the batch-1 row product (a single prediction's [x; h]·W or h·W_h) comes to the rate at which this core reads
/// the same bytes from L2 at all: <see cref="RowProduct.ContinueAndAdd"/> on the LSTM's single-row shapes, timed in
/// rounds with a plain loop that only loads and adds the cache lines B lies in (four 512-bit sums of aligned loads, no
/// stores), with W in L2 and B at the start of a cache line and 16 bytes into one (as a W in a managed array, which
/// the runtime aligns to 8 bytes only, usually is somewhere off a line boundary). Both rates count B's bytes.
/// </summary>
internal sealed class RowProductBenchmark : IBenchmark
{
    private static readonly (string Label, int K, int N)[] Shapes =
    [
        ("h·W_h, hidden 128 (encoder steps)", 128, 512),
        ("[x; h]·W, hidden 128 (decoder steps)", 144, 512),
        ("h·W_h, hidden 256", 256, 1024),
        ("[x; h]·W, hidden 256", 272, 1024),
    ];

    /// <inheritdoc/>
    public string Name => "rowproduct";

    /// <inheritdoc/>
    public string Description => "the batch-1 row product against a plain read of the same bytes from L2 (AVX-512 machines)";

    /// <inheritdoc/>
    public void Run(IReadOnlyList<string> options)
    {
        if (!RowProduct.IsAvailable)
        {
            Console.WriteLine("The batch-1 row product needs AVX-512, which this machine lacks; nothing to time.");
            return;
        }

        Console.WriteLine("| shape | K | N | B's offset in its line | product µs (min / median) | plain read µs (min / median) | product GB/s (min) | read GB/s (min) | product's rate / read's rate (min) |");
        Console.WriteLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var (label, k, n) in Shapes)
        {
            foreach (int offsetFloats in new[] { 0, 4 })
            {
                var (product, read) = Measure(k, n, offsetFloats);
                double bytes = 4.0 * k * n;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {label} | {k} | {n} | {4 * offsetFloats} B | {product.MinSeconds * 1e6:F2} / {product.MedianSeconds * 1e6:F2} | {read.MinSeconds * 1e6:F2} / {read.MedianSeconds * 1e6:F2} | {bytes / product.MinSeconds / 1e9:F0} | {bytes / read.MinSeconds / 1e9:F0} | {read.MinSeconds / product.MinSeconds:P0} |"));
            }
        }
    }

    private static unsafe ((double MinSeconds, double MedianSeconds) Product, (double MinSeconds, double MedianSeconds) Read) Measure(int k, int n, int offsetFloats)
    {
        var random = new Random(1);
        float[] storage = GC.AllocateArray<float>((k * n) + 96, pinned: true);
        fixed (float* start = storage)
        {
            int skip = (int)(((64 - ((nint)start & 63)) & 63) >> 2) + offsetFloats;
            for (int i = 0; i < storage.Length; i++)
            {
                storage[i] = (float)(random.NextDouble() - 0.5);
            }

            float[] a = new float[k];
            for (int p = 0; p < k; p++)
            {
                a[p] = (float)(random.NextDouble() - 0.5);
            }

            float[] initial = new float[n];
            float[] c = new float[n];
            float* lines = start + skip - offsetFloats;
            int lineFloats = ((k * n) + offsetFloats + 63) / 64 * 64;
            float sink = 0;
            var times = StopwatchHarness.MeasureInterleaved(
            [
                () => RowProduct.ContinueAndAdd(a, storage.AsSpan(skip, k * n), n, initial, c, n, k),
                () => sink += ReadAll(lines, lineFloats),
            ]);
            GC.KeepAlive(sink);
            return (times[0], times[1]);
        }
    }

    /// <summary>Loads every float of b[0, count) (b 64-byte aligned, count a multiple of 64) into four running sums.</summary>
    private static unsafe float ReadAll(float* b, int count)
    {
        Vector512<float> s0 = Vector512<float>.Zero, s1 = s0, s2 = s0, s3 = s0;
        for (int i = 0; i < count; i += 64)
        {
            s0 += Vector512.Load(b + i);
            s1 += Vector512.Load(b + i + 16);
            s2 += Vector512.Load(b + i + 32);
            s3 += Vector512.Load(b + i + 48);
        }

        return Vector512.Sum(s0 + s1 + s2 + s3);
    }
}
