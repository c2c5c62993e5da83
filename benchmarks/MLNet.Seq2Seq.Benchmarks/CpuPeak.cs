using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MLNet.Seq2Seq.Benchmarks;

/// <summary>
/// One core's single-precision FMA peak: 2 FMA units × 8 float lanes (256-bit) × 2 FLOP per cycle, at the clock that
/// /proc/cpuinfo reports (nominal; turbo may exceed it) and as measured by a register-only FMA loop (the attainable
/// peak at the clock the core actually runs). Where AVX-512 exists the loop also runs on 512-bit vectors and the faster
/// of the two is the measured peak: cores with two 512-bit FMA units (Intel Xeon since Skylake-SP) reach twice the
/// 256-bit figure, while cores that split 512-bit FMAs in halves (AMD Zen 4) do not.
/// </summary>
internal sealed record CpuPeak(double NominalGHz, string NominalSource, double MeasuredGigaFlops, int MeasuredVectorBits = 256)
{
    /// <summary>FLOP per cycle of one core: 2 FMA units × 8 float lanes × 2 FLOP.</summary>
    public const int FlopPerCycle = 2 * 8 * 2;

    /// <summary>Peak GFLOP/s of one core at the nominal clock.</summary>
    public double NominalGigaFlops => FlopPerCycle * NominalGHz;

    /// <summary>The clock implied by the measured FMA throughput (2 FMA units of the measured vector width).</summary>
    public double MeasuredGHz => MeasuredGigaFlops / (FlopPerCycle * MeasuredVectorBits / 256);

    /// <summary>Reads the nominal clock and measures the FMA peak (best of several short runs).</summary>
    public static CpuPeak Detect(double fallbackGHz = 2.6)
    {
        double ghz = fallbackGHz;
        string source = "assumed";
        const string cpuInfo = "/proc/cpuinfo";
        if (File.Exists(cpuInfo))
        {
            foreach (string line in File.ReadLines(cpuInfo))
            {
                if (line.StartsWith("cpu MHz", StringComparison.Ordinal)
                    && double.TryParse(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out double mhz))
                {
                    ghz = mhz / 1000;
                    source = $"{cpuInfo} 'cpu MHz'";
                    break;
                }
            }
        }

        double fma256 = Fma.IsSupported ? MeasureFmaGigaFlops(wide: false) : double.NaN;
        double fma512 = Avx512F.IsSupported ? MeasureFmaGigaFlops(wide: true) : 0;
        return fma512 > fma256 ? new CpuPeak(ghz, source, fma512, 512) : new CpuPeak(ghz, source, fma256);
    }

    /// <summary>FLOP of one <see cref="RunFmaLoop"/> call on vectors of <paramref name="vectorBits"/> bits.</summary>
    public static double FmaLoopFlop(int vectorBits) => 12.0 * (vectorBits / 32) * 2 * LoopIterations;

    /// <summary>Runs the register-only FMA loop once (a few ms), for timing it in the same rounds as other work.</summary>
    public static void RunFmaLoop(int vectorBits) =>
        GC.KeepAlive(vectorBits == 512 ? FmaLoop512(LoopIterations, 1.0000001f) : FmaLoop(LoopIterations, 1.0000001f));

    /// <summary>Iterations of one timed FMA loop.</summary>
    private const int LoopIterations = 2_000_000;

    private static double MeasureFmaGigaFlops(bool wide)
    {
        int bits = wide ? 512 : 256;
        double best = 0;
        for (int run = 0; run < 20; run++)
        {
            // The thread's CPU time where the OS gives it: on a shared machine wall-clock time would count the
            // neighbours' time slices and understate the peak (making every "% of peak" look better than it is).
            bool cpuClock = ThreadCpuClock.IsSupported;
            double cpuStart = cpuClock ? ThreadCpuClock.Seconds() : 0;
            long start = Stopwatch.GetTimestamp();
            RunFmaLoop(bits);
            double seconds = cpuClock ? ThreadCpuClock.Seconds() - cpuStart : Stopwatch.GetElapsedTime(start).TotalSeconds;
            best = Math.Max(best, FmaLoopFlop(bits) / seconds / 1e9);
        }

        return best;
    }

    /// <summary>Twelve independent FMA chains held in registers: enough to cover FMA latency on both units.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float FmaLoop(int iterations, float factor)
    {
        Vector256<float> x = Vector256.Create(factor), y = Vector256.Create(1e-7f);
        Vector256<float> s0 = x, s1 = x + y, s2 = x - y, s3 = x * x, s4 = x + x, s5 = y;
        Vector256<float> s6 = s1 + y, s7 = s2 - y, s8 = s3 * x, s9 = s4 + y, s10 = s5 + x, s11 = y * y;
        for (int i = 0; i < iterations; i++)
        {
            s0 = Fma.MultiplyAdd(s0, x, y);
            s1 = Fma.MultiplyAdd(s1, x, y);
            s2 = Fma.MultiplyAdd(s2, x, y);
            s3 = Fma.MultiplyAdd(s3, x, y);
            s4 = Fma.MultiplyAdd(s4, x, y);
            s5 = Fma.MultiplyAdd(s5, x, y);
            s6 = Fma.MultiplyAdd(s6, x, y);
            s7 = Fma.MultiplyAdd(s7, x, y);
            s8 = Fma.MultiplyAdd(s8, x, y);
            s9 = Fma.MultiplyAdd(s9, x, y);
            s10 = Fma.MultiplyAdd(s10, x, y);
            s11 = Fma.MultiplyAdd(s11, x, y);
        }

        return Vector256.Sum(s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7 + s8 + s9 + s10 + s11);
    }

    /// <summary>The same twelve chains on 512-bit vectors.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float FmaLoop512(int iterations, float factor)
    {
        Vector512<float> x = Vector512.Create(factor), y = Vector512.Create(1e-7f);
        Vector512<float> s0 = x, s1 = x + y, s2 = x - y, s3 = x * x, s4 = x + x, s5 = y;
        Vector512<float> s6 = s1 + y, s7 = s2 - y, s8 = s3 * x, s9 = s4 + y, s10 = s5 + x, s11 = y * y;
        for (int i = 0; i < iterations; i++)
        {
            s0 = Avx512F.FusedMultiplyAdd(s0, x, y);
            s1 = Avx512F.FusedMultiplyAdd(s1, x, y);
            s2 = Avx512F.FusedMultiplyAdd(s2, x, y);
            s3 = Avx512F.FusedMultiplyAdd(s3, x, y);
            s4 = Avx512F.FusedMultiplyAdd(s4, x, y);
            s5 = Avx512F.FusedMultiplyAdd(s5, x, y);
            s6 = Avx512F.FusedMultiplyAdd(s6, x, y);
            s7 = Avx512F.FusedMultiplyAdd(s7, x, y);
            s8 = Avx512F.FusedMultiplyAdd(s8, x, y);
            s9 = Avx512F.FusedMultiplyAdd(s9, x, y);
            s10 = Avx512F.FusedMultiplyAdd(s10, x, y);
            s11 = Avx512F.FusedMultiplyAdd(s11, x, y);
        }

        return Vector512.Sum(s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7 + s8 + s9 + s10 + s11);
    }
}
