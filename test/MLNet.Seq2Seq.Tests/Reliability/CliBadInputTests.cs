using MLNet.Seq2Seq.Tests.Cli;
using MLNet.Seq2Seq.Tests.Persistence;

namespace MLNet.Seq2Seq.Tests.Reliability;

/// <summary>Bad data, unknown characters, long sources, empty and unreadable files through the tool: exit 1 and one line naming the culprit.</summary>
[TestClass]
public sealed class CliBadInputTests
{
    private static readonly string[] TinyNetwork = ["--hidden", "8", "--embedding", "4", "--epochs", "1", "--batch", "8", "--seed", "7", "--threads", "1", "--quiet"];
    private static readonly string[] GoodPairs = ["ab\tab", "ba\tba", "abc\tabc", "c\tc", "cab\tcab", "bb\tbb"];
    private static TemporaryFolder folder = null!;

    private static string LenientModel => folder.File("lenient.zip");

    private static string StrictModel => folder.File("strict.zip");

    [ClassInitialize]
    public static void TrainTwoModels(TestContext _)
    {
        folder = new TemporaryFolder();
        File.WriteAllLines(folder.File("good.tsv"), GoodPairs);
        CliResult lenient = Run(["train", "--train", folder.File("good.tsv"), "--model", LenientModel, "--max-source-length", "3", .. TinyNetwork]);
        Assert.AreEqual(0, lenient.ExitCode, lenient.ToString());
        CliResult strict = Run(["train", "--train", folder.File("good.tsv"), "--model", StrictModel, "--max-source-length", "3", "--on-too-long", "error", "--on-unknown", "error", .. TinyNetwork]);
        Assert.AreEqual(0, strict.ExitCode, strict.ToString());
    }

    [ClassCleanup]
    public static void DeleteFiles() => folder.Dispose();

    [TestMethod]
    [DataRow("three fields", "ab\tab\tx", "found 3")]
    [DataRow("empty line", "", "the line is empty")]
    [DataRow("empty source", "\tab", "the source is empty")]
    [DataRow("one field", "ab", "found 1")]
    public void ABadLineFailsNamingFileAndLine(string name, string badLine, string problem)
    {
        string data = folder.File($"{name}.tsv");
        File.WriteAllLines(data, [.. GoodPairs, badLine, .. GoodPairs]);

        foreach (string command in new[] { "train", "evaluate" })
        {
            string[] arguments = command == "train"
                ? ["train", "--train", data, "--model", folder.File("unused.zip"), .. TinyNetwork]
                : ["evaluate", "--model", LenientModel, "--data", data];
            ReliabilityAssert.OneLineError(Run(arguments), 1, data, "line 7", problem, "--on-bad-row");
        }
    }

    [TestMethod]
    public void InvalidUtf8AndAHeaderMismatchFailNamingFileAndLine()
    {
        string invalid = folder.File("invalid.tsv");
        File.WriteAllBytes(invalid, [.. "ab\tab\n"u8, 0x61, 0xFF, 0x09, 0x61, 0x0A]);
        ReliabilityAssert.OneLineError(Run("evaluate", "--model", LenientModel, "--data", invalid), 1, invalid, "line 2", "UTF-8");

        string header = folder.File("header.tsv");
        File.WriteAllLines(header, ["source\ttarget\textra", .. GoodPairs]);
        ReliabilityAssert.OneLineError(Run("evaluate", "--model", LenientModel, "--data", header, "--has-header"), 1, header, "line 1", "header");
    }

    [TestMethod]
    public void SkipModeSkipsCountsAndReportsBadLines()
    {
        string data = folder.File("some-bad.tsv");
        File.WriteAllLines(data, [.. GoodPairs, "", "x\ty\tz", "\tq", .. GoodPairs]);

        CliResult result = Run("evaluate", "--model", LenientModel, "--data", data, "--on-bad-row", "skip", "--json");

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        StringAssert.Contains(result.StandardOutput, "\"count\":12");
        string[] warnings = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(4, warnings, result.ToString());
        StringAssert.Contains(warnings[0], "line 7 skipped");
        StringAssert.Contains(warnings[3], "skipped 3 bad line(s)");
    }

    [TestMethod]
    public void AnEmptyOrAllBadTrainingSetFails()
    {
        string empty = folder.File("empty.tsv");
        File.WriteAllText(empty, "");
        ReliabilityAssert.OneLineError(Run(["train", "--train", empty, "--model", folder.File("unused.zip"), .. TinyNetwork]), 1, empty, "no pairs");

        string allBad = folder.File("all-bad.tsv");
        File.WriteAllLines(allBad, ["", "a"]);
        ReliabilityAssert.ErrorLineLast(Run(["train", "--train", allBad, "--model", folder.File("unused.zip"), "--on-bad-row", "skip", .. TinyNetwork]), 1, allBad, "after skipping 2");
    }

