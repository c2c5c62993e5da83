using MLNet.Seq2Seq.Tests.Cli;

namespace MLNet.Seq2Seq.Tests.Examples;

/// <summary>Runs each built console example with --quick, as a user would, and checks it finishes and reports its score.</summary>
[TestClass]
public sealed class ConsoleExampleTests
{
    [TestMethod]
    [DataRow("Addition", "Held-out exact match ")]
    [DataRow("WordPairs", "Exact match on the training pairs ")]
    [DataRow("DateNormalization", "Held-out exact match ")]
    [DataRow("WordReversal", "Held-out exact match ")]
    public void QuickRunExitsWithZeroAndPrintsItsExactMatch(string example, string scoreLabel)
    {
        string app = RepositoryFolder.BuiltApp(Path.Combine("examples", example), example);

        CliResult result = CliProcess.RunApp(app, Path.GetTempPath(), standardInput: null, "--quick");

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        StringAssert.Matches(result.StandardOutput, new System.Text.RegularExpressions.Regex(scoreLabel + @"\d{1,3}\.\d\d %, character accuracy"), result.ToString());
        StringAssert.StartsWith(result.StandardError, "epoch 1/", result.ToString());
    }

    [TestMethod]
    public void AnAttentionModelSavedByAnExampleServesTheToolsPredictAndAttend()
    {
        using var folder = new MLNet.Seq2Seq.Tests.Persistence.TemporaryFolder();
        string model = folder.File("dates.zip"), svg = folder.File("dates.svg");
        string app = RepositoryFolder.BuiltApp(Path.Combine("examples", "DateNormalization"), "DateNormalization");

        CliResult trained = CliProcess.RunApp(app, folder.Path, null, "--quick", "--decoder", "attention", "--save", model);
        Assert.AreEqual(0, trained.ExitCode, trained.ToString());
        StringAssert.Contains(trained.StandardOutput, "decoder attention");

        CliResult predicted = CliProcess.Run(folder.Path, null, ["predict", "--model", model, "9/27/94"]);
        CliResult attended = CliProcess.Run(folder.Path, null, ["attend", "--model", model, "--svg", svg, "9/27/94"]);
        Assert.AreEqual(0, attended.ExitCode, attended.ToString());
        Assert.AreEqual(predicted.StandardOutput, attended.StandardOutput);
        Assert.IsTrue(trained.StandardOutput.Contains($"9/27/94 -> {predicted.StandardOutput.Trim()}", StringComparison.Ordinal), trained.ToString());
        Assert.AreEqual("svg", System.Xml.Linq.XDocument.Load(svg).Root!.Name.LocalName);
    }

    [TestMethod]
    public void TheAdditionExampleScoresItsValidationPairsEveryEpochUnlessTurnedOff()
    {
        string app = RepositoryFolder.BuiltApp(Path.Combine("examples", "Addition"), "Addition");

        CliResult validated = CliProcess.RunApp(app, Path.GetTempPath(), null, "--quick", "--epochs", "2");
        CliResult unvalidated = CliProcess.RunApp(app, Path.GetTempPath(), null, "--quick", "--epochs", "2", "--validation-pairs", "0");

        Assert.AreEqual(0, validated.ExitCode, validated.ToString());
        StringAssert.Contains(validated.StandardOutput, "300 more to pick the best epoch", validated.ToString());
        StringAssert.Matches(validated.StandardError, new System.Text.RegularExpressions.Regex(@"epoch 2/2  loss \d\.\d{4}  valid exact match \d{1,3}\.\d\d %"), validated.ToString());
        Assert.AreEqual(0, unvalidated.ExitCode, unvalidated.ToString());
        Assert.IsFalse(unvalidated.StandardError.Contains("valid exact match", StringComparison.Ordinal), unvalidated.ToString());
        Assert.IsFalse(unvalidated.StandardOutput.Contains("best epoch", StringComparison.Ordinal), unvalidated.ToString());
    }

    [TestMethod]
    public void AValidationSetForAMemorisingExampleExitsWithTwo()
    {
        CliResult result = CliProcess.RunApp(RepositoryFolder.BuiltApp(Path.Combine("examples", "WordPairs"), "WordPairs"), Path.GetTempPath(), null, "--quick", "--validation-pairs", "5");

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.StandardError, "--validation-pairs");
    }

    [TestMethod]
    public void UnknownOptionExitsWithTwoAndNamesIt()
    {
        CliResult result = CliProcess.RunApp(RepositoryFolder.BuiltApp(Path.Combine("examples", "WordPairs"), "WordPairs"), Path.GetTempPath(), null, "--quick", "--decoder", "sideways");

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.StandardError, "'sideways'");
        StringAssert.Contains(result.StandardError, "context-every-step");
    }
}
