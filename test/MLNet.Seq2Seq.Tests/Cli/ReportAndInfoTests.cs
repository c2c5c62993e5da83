using System.Xml.Linq;
using MLNet.Seq2Seq.Tests.Persistence;

namespace MLNet.Seq2Seq.Tests.Cli;

/// <summary><c>train --report DIR</c> (metrics.json and training.svg) and <c>info --model</c>, run through the built tool.</summary>
[TestClass]
public sealed class ReportAndInfoTests
{
    private const int Epochs = 3;
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static TemporaryFolder folder = null!;
    private static CliResult training = null!;

    private static string ReportFolder => folder.File("report");

    private static string ModelFile => folder.File("model.zip");

    [ClassInitialize]
    public static void TrainOnce(TestContext testContext)
    {
        folder = new TemporaryFolder();
        string[] words = ["up", "down", "left", "right", "in", "out", "on", "off"];
        File.WriteAllLines(folder.File("train.tsv"), Enumerable.Range(0, 40).Select(i => $"{words[i % words.Length]}\t{words[(i + 1) % words.Length]}"));
        File.WriteAllLines(folder.File("valid.tsv"), words.Select((w, i) => $"{w}\t{words[(i + 1) % words.Length]}"));
        training = CliProcess.Run(folder.Path, null, "train", "--train", folder.File("train.tsv"), "--valid", folder.File("valid.tsv"), "--model", ModelFile,
            "--metrics", folder.File("metrics.json"), "--report", ReportFolder, "--quiet", "--epochs", $"{Epochs}", "--hidden", "16", "--embedding", "8", "--batch", "8", "--seed", "3");
    }

    [ClassCleanup]
    public static void DeleteFiles() => folder.Dispose();

    [TestMethod]
    public void ReportHasTheMetricsFileOfMetricsOption()
    {
        Assert.AreEqual(0, training.ExitCode, training.ToString());

        CollectionAssert.AreEqual(File.ReadAllBytes(folder.File("metrics.json")), File.ReadAllBytes(Path.Combine(ReportFolder, "metrics.json")));
    }

    [TestMethod]
    public void ChartIsSvgWithOnePointPerEpochForLossAndExactMatch()
    {
        Assert.AreEqual(0, training.ExitCode, training.ToString());

        XDocument chart = XDocument.Load(Path.Combine(ReportFolder, "training.svg"));

        Assert.AreEqual(Svg + "svg", chart.Root!.Name);
        foreach (string series in new[] { "loss", "exact-match" })
        {
            XElement group = chart.Root.Elements(Svg + "g").Single(g => (string?)g.Attribute("class") == series);
            Assert.HasCount(Epochs, group.Elements(Svg + "circle"), series);
            Assert.HasCount(1, group.Elements(Svg + "polyline"), series);
        }

        string[] labels = [.. chart.Descendants(Svg + "text").Select(t => t.Value)];
        CollectionAssert.Contains(labels, "epoch");
        CollectionAssert.Contains(labels, "training loss");
        CollectionAssert.Contains(labels, "validation exact match");
    }

    [TestMethod]
    public void InfoPrintsOptionsVocabulariesParameterCountAndHistory()
    {
        Assert.AreEqual(0, training.ExitCode, training.ToString());

        CliResult info = CliProcess.Run(folder.Path, null, "info", "--model", ModelFile);

        Assert.AreEqual(0, info.ExitCode, info.ToString());
        string[] lines = info.StandardOutput.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        CollectionAssert.Contains(lines, "decoder            peeky");
        CollectionAssert.Contains(lines, "encoder            Lstm");
        CollectionAssert.Contains(lines, "decoding           greedy");
        CollectionAssert.Contains(lines, "hidden size        16");
        CollectionAssert.Contains(lines, "embedding size     8");
        CollectionAssert.Contains(lines, "reversed source    no");
        StringAssert.Matches(info.StandardOutput, new System.Text.RegularExpressions.Regex(@"parameters +[1-9][\d,]*\n"));
        StringAssert.Contains(info.StandardOutput, "source vocabulary  ");
        StringAssert.Contains(info.StandardOutput, " d e f ");
        StringAssert.Contains(info.StandardOutput, $"training history   {Epochs} epoch(s)");
        Assert.AreEqual(Epochs, lines.Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\d+ +\d+\.\d{4} ")));
    }

    [TestMethod]
    public void InfoOnAMissingModelFailsNamingTheFile()
    {
        CliResult info = CliProcess.Run(folder.Path, null, "info", "--model", folder.File("missing.zip"));

        Assert.AreEqual(1, info.ExitCode, info.ToString());
        StringAssert.Contains(info.StandardError, "missing.zip");
    }
}
