using System.Globalization;

namespace MLNet.Seq2Seq.Benchmarks;

/// <summary>Reads <c>--name=value</c> options from a benchmark's arguments.</summary>
internal static class BenchmarkOptions
{
    /// <summary>The value of <c>--name=value</c>, or null when absent.</summary>
    public static string? Text(IReadOnlyList<string> options, string name) =>
        options.FirstOrDefault(o => o.StartsWith($"--{name}=", StringComparison.Ordinal))?[(name.Length + 3)..];

    /// <summary>The integer value of <c>--name=value</c>, or <paramref name="fallback"/> when absent.</summary>
    public static int Integer(IReadOnlyList<string> options, string name, int fallback) =>
        Text(options, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
