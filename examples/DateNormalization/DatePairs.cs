using System.Globalization;

namespace DateNormalization;

/// <summary>
/// Human-written dates paired with their ISO form ("Tuesday, March 4, 2008" -> "2008-03-04"). Dates lie in 1950..2049,
/// so a two-digit year has one reading (50..99 -> 19xx, 00..49 -> 20xx), and numeric forms are always month/day/year:
/// every source has exactly one answer.
/// </summary>
public static class DatePairs
{
    /// <summary>The first date generated.</summary>
    public static readonly DateOnly First = new(1950, 1, 1);

    /// <summary>The last date generated.</summary>
    public static readonly DateOnly Last = new(2049, 12, 31);

    private static readonly Func<DateOnly, string>[] Formats =
    [
        d => $"{MonthName(d).ToLowerInvariant()} {d.Day}, {d.Year}",
        d => $"{d.DayOfWeek}, {MonthName(d)} {d.Day}, {d.Year}",
        d => $"{d.Day} {MonthName(d)[..3].ToUpperInvariant()} {d.Year}",
        d => $"{d.Month}/{d.Day}/{d.Year % 100:D2}",
        d => $"{d.Month:D2}/{d.Day:D2}/{d.Year}",
        d => $"{MonthName(d)[..3]} {d.Day}, {d.Year}",
        d => $"{d.Day} {MonthName(d)} {d.Year}",
        d => $"{d.Month}-{d.Day}-{d.Year}",
        d => $"{MonthName(d)} {d.Day}{OrdinalSuffix(d.Day)}, {d.Year}",
        d => $"{d.DayOfWeek.ToString()[..3].ToLowerInvariant()} {d.Day} {MonthName(d)[..3].ToLowerInvariant()} {d.Year}",
    ];

    /// <summary>How many source forms there are; <see cref="Generate"/> draws each with equal probability.</summary>
    public static int FormatCount => Formats.Length;

    /// <summary>
    /// <paramref name="count"/> pairs of a date written in one of the forms and the same date as "yyyy-MM-dd"; the same
    /// <paramref name="seed"/> gives the same pairs.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public static IReadOnlyList<(string Source, string Target)> Generate(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new Random(seed);
        int days = Last.DayNumber - First.DayNumber + 1;
        var pairs = new (string Source, string Target)[count];
        for (int i = 0; i < count; i++)
        {
            DateOnly date = DateOnly.FromDayNumber(First.DayNumber + random.Next(days));
            pairs[i] = (Formats[random.Next(Formats.Length)](date), date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        return pairs;
    }

    private static string MonthName(DateOnly date) => CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(date.Month);

    private static string OrdinalSuffix(int day) => (day % 10, day / 10) switch
    {
        (_, 1) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
}
