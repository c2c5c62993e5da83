using System.Globalization;
using System.Text.Json;
using MLNet.Seq2Seq.Tests.Persistence;

namespace MLNet.Seq2Seq.Tests.Cli;

/// <summary>
/// The train command's network and schedule options take effect: each is checked in what <c>info</c> prints or in the
/// metrics file, against a run without it, so an option the tool parsed but ignored would fail here.
/// </summary>
[TestClass]
public sealed class CliTrainingOptionsTests
{
    private const int Epochs = 5, Patience = 3;
    private static readonly string[] Common = ["--hidden", "8", "--embedding", "4", "--epochs", $"{Epochs}", "--batch", "8", "--seed", "5", "--threads", "1", "--quiet"];

    /// <summary>Everything the options run sets; the clip run differs from it in --clip alone.</summary>
    private static readonly string[] Options =
    [
        "--layers", "2", "--context", "hidden", "--teacher-forcing", "0.9", "--teacher-forcing-decay", "linear",
        "--final-teacher-forcing", "0.3", "--patience", $"{Patience}",
    ];

    private static TemporaryFolder folder = null!;

    [ClassInitialize]
    public static void TrainThree(TestContext testContext)
    {
        folder = new TemporaryFolder();
        var random = new Random(4);
        File.WriteAllLines(folder.File("train.tsv"), Enumerable.Range(0, 40).Select(_ =>
        {
            string source = string.Concat(Enumerable.Range(0, random.Next(1, 4)).Select(_ => (char)('a' + random.Next(3))));
            return $"{source}\t{source}";
        }));

        // Targets longer than the longest output the model decodes (2 × 3 + 2), so no epoch beats the first and
        // --patience must stop the run Patience epochs after it, before --epochs.
        File.WriteAllLines(folder.File("valid.tsv"), ["ab\tabcabcabcabc", "c\tcccccccccc"]);
        string[] data = ["--train", folder.File("train.tsv"), "--valid", folder.File("valid.tsv")];
        Train("baseline", [.. data, .. Common]);
        Train("options", [.. data, .. Common, .. Options, "--clip", "0.01"]);
        Train("unclipped", [.. data, .. Common, .. Options, "--clip", "0"]);
    }

    [ClassCleanup]
    public static void DeleteFiles() => folder.Dispose();

    [TestMethod]
    public void LayersAndContextAreTheModelsAndLayersAddParameters()
    {
        string[] baseline = Info("baseline"), options = Info("options");

        CollectionAssert.Contains(baseline, "layers             1");
        CollectionAssert.Contains(baseline, "context            HiddenAndCell");
        CollectionAssert.Contains(options, "layers             2");
        CollectionAssert.Contains(options, "context            Hidden");
        Assert.IsGreaterThan(Parameters(baseline), Parameters(options));
    }

    [TestMethod]
    public void PatienceStopsTheRunPatienceEpochsAfterTheBestOne()
    {
        Assert.HasCount(Epochs, Metrics("baseline"), "without --patience every epoch runs");
        var epochs = Metrics("options");

        Assert.HasCount(1 + Patience, epochs);
        Assert.IsTrue(epochs.All(e => e.ValidExactMatch == 0), "no epoch beats the first");
        StringAssert.Contains(string.Join('\n', Info("options")), $"training history   {1 + Patience} epoch(s)");
    }

    [TestMethod]
    public void TeacherForcingDecaysLinearlyFromTheStartRatioTowardsTheFinalOne()
    {
        // Linear over 5 epochs from 0.9 to 0.3: 0.15 a step; the run stops after 4, before reaching 0.3.
        double[] ratios = [.. Metrics("options").Select(e => e.TeacherForcingRatio)];
        double[] expected = [0.9, 0.75, 0.6, 0.45];

        Assert.HasCount(expected.Length, ratios);
        for (int e = 0; e < expected.Length; e++)
        {
            Assert.AreEqual(expected[e], ratios[e], 1e-6, string.Join(", ", ratios));
        }

        Assert.IsTrue(Metrics("baseline").All(e => e.TeacherForcingRatio == 1.0), "the default: always 1, no decay");
    }

    [TestMethod]
    public void ClippingChangesTraining()
    {
        double[] clipped = [.. Metrics("options").Select(e => e.TrainLoss)];
        double[] unclipped = [.. Metrics("unclipped").Select(e => e.TrainLoss)];

        Assert.AreEqual(unclipped.Length, clipped.Length);
        CollectionAssert.AreNotEqual(unclipped, clipped, "--clip 0.01 against --clip 0 with everything else the same");
    }

    private static void Train(string name, string[] arguments)
    {
        CliResult result = CliProcess.Run(folder.Path, null, ["train", .. arguments, "--model", folder.File(name + ".zip"), "--metrics", folder.File(name + ".json")]);
        Assert.AreEqual(0, result.ExitCode, result.ToString());
    }

    private static string[] Info(string name)
    {
        CliResult info = CliProcess.Run(folder.Path, null, "info", "--model", folder.File(name + ".zip"));
        Assert.AreEqual(0, info.ExitCode, info.ToString());
        return info.StandardOutput.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
    }

    private static long Parameters(string[] info) =>
        long.Parse(info.Single(l => l.StartsWith("parameters ", StringComparison.Ordinal))["parameters".Length..].Trim(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    private static (double TrainLoss, double TeacherForcingRatio, double? ValidExactMatch)[] Metrics(string name)
    {
        using JsonDocument metrics = JsonDocument.Parse(File.ReadAllText(folder.File(name + ".json")));
        return [.. metrics.RootElement.GetProperty("epochs").EnumerateArray().Select(e => (
            e.GetProperty("train_loss").GetDouble(),
            e.GetProperty("teacher_forcing_ratio").GetDouble(),
            e.GetProperty("valid_exact_match").ValueKind == JsonValueKind.Null ? (double?)null : e.GetProperty("valid_exact_match").GetDouble()))];
    }
}
