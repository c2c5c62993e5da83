using System.Text.RegularExpressions;
using Examples.Shared;
using MLNet.Seq2Seq.Tests.Persistence;
using MLNet.Seq2Seq.Tests.Reliability;
using MLNet.Seq2Seq.Trainers;

namespace MLNet.Seq2Seq.Tests.Cli;

/// <summary>
/// Input that used to pass silently: numbers in another culture's format, a header line trained on as data, the decoder
/// names, and case folding with the unknown-character notes.
/// </summary>
[TestClass]
public sealed partial class CliInputChecksTests
{
    private static readonly string[] TinyNetwork = ["--hidden", "8", "--embedding", "4", "--epochs", "1", "--batch", "8", "--seed", "7", "--threads", "1", "--quiet"];
    private static readonly string[] Commands = ["train", "evaluate", "predict", "attend", "info"];
    private static TemporaryFolder folder = null!;

    [ClassInitialize]
    public static void MakeFolder(TestContext _) => folder = new TemporaryFolder();

    [ClassCleanup]
    public static void DeleteFiles() => folder.Dispose();

    [TestMethod]
    public void EveryNumericOptionOfEveryCommandRefusesADecimalCommaNamingTheOptionAndTheValue()
    {
        int checkedOptions = 0;
        foreach (string command in Commands)
        {
            CliResult help = Run(command, "--help");
            foreach (Match match in NumericOption().Matches(help.StandardOutput))
            {
                string option = match.Groups[1].Value;
                foreach (string value in new[] { "1,5", "1,000", "1.5.0" })
                {
                    ReliabilityAssert.OneLineError(Run(command, option, value), 2, $"'{option}'", $"'{value}'");
                }

                checkedOptions++;
            }
        }

        Assert.IsGreaterThanOrEqualTo(20, checkedOptions, "the numeric options found in the help texts");
    }

    [TestMethod]
    [DataRow("--learning-rate", "0.005")]
    [DataRow("--learning-rate", "5e-3")]
    [DataRow("--learning-rate", ".005")]
    [DataRow("--learning-rate", "+5E-3")]
    [DataRow("--epochs", "+3")]
    [DataRow("--seed", "-4")]
    public void PlainInvariantNumbersAreAccepted(string option, string value)
    {
        string missing = folder.File("missing.tsv");

        ReliabilityAssert.OneLineError(Run("train", "--train", missing, "--model", folder.File("unused.zip"), option, value), 1, missing, "does not exist");
    }

    [TestMethod]
    public void AWholeNumberOptionRefusesAFraction() =>
        ReliabilityAssert.OneLineError(Run("train", "--epochs", "2.5"), 2, "'--epochs'", "whole number", "'2.5'");

    [TestMethod]
    public void AHeaderLineWithoutAHeaderFlagStopsTrainingAskingForOne()
    {
        string data = folder.File("with-header.tsv");
        File.WriteAllLines(data, ["source\ttarget", "12+3\t15", "4+4\t8", "7+1\t8"]);
        string model = folder.File("header.zip");

        ReliabilityAssert.OneLineError(Run(["train", "--train", data, "--model", model, .. TinyNetwork]), 1, data, "line 1", "'source target'", "--has-header", "--no-header");
        Assert.IsFalse(File.Exists(model));

        Assert.AreEqual(0, Run(["train", "--train", data, "--model", model, "--has-header", .. TinyNetwork]).ExitCode);
        Assert.AreEqual(0, Run(["train", "--train", data, "--model", model, "--no-header", .. TinyNetwork]).ExitCode);
        ReliabilityAssert.OneLineError(Run(["train", "--train", data, "--model", model, "--has-header", "--no-header", .. TinyNetwork]), 2, "--has-header", "--no-header");
    }

    [TestMethod]
    [DataRow("word pairs", new[] { "man\twoman", "woman\tman", "king\tqueen", "queen\tking" })]
    [DataRow("digits first", new[] { "12\t21", "source\ttarget" })]
    [DataRow("letters and digits", new[] { "source1\ttarget1", "12\t21" })]
    public void AFirstLineThatDoesNotLookLikeAHeaderIsData(string name, string[] lines)
    {
        string data = folder.File($"{name}.tsv");
        File.WriteAllLines(data, lines);

        CliResult result = Run(["train", "--train", data, "--model", folder.File($"{name}.zip"), .. TinyNetwork]);

        Assert.AreEqual(0, result.ExitCode, result.ToString());
    }

    [TestMethod]
    public void TheDecoderNamesAreTheExamplesNamesAndTheOldContextNameIsRefused()
    {
        string[] names = [.. Enum.GetValues<DecoderForm>().Select(ExampleSettings.DecoderName)];
        CollectionAssert.AreEquivalent(new[] { "plain", "context-only", "context-every-step", "peeky", "attention" }, names);

        Match choices = Regex.Match(Run("train", "--help").StandardOutput, @"--decoder <([a-z|-]+)>");
        Assert.IsTrue(choices.Success);
        CollectionAssert.AreEquivalent(names, choices.Groups[1].Value.Split('|'));
        ReliabilityAssert.OneLineError(Run("train", "--train", "x.tsv", "--model", "x.zip", "--decoder", "context"), 2, "'context'", "--decoder");

        string data = folder.File("decoder.tsv");
        File.WriteAllLines(data, ["ab\tab", "ba\tba", "abc\tabc"]);
        string model = folder.File("context-every-step.zip");
        Assert.AreEqual(0, Run(["train", "--train", data, "--model", model, "--decoder", "context-every-step", .. TinyNetwork]).ExitCode);
        CollectionAssert.Contains(Run("info", "--model", model).StandardOutput.Split('\n').Select(l => l.TrimEnd('\r')).ToArray(), "decoder            context-every-step");
    }

    [TestMethod]
    public void CaseFoldingIsSavedInTheModelSoOtherCasesAreKnownCharacters()
    {
        string data = folder.File("lower.tsv");
        File.WriteAllLines(data, ["one\t1", "two\t2", "three\t3", "four\t4"]);
        string folded = folder.File("folded.zip");
        string kept = folder.File("kept.zip");
        Assert.AreEqual(0, Run(["train", "--train", data, "--model", folded, "--case-folding", "lower", .. TinyNetwork]).ExitCode);
        Assert.AreEqual(0, Run(["train", "--train", data, "--model", kept, .. TinyNetwork]).ExitCode);

        CliResult foldedAnswer = Run("predict", "--model", folded, "Two");
        CliResult keptAnswer = Run("predict", "--model", kept, "Two");

        Assert.AreEqual(0, foldedAnswer.ExitCode, foldedAnswer.ToString());
        Assert.AreEqual(string.Empty, foldedAnswer.StandardError, foldedAnswer.ToString());
        Assert.AreEqual("argument 1: 1 character(s) the model never saw, mapped to U+FFFD: 'T' (U+0054).", keptAnswer.StandardError.Trim());
        StringAssert.Contains(Run("info", "--model", folded).StandardOutput, "case folding       lower");
        ReliabilityAssert.OneLineError(Run("train", "--case-folding", "title"), 2, "title", "--case-folding");
    }

    /// <summary>An option in a help text whose value is a number (help names N, X, RATIO and A).</summary>
    [GeneratedRegex(@"(?m)^\s+(--[a-z-]+) <(?:N|X|RATIO|A)>")]
    private static partial Regex NumericOption();

    private static CliResult Run(params string[] arguments) => CliProcess.Run(folder.Path, null, arguments);
}
