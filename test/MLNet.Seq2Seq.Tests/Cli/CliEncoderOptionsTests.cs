using MLNet.Seq2Seq.Tests.Persistence;

namespace MLNet.Seq2Seq.Tests.Cli;

/// <summary>The train command's --bidirectional and --cell flags, end to end through the built tool.</summary>
[TestClass]
public sealed class CliEncoderOptionsTests
{
    private static readonly string[] Pairs = ["ab\tab", "ba\tba", "abc\tabc", "cab\tcab", "c\tc", "bca\tbca"];

    [TestMethod]
    public void TrainsABidirectionalGruModelThatPredictAndEvaluateLoad()
    {
        using var folder = new TemporaryFolder();
        string data = folder.File("pairs.tsv"), model = folder.File("model.zip");
        File.WriteAllLines(data, Pairs);

        CliResult training = CliProcess.Run(folder.Path, null, "train", "--train", data, "--model", model, "--bidirectional", "--cell", "gru",
            "--hidden", "8", "--embedding", "4", "--epochs", "2", "--batch", "4", "--threads", "1", "--quiet");
        CliResult prediction = CliProcess.Run(folder.Path, null, "predict", "--model", model, "abc", "ba");
        CliResult evaluation = CliProcess.Run(folder.Path, null, "evaluate", "--model", model, "--data", data, "--json");
        CliResult info = CliProcess.Run(folder.Path, null, "info", "--model", model);

        Assert.AreEqual(0, training.ExitCode, training.ToString());
        Assert.IsTrue(File.Exists(model));
        Assert.AreEqual(0, prediction.ExitCode, prediction.ToString());
        Assert.AreEqual(0, evaluation.ExitCode, evaluation.ToString());
        Assert.AreEqual(0, info.ExitCode, info.ToString());
        string[] lines = info.StandardOutput.Split('\n', StringSplitOptions.TrimEntries);
        CollectionAssert.Contains(lines, "encoder            bidirectional Gru", info.StandardOutput);
    }

    [TestMethod]
    public void AnUnknownCellIsACommandLineErrorListingTheCells()
    {
        using var folder = new TemporaryFolder();
        string data = folder.File("pairs.tsv");
        File.WriteAllLines(data, Pairs);

        CliResult result = CliProcess.Run(folder.Path, null, "train", "--train", data, "--model", folder.File("unused.zip"), "--cell", "rnn");

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.StandardError, "'rnn'");
        StringAssert.Contains(result.StandardError, "Option '--cell' must be one of 'lstm', 'gru'");
        Assert.IsFalse(File.Exists(folder.File("unused.zip")));
    }
}
