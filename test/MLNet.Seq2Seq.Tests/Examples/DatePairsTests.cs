using System.Globalization;
using DateNormalization;

namespace MLNet.Seq2Seq.Tests.Examples;

/// <summary>The DateNormalization example's data: deterministic, ISO targets, every form used, one answer per source.</summary>
[TestClass]
public sealed class DatePairsTests
{
    private static readonly IReadOnlyList<(string Source, string Target)> Pairs = DatePairs.Generate(5000, seed: 4);

    [TestMethod]
    public void SameSeedGivesTheSamePairsAndAnotherSeedOthers()
    {
        CollectionAssert.AreEqual(Pairs.ToArray(), DatePairs.Generate(5000, seed: 4).ToArray());
        CollectionAssert.AreNotEqual(Pairs.ToArray(), DatePairs.Generate(5000, seed: 5).ToArray());
    }

    [TestMethod]
    public void TargetsAreIsoDatesInTheDocumentedRange()
    {
        foreach (var (source, target) in Pairs)
        {
            Assert.IsTrue(DateOnly.TryParseExact(target, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date), $"{source} -> {target}");
            Assert.IsTrue(date >= DatePairs.First && date <= DatePairs.Last, target);
        }
    }

    [TestMethod]
    public void EachSourceHasOneAnswer()
    {
        var answers = Pairs.GroupBy(p => p.Source).Where(g => g.Select(p => p.Target).Distinct().Count() > 1).Select(g => g.Key).ToArray();

        Assert.IsEmpty(answers, string.Join(", ", answers));
    }

    [TestMethod]
    public void TheIssuesExampleFormsAppear()
    {
        string[] sources = [.. Pairs.Select(p => p.Source)];

        Assert.IsTrue(sources.Any(s => System.Text.RegularExpressions.Regex.IsMatch(s, @"^[a-z]+ \d{1,2}, \d{4}$")), "september 27, 1994");
        Assert.IsTrue(sources.Any(s => System.Text.RegularExpressions.Regex.IsMatch(s, @"^[A-Z][a-z]+day, [A-Z][a-z]+ \d{1,2}, \d{4}$")), "Tuesday, March 4, 2008");
        Assert.IsTrue(sources.Any(s => System.Text.RegularExpressions.Regex.IsMatch(s, @"^\d{1,2} [A-Z]{3} \d{4}$")), "27 SEP 1994");
        Assert.IsTrue(sources.Any(s => System.Text.RegularExpressions.Regex.IsMatch(s, @"^\d{1,2}/\d{1,2}/\d\d$")), "9/27/94");
    }

    [TestMethod]
    public void NumericFormsAreMonthDayYear()
    {
        foreach (var (source, target) in Pairs.Where(p => p.Source.Contains('/', StringComparison.Ordinal) || char.IsDigit(p.Source[0]) && p.Source.Contains('-', StringComparison.Ordinal)))
        {
            string[] parts = source.Split('/', '-');
            int year = int.Parse(parts[2], CultureInfo.InvariantCulture);
            year = parts[2].Length == 2 ? (year >= 50 ? 1900 : 2000) + year : year;
            Assert.AreEqual(new DateOnly(year, int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), target, source);
        }
    }
}