    [TestMethod]
    public void AMissingOrUnreadableFileFailsNamingIt()
    {
        string missing = folder.File("missing.tsv");
        ReliabilityAssert.OneLineError(Run("evaluate", "--model", LenientModel, "--data", missing), 1, missing, "does not exist");
        ReliabilityAssert.OneLineError(Run("predict", "--model", missing, "ab"), 1, missing);

        string directory = folder.File("a-folder.tsv");
        Directory.CreateDirectory(directory);
        ReliabilityAssert.OneLineError(Run(["train", "--train", directory, "--model", folder.File("unused.zip"), .. TinyNetwork]), 1, directory, "folder");
    }

    [TestMethod]
    public void AnUnknownCharacterIsMappedOrAnErrorAsChosenOrAsTheModelWasTrained()
    {
        Assert.AreEqual(0, Run("predict", "--model", LenientModel, "abz").ExitCode);
        ReliabilityAssert.ErrorLineLast(Run("predict", "--model", LenientModel, "--on-unknown", "error", "ab", "abz"), 1, "argument 2", "'z'");
        ReliabilityAssert.OneLineError(Run("predict", "--model", StrictModel, "abz"), 1, "argument 1", "'z'");
        Assert.AreEqual(0, Run("predict", "--model", StrictModel, "--on-unknown", "unk", "abz").ExitCode);

        string data = folder.File("unknown.tsv");
        File.WriteAllLines(data, ["ab\tab", "az\taz"]);
        ReliabilityAssert.OneLineError(Run("evaluate", "--model", StrictModel, "--data", data), 1, data, "line 2", "row 1", "'z'");
    }

    [TestMethod]
    public void ALongSourceIsTruncatedOrAnErrorAsChosenOrAsTheModelWasTrained()
    {
        Assert.AreEqual(0, Run("predict", "--model", LenientModel, "abcabc").ExitCode);
        ReliabilityAssert.OneLineError(Run("predict", "--model", LenientModel, "--on-too-long", "error", "abcabc"), 1, "argument 1", "maximum length 3");
        ReliabilityAssert.OneLineError(Run("predict", "--model", StrictModel, "abcabc"), 1, "argument 1", "maximum length 3");
        Assert.AreEqual(0, Run("predict", "--model", StrictModel, "--max-source-length", "6", "abcabc").ExitCode);
        ReliabilityAssert.OneLineError(Run("predict", "--model", StrictModel, "--max-source-length", "0", "abc"), 2, "--max-source-length");
    }

    [TestMethod]
    public void EverySourceWithCharactersTheModelNeverSawIsNamedOnStandardErrorAndVerboseAlsoNamesCutSources()
    {
        CliResult plain = Run("predict", "--model", LenientModel, "abz", "abc", "zaz", "abcabc");
        CliResult verbose = Run("predict", "--model", LenientModel, "--verbose", "abz", "abc", "zaz", "abcabc");

        Assert.AreEqual(0, plain.ExitCode, plain.ToString());
        Assert.AreEqual(plain.StandardOutput, verbose.StandardOutput);
        string[] notes = plain.StandardError.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(2, notes, plain.ToString());
        Assert.AreEqual("argument 1: 1 character(s) the model never saw, mapped to U+FFFD: 'z' (U+007A).", notes[0]);
        Assert.AreEqual("argument 3: 2 character(s) the model never saw, mapped to U+FFFD: 'z' (U+007A).", notes[1]);
        string[] verboseNotes = verbose.StandardError.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(3, verboseNotes, verbose.ToString());
        StringAssert.StartsWith(verboseNotes[2], "argument 4: the source has 6 characters, more than the maximum length 3");

        string data = folder.File("unknown-notes.tsv");
        File.WriteAllLines(data, ["ab\tab", "az\taz"]);
        CliResult evaluation = Run("evaluate", "--model", LenientModel, "--data", data);
        Assert.AreEqual(0, evaluation.ExitCode, evaluation.ToString());
        StringAssert.Contains(evaluation.StandardError, $"{data}, line 2: 1 character(s) the model never saw, mapped to U+FFFD: 'z'");
    }

    [TestMethod]
    public void ADivergedTrainingFailsNamingEpochAndBatchAndLeavesTheModelFileUnchanged()
    {
        string existing = folder.File("existing.zip");
        File.Copy(LenientModel, existing, overwrite: true);
        byte[] before = File.ReadAllBytes(existing);
        string data = folder.File("diverge.tsv");
        File.WriteAllLines(data, [.. GoodPairs, .. GoodPairs, .. GoodPairs]);

        CliResult result = Run("train", "--train", data, "--model", existing, "--learning-rate", "3e38", "--batch", "2", "--epochs", "3", "--hidden", "8", "--embedding", "4", "--quiet");

        ReliabilityAssert.OneLineError(result, 1, "diverged at learning rate 3E+38", "epoch 1, batch ");
        CollectionAssert.AreEqual(before, File.ReadAllBytes(existing));
        Assert.HasCount(1, Directory.GetFiles(folder.Path, "*existing*"), "no temporary file is left behind");
    }

    private static CliResult Run(params string[] arguments) => CliProcess.Run(folder.Path, null, arguments);
}
