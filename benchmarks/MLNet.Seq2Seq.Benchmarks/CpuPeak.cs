using System.Globalization;

namespace MLNet.Seq2Seq.Benchmarks;

/// <summary>
/// One core's single-precision FMA peak, assumed as 2 FMA units × 8 float lanes × 2 FLOP per cycle at the clock
/// that /proc/cpuinfo reports (the nominal clock where that file is missing).
/// </summary>
internal sealed record CpuPeak(double ClockGHz, string ClockSource)
{
    /// <summary>FLOP per cycle of one core: 2 FMA units × 8 float lanes (256-bit) × 2 FLOP.</summary>
    public const int FlopPerCycle = 2 * 8 * 2;

    /// <summary>Peak GFLOP/s of one core.</summary>
    public double GigaFlops => FlopPerCycle * ClockGHz;

    /// <summary>Reads the first "cpu MHz" line of /proc/cpuinfo, or falls back to <paramref name="fallbackGHz"/>.</summary>
    public static CpuPeak Detect(double fallbackGHz = 2.6)
    {
        const string cpuInfo = "/proc/cpuinfo";
        if (File.Exists(cpuInfo))
        {
            foreach (string line in File.ReadLines(cpuInfo))
            {
                if (line.StartsWith("cpu MHz", StringComparison.Ordinal)
                    && double.TryParse(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out double mhz))
                {
                    return new CpuPeak(mhz / 1000, $"{cpuInfo} 'cpu MHz'");
                }
            }
        }

        return new CpuPeak(fallbackGHz, "assumed");
    }
}
