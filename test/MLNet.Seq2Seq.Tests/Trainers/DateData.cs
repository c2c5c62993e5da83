using System.Globalization;

namespace MLNet.Seq2Seq.Tests.Trainers;

/// <summary>
/// Seeded human-written dates and their ISO form, e.g. "september 27, 1994", "Tuesday, March 4, 2008", "27 SEP 1994",
/// "9/27/94" → "1994-09-27". Numeric forms are always month/day/year, so every source has one answer; two-digit years
/// stand for 1950-2049.
/// </summary>
internal static class DateData
{
    private static readonly Func<DateTime, string>[] Formats =
    [
        d => d.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture).ToLowerInvariant(),
        d => d.ToString("dddd, MMMM d, yyyy", CultureInfo.InvariantCulture),
        d => d.ToString("dd MMM yyyy", CultureInfo.InvariantCulture).ToUpperInvariant(),
        d => d.ToString("M/d/yy", CultureInfo.InvariantCulture),
        d => d.ToString("MMM d yyyy", CultureInfo.InvariantCulture),
        d => d.ToString("MM/dd/yyyy", CultureInfo.InvariantCulture),
    ];

    /// <summary><paramref name="count"/> distinct (source, target) pairs drawn with <paramref name="seed"/>.</summary>
    public static (string Source, string Target)[] Generate(int count, int seed)
    {
        var random = new Random(seed);
        var first = new DateTime(1950, 1, 1);
        int days = (new DateTime(2049, 12, 31) - first).Days + 1;
        var seen = new HashSet<string>();
        var pairs = new List<(string, string)>(count);
        while (pairs.Count < count)
        {
            var date = first.AddDays(random.Next(days));
            string source = Formats[random.Next(Formats.Length)](date);
            if (seen.Add(source))
            {
                pairs.Add((source, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            }
        }

        return [.. pairs];
    }
}
