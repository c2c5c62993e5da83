using System.Globalization;
using MLNet.Seq2Seq.Engine.Kernels;

namespace MLNet.Seq2Seq.Benchmarks;

/// <summary>
/// Single-threaded GFLOP/s of <see cref="Gemm.Multiply"/> on the shapes the LSTM engine uses (hidden 128, embedding 16,
/// vocabulary about 15, batch chunks of 32 rows), and the recurrent shapes at hidden 128 to 512 ("NT hN": the input
/// gradient as dGates·Wᵀ; "NT hN W": as W·dGatesᵀ, the form the LSTM layer uses). Option --portable also times the
/// portable fallback.
/// </summary>
internal sealed class GemmBenchmark : IBenchmark
{
    private static readonly GemmShape[] Shapes =
    [
        new("NN forward", 32, 512, 16, false, false),
        new("NN forward", 32, 512, 128, false, false),
        new("NN forward", 32, 512, 144, false, false),
        new("NN forward", 32, 512, 256, false, false),
        new("NN forward", 32, 512, 272, false, false),
        new("NN forward", 128, 512, 144, false, false),
        new("NN single", 1, 512, 144, false, false),
        new("NN single", 1, 512, 272, false, false),
        new("NN single", 4, 512, 144, false, false),
        new("NN single", 8, 512, 144, false, false),
        new("NN vocab", 32, 15, 128, false, false),
        new("NN vocab", 32, 20, 128, false, false),
        new("NT dX", 32, 128, 512, false, true),
        new("NT dX", 32, 144, 512, false, true),
        new("NT dX", 32, 16, 512, false, true),
        new("NT dX vocab", 32, 256, 15, false, true),
        new("TN dW", 16, 512, 160, true, false),
        new("TN dW", 128, 512, 192, true, false),
        new("TN dW", 144, 512, 224, true, false),
        new("TN dW", 256, 512, 256, true, false),
        new("NN batch 128", 128, 512, 272, false, false),
        new("NT batch 128", 128, 144, 512, false, true),
        new("NT batch 128", 128, 272, 512, false, true),
        new("TN batch 128", 144, 512, 128, true, false),
        new("TN batch 128", 272, 512, 128, true, false),
        new("NT h128", 32, 144, 512, false, true),
        new("NT h128 W", 144, 32, 512, false, true),
        new("NT h256", 32, 272, 1024, false, true),
        new("NT h256 W", 272, 32, 1024, false, true),
        new("NN h512", 32, 2048, 528, false, false),
        new("NT h512", 32, 528, 2048, false, true),
        new("NT h512 W", 528, 32, 2048, false, true),
        new("TN h512", 528, 2048, 224, true, false),
    ];

    /// <inheritdoc/>
    public string Name => "gemm";

    /// <inheritdoc/>
    public string Description => "single-threaded Gemm.Multiply on the engine's shapes [--portable: also time the fallback] [--no-avx512: AVX2 kernels only] [--only=LABEL-PREFIX] [--shape=MxNxK,... (NN shapes instead of the list)] [--packed: NN shapes through MultiplyPacked, B packed once, accumulating, as the LSTM layer calls it]";

