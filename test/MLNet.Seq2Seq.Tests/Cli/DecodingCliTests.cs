using System.Globalization;
using System.Text.Json;
using MLNet.Seq2Seq.Tests.Persistence;

namespace MLNet.Seq2Seq.Tests.Cli;

/// <summary>The decoding flags of predict and evaluate (--beam, --nbest, --length-penalty) and the attend command.</summary>
[TestClass]
public sealed class DecodingCliTests
{
    private static readonly string[] Questions = ["ab", "cab", "a", "bca"];
    private static TemporaryFolder folder = null!;

    private static string DataFile => folder.File("pairs.tsv");

    private static string ModelFile => folder.File("model.zip");

    [ClassInitialize]
    public static void TrainOnce(TestContext testContext)
    {
        folder = new TemporaryFolder();
        var random = new Random(3);
        File.WriteAllLines(DataFile, Enumerable.Range(0, 40).Select(_ =>
        {
            string source = string.Concat(Enumerable.Range(0, random.Next(1, 4)).Select(_ => (char)('a' + random.Next(3))));
            return string.Create(CultureInfo.InvariantCulture, $"{source}\t{source}");
        }));
        var training = Run(["train", "--train", DataFile, "--model", ModelFile, "--quiet", "--hidden", "16", "--embedding", "8", "--epochs", "3", "--batch", "8", "--seed", "7", "--threads", "1"]);
        Assert.AreEqual(0, training.ExitCode, training.ToString());
    }

    [ClassCleanup]
    public static void DeleteFiles() => folder.Dispose();

    [TestMethod]
    public void BeamWidthOnePredictsWhatGreedyDecodingDoes()
    {
        var greedy = Run(["predict", "--model", ModelFile, .. Questions]);
        var beam = Run(["predict", "--model", ModelFile, "--beam", "1", .. Questions]);
        Assert.AreEqual(0, beam.ExitCode, beam.ToString());
        Assert.AreEqual(greedy.StandardOutput, beam.StandardOutput);
    }

    [TestMethod]
    public void PredictWithNBestPrintsRankedAnswersWithScoresAndAnEmptyLineAfterEachSource()
    {
        var result = Run(["predict", "--model", ModelFile, "--beam", "3", "--nbest", "2", "--length-penalty", "0.5", .. Questions]);
        Assert.AreEqual(0, result.ExitCode, result.ToString());
        string[] lines = result.StandardOutput.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.HasCount(Questions.Length * 3 - 1, lines, result.ToString());
        for (int q = 0; q < Questions.Length; q++)
        {
            float[] scores = [.. lines.Skip(q * 3).Take(2).Select(l => float.Parse(l.Split('\t')[1], CultureInfo.InvariantCulture))];
            Assert.IsTrue(scores[0] >= scores[1] && scores[1] <= 0, result.ToString());
            if (q * 3 + 2 < lines.Length)
            {
                Assert.AreEqual(string.Empty, lines[q * 3 + 2]);
            }
        }
    }

    [TestMethod]
    public void EvaluateWithNBestAddsTheNBestExactMatch()
    {
        var result = Run(["evaluate", "--model", ModelFile, "--data", DataFile, "--beam", "3", "--nbest", "3", "--json"]);
        Assert.AreEqual(0, result.ExitCode, result.ToString());
        using var metrics = JsonDocument.Parse(result.StandardOutput);
        double exact = metrics.RootElement.GetProperty("exact_match").GetDouble();
        Assert.IsGreaterThanOrEqualTo(exact, metrics.RootElement.GetProperty("nbest_exact_match").GetDouble());
        Assert.AreEqual(40, metrics.RootElement.GetProperty("count").GetInt32());
    }

    [TestMethod]
    [DataRow("--nbest", "2")]
    [DataRow("--length-penalty", "0.5")]
    public void DecodingFlagsWithoutBeamAreCommandLineErrors(string flag, string value)
    {
        var result = Run(["predict", "--model", ModelFile, flag, value, "ab"]);
        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.StandardError, $"Option '{flag}' needs '--beam K'");
    }

    [TestMethod]
    public void MoreResultsThanTheBeamHoldsOrANegativePenaltyAreCommandLineErrors()
    {
        var tooMany = Run(["evaluate", "--model", ModelFile, "--data", DataFile, "--beam", "2", "--nbest", "3"]);
        Assert.AreEqual(2, tooMany.ExitCode, tooMany.ToString());
        StringAssert.Contains(tooMany.StandardError, "--nbest' must be at most the beam width 2");
        var negative = Run(["predict", "--model", ModelFile, "--beam", "2", "--length-penalty", "-1", "ab"]);
        Assert.AreEqual(2, negative.ExitCode, negative.ToString());
        StringAssert.Contains(negative.StandardError, "--length-penalty' must be a finite number, 0 or more");
    }

    [TestMethod]
    public void AttendOnAModelWithoutAttentionFailsClearlyAndWritesNothing()
    {
        string svg = folder.File("map.svg");
        var result = Run(["attend", "--model", ModelFile, "--svg", svg, "ab"]);
        Assert.AreEqual(1, result.ExitCode, result.ToString());
        StringAssert.Contains(result.StandardError, "has no attention weights");
        StringAssert.Contains(result.StandardError, "--decoder attention");
        Assert.IsFalse(File.Exists(svg));
    }

    [TestMethod]
    public void AttendWritesAHeatmapWithTheSourceInReadingOrderAndOneRowPerAnswerCharacter()
    {
        string model = folder.File("attention.zip"), svg = folder.File("attention.svg");
        var training = Run(["train", "--train", DataFile, "--model", model, "--quiet", "--hidden", "16", "--embedding", "8", "--epochs", "2",
            "--batch", "8", "--seed", "7", "--threads", "1", "--decoder", "attention", "--attention", "dot", "--input-feeding", "--reverse"]);
        Assert.AreEqual(0, training.ExitCode, training.ToString());

        var result = Run(["attend", "--model", model, "--svg", svg, "cab"]);
        Assert.AreEqual(0, result.ExitCode, result.ToString());
        var predicted = Run(["predict", "--model", model, "cab"]);
        Assert.AreEqual(predicted.StandardOutput, result.StandardOutput);
        var document = System.Xml.Linq.XDocument.Load(svg);
        string[] texts = [.. document.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value)];
        int c = Array.IndexOf(texts, "c"), a = Array.IndexOf(texts, "a"), b = Array.IndexOf(texts, "b");
        Assert.IsTrue(c >= 0 && c < a && a < b, $"source labels in reading order: {string.Join(" ", texts)}");
        int answerLength = predicted.StandardOutput.TrimEnd('\r', '\n').Length;
        int cells = document.Descendants().Count(e => e.Name.LocalName == "rect" && e.Elements().Any(t => t.Name.LocalName == "title"));
        Assert.IsTrue(cells == 3 * answerLength || cells == 3 * (answerLength + 1), $"{cells} cells for a 3-character source and a {answerLength}-character answer");
    }

    private static CliResult Run(string[] arguments) => CliProcess.Run(folder.Path, null, arguments);
}
