using System.Text.RegularExpressions;
using MLNet.Seq2Seq.Tests.Cli;

namespace MLNet.Seq2Seq.Tests.Examples;

/// <summary>What a new user reads: no words that mean something only to the project's history, and getting-started in an order that does not mislead.</summary>
[TestClass]
public sealed class DocumentationTests
{
    private static readonly string[] HistoryWords = ["first seed's", "second seed's", "the seed's"];

    [TestMethod]
    public void ReadmeDocsExamplesAndCliHelpNameTasksNotSeeds()
    {
        string root = RepositoryFolder.Root;
        var texts = new List<(string Where, string Text)>
        {
            ("README.md", File.ReadAllText(Path.Combine(root, "README.md"))),
        };
        texts.AddRange(Directory.GetFiles(Path.Combine(root, "docs"), "*.md").Select(f => (f, File.ReadAllText(f))));
        texts.AddRange(Directory.GetFiles(Path.Combine(root, "examples"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (f, File.ReadAllText(f))));
        texts.AddRange(new[] { "train", "evaluate", "predict", "attend", "info" }.Select(c => ($"seq2seq {c} --help", CliProcess.Run(root, null, c, "--help").StandardOutput)));

        foreach (var (where, text) in texts)
        {
            foreach (string word in HistoryWords)
            {
                Assert.DoesNotContain(word, text, StringComparison.OrdinalIgnoreCase, $"{where} says '{word}'; name the task instead.");
            }
        }
    }

    [TestMethod]
    public void GettingStartedShowsTheDefaultRunsOutputBeforeAnyQuickRunAndItsMeasuredTime()
    {
        string guide = File.ReadAllText(Path.Combine(RepositoryFolder.Root, "docs", "getting-started.md"));

        int output = guide.IndexOf("Held-out exact match 100.00 %", StringComparison.Ordinal);
        int quick = guide.IndexOf("--quick", StringComparison.Ordinal);
        Assert.IsGreaterThanOrEqualTo(0, output, "getting-started shows the default run's output");
        Assert.IsGreaterThan(output, quick, "--quick comes after the default run's output");
        Assert.DoesNotContain("under a minute", guide);
        Match trained = Regex.Match(guide, @"Trained in (\d+(\.\d+)?) s\.");
        Assert.IsTrue(trained.Success);
        StringAssert.Contains(guide, "| `examples/DateNormalization` |");
        Assert.IsGreaterThan(60, double.Parse(trained.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
            "a run that takes over a minute is called 'one to two minutes'");
        StringAssert.Contains(guide, "one to two minutes");
    }

    [TestMethod]
    public void GettingStartedWalksFromCloneToAPredictionInYourOwnApp()
    {
        string guide = File.ReadAllText(Path.Combine(RepositoryFolder.Root, "docs", "getting-started.md"));
        string[] steps = ["git clone", "dotnet build MLNet.Seq2Seq.sln", "dotnet pack src/MLNet.Seq2Seq", "nuget.config", "dotnet new console",
            "dotnet add package MLNet.Seq2Seq", "<!-- Program.cs of PackagingTests", "CreatePredictionEngine", "four two -> 42"];

        int previous = -1;
        foreach (string step in steps)
        {
            int at = guide.IndexOf(step, previous + 1, StringComparison.Ordinal);
            Assert.IsGreaterThan(previous, at, $"getting-started has '{step}' after the step before it");
            previous = at;
        }
    }
}