    /// <inheritdoc/>
    public void Run(IReadOnlyList<string> options)
    {
        bool portable = options.Contains("--portable");
        bool packed = options.Contains("--packed");
        Gemm.DisableAvx512 = options.Contains("--no-avx512");
        string? only = options.FirstOrDefault(o => o.StartsWith("--only=", StringComparison.Ordinal))?["--only=".Length..];
        string? shapeList = options.FirstOrDefault(o => o.StartsWith("--shape=", StringComparison.Ordinal))?["--shape=".Length..];
        GemmShape[] shapes = shapeList is null ? Shapes : [.. shapeList.Split(',').Select(ParseShape)];
        CpuPeak peak = CpuPeak.Detect();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Nominal peak: {CpuPeak.FlopPerCycle} FLOP/cycle (2 FMA x 8 lanes x 2) x {peak.NominalGHz:F3} GHz ({peak.NominalSource}) = {peak.NominalGigaFlops:F1} GFLOP/s per core"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Measured peak: register-only 12-chain {peak.MeasuredVectorBits}-bit FMA loop = {peak.MeasuredGigaFlops:F1} GFLOP/s (implies {peak.MeasuredGHz:F2} GHz); % of peak below uses the measured peak"));
        Console.WriteLine($"Kernel: {(Gemm.UsesAvx512 ? "AVX-512 full panels + AVX2 edges" : Gemm.UsesAvx2 ? "AVX2+FMA" : "portable")}; warm-up, then 15 samples of ~{StopwatchHarness.SampleDuration.TotalMilliseconds} ms; GFLOP/s from min (best) and median time per call");
        Console.WriteLine();
        Console.WriteLine("| form | m | n | k | µs/call (min) | GFLOP/s (min) | GFLOP/s (median) | % of peak (min) | % of peak (median) |" + (portable ? " portable GFLOP/s (min) |" : string.Empty));
        Console.WriteLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|" + (portable ? "--:|" : string.Empty));
        foreach (GemmShape shape in shapes.Where(s => only is null || s.Label.StartsWith(only, StringComparison.Ordinal)))
        {
            var (min, median) = Time(shape, packed, forcePortable: false);
            string row = string.Create(CultureInfo.InvariantCulture,
                $"| {shape.Label} | {shape.M} | {shape.N} | {shape.K} | {min * 1e6:F2} | {shape.Flop / min / 1e9:F1} | {shape.Flop / median / 1e9:F1} | {100 * shape.Flop / min / 1e9 / peak.MeasuredGigaFlops:F0}% | {100 * shape.Flop / median / 1e9 / peak.MeasuredGigaFlops:F0}% |");
            if (portable)
            {
                var (portableMin, _) = Time(shape, packed, forcePortable: true);
                row += string.Create(CultureInfo.InvariantCulture, $" {shape.Flop / portableMin / 1e9:F1} |");
            }

            Console.WriteLine(row);
        }
    }

    /// <summary>
    /// Seconds per call of <paramref name="shape"/>; with <paramref name="packed"/>, NN shapes go through
    /// <see cref="Gemm.MultiplyPacked"/> with B packed once (option --packed).
    /// </summary>
    private static (double MinSeconds, double MedianSeconds) Time(GemmShape shape, bool packed, bool forcePortable)
    {
        var random = new Random(42);
        int lda = shape.TransposeA ? shape.M : shape.K;
        int ldb = shape.TransposeB ? shape.K : shape.N;
        float[] a = RandomArray(random, shape.M * shape.K);
        float[] b = RandomArray(random, shape.K * shape.N);
        float[] c = new float[shape.M * shape.N];
        bool previous = Gemm.ForcePortable;
        Gemm.ForcePortable = forcePortable;
        try
        {
            if (packed && !shape.TransposeA && !shape.TransposeB)
            {
                var packedB = new PackedMatrix();
                packedB.Pack(b, ldb, shape.K, shape.N);
                return StopwatchHarness.Measure(
                    () => Gemm.MultiplyPacked(a, lda, false, b, ldb, packedB, c, shape.N, shape.M, shape.N, shape.K, accumulate: true));
            }

            return StopwatchHarness.Measure(
                () => Gemm.Multiply(a, lda, shape.TransposeA, b, ldb, shape.TransposeB, c, shape.N, shape.M, shape.N, shape.K, accumulate: false));
        }
        finally
        {
            Gemm.ForcePortable = previous;
        }
    }

    /// <summary>Reads "MxNxK" as a not-transposed shape, for timing shapes outside the list (the issue's GEMM table).</summary>
    private static GemmShape ParseShape(string text)
    {
        int[] sizes = [.. text.Split('x').Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
        return sizes.Length == 3 ? new GemmShape("NN", sizes[0], sizes[1], sizes[2], false, false) : throw new FormatException($"Expected MxNxK, got '{text}'.");
    }

    private static float[] RandomArray(Random random, int length)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return values;
    }

    /// <summary>One benchmarked call: C[m, n] = op(A)[m, k] · op(B)[k, n].</summary>
    private sealed record GemmShape(string Label, int M, int N, int K, bool TransposeA, bool TransposeB)
    {
        public double Flop => 2.0 * M * N * K;
    }
}
