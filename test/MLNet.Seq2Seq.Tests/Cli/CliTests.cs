using System.Globalization;
using System.Text.Json;
using Microsoft.ML;
using MLNet.Seq2Seq.Persistence;
using MLNet.Seq2Seq.Tests.Persistence;

namespace MLNet.Seq2Seq.Tests.Cli;

/// <summary>Runs the built seq2seq tool end to end on a tiny copy task and checks its contract: output, files, exit codes, errors.</summary>
[TestClass]
public sealed class CliTests
{
    private static readonly string[] TinyNetwork = ["--hidden", "16", "--embedding", "8", "--epochs", "3", "--batch", "8", "--seed", "7", "--threads", "1"];
    private static TemporaryFolder folder = null!;
    private static CliResult training = null!;

    private static string TrainFile => folder.File("train.tsv");

    private static string ValidFile => folder.File("valid.tsv");

    private static string ModelFile => folder.File("model.zip");

    private static string MetricsFile => folder.File("metrics.json");

    [ClassInitialize]
    public static void TrainOnce(TestContext testContext)
    {
        folder = new TemporaryFolder();
        File.WriteAllLines(TrainFile, CopyPairs(count: 36, seed: 1));
        File.WriteAllLines(ValidFile, CopyPairs(count: 8, seed: 2));
        training = Run(["train", "--train", TrainFile, "--valid", ValidFile, "--model", ModelFile, "--metrics", MetricsFile, "--reverse", .. TinyNetwork]);
    }

    [ClassCleanup]
    public static void DeleteFiles() => folder.Dispose();

    [TestMethod]
    public void TrainWritesTheModelAndASummaryAndIsQuietOnARedirectedStandardError()
    {
        Assert.AreEqual(0, training.ExitCode, training.ToString());
        Assert.IsTrue(File.Exists(ModelFile));
        string[] summary = Lines(training.StandardOutput);
        Assert.HasCount(1, summary, training.ToString());
        StringAssert.Contains(summary[0], "3 epoch");
        StringAssert.Contains(summary[0], "valid exact match");
        StringAssert.Contains(summary[0], ModelFile);
        Assert.AreEqual(string.Empty, training.StandardError, training.ToString());
    }

    [TestMethod]
    public void VerboseTrainingOnARedirectedStandardErrorLogsEveryBatchAndEpoch()
    {
        string model = folder.File("verbose.zip");
        var result = Run(["train", "--train", TrainFile, "--model", model, "--verbose", .. TinyNetwork]);

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        string[] progress = [.. Lines(result.StandardError).Where(l => l.StartsWith("epoch ", StringComparison.Ordinal))];
        string[] epochs = [.. progress.Where(l => !l.Contains(", batch ", StringComparison.Ordinal))];
        Assert.HasCount(3, epochs, result.ToString());
        StringAssert.StartsWith(epochs[0], "epoch 1/3, loss ");
        StringAssert.Contains(epochs[0], "examples/s, ETA ");
        Assert.HasCount(3 * 5, progress.Except(epochs).ToArray(), result.ToString());
    }

    [TestMethod]
    public void MetricsFileHasOneEntryPerEpochWithTheDocumentedFields()
    {
        using JsonDocument metrics = JsonDocument.Parse(File.ReadAllText(MetricsFile));
        JsonElement[] epochs = [.. metrics.RootElement.GetProperty("epochs").EnumerateArray()];
        Assert.HasCount(3, epochs);
        for (int i = 0; i < epochs.Length; i++)
        {
            Assert.AreEqual(i + 1, epochs[i].GetProperty("epoch").GetInt32());
            Assert.IsTrue(epochs[i].GetProperty("train_loss").GetDouble() > 0);
            Assert.IsTrue(epochs[i].GetProperty("train_seconds").GetDouble() >= 0);
            Assert.AreEqual(1.0, epochs[i].GetProperty("teacher_forcing_ratio").GetDouble());
            double exactMatch = epochs[i].GetProperty("valid_exact_match").GetDouble();
            Assert.IsTrue(exactMatch is >= 0 and <= 1);
        }
    }

    [TestMethod]
    public void MetricsWithoutValidationDataHaveNullExactMatch()
    {
        string metricsFile = folder.File("no-valid-metrics.json");
        CliResult result = Run(["train", "--train", TrainFile, "--model", folder.File("no-valid.zip"), "--metrics", metricsFile, "--quiet", .. TinyNetwork]);

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        Assert.AreEqual(string.Empty, result.StandardError);
        using JsonDocument metrics = JsonDocument.Parse(File.ReadAllText(metricsFile));
        foreach (JsonElement epoch in metrics.RootElement.GetProperty("epochs").EnumerateArray())
        {
            Assert.AreEqual(JsonValueKind.Null, epoch.GetProperty("valid_exact_match").ValueKind);
        }
    }

    [TestMethod]
    public void EvaluateWithJsonPrintsExactlyOneLineOfMetrics()
    {
        CliResult result = Run(["evaluate", "--model", ModelFile, "--data", ValidFile, "--json"]);

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        string[] lines = Lines(result.StandardOutput);
        Assert.HasCount(1, lines);
        using JsonDocument metrics = JsonDocument.Parse(lines[0]);
        JsonElement root = metrics.RootElement;
        CollectionAssert.AreEqual(new[] { "count", "exact_match", "char_accuracy", "cer" }, root.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.AreEqual(8, root.GetProperty("count").GetInt64());
        foreach (string rate in new[] { "exact_match", "char_accuracy", "cer" })
        {
            Assert.IsTrue(root.GetProperty(rate).GetDouble() is >= 0 and <= 1, rate);
        }
    }

    [TestMethod]
    public void EvaluatePrintsReadableMetricsAndAcceptsAnOutputLimit()
    {
        CliResult result = Run(["evaluate", "--model", ModelFile, "--data", ValidFile, "--max-output-length", "1"]);

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        StringAssert.Contains(result.StandardOutput, "count           8");
        StringAssert.Contains(result.StandardOutput, "exact match");
        StringAssert.Contains(result.StandardOutput, "char accuracy");
        StringAssert.Contains(result.StandardOutput, "cer");
    }

    [TestMethod]
    public void EvaluateRefusesADeviceWithoutTheTorchSharpEngine()
    {
        CliResult result = Run(["evaluate", "--model", ModelFile, "--data", ValidFile, "--device", "cuda"]);

        Assert.AreEqual(2, result.ExitCode, result.ToString());
        StringAssert.Contains(result.StandardError, "'--device cuda' needs '--engine torchsharp'");
    }

    [TestMethod]
    public void PredictAnswersEachArgumentOnItsOwnLine()
    {
        CliResult result = Run(["predict", "--model", ModelFile, "abc", "ba"]);

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        Assert.HasCount(2, AnswerLines(result.StandardOutput), result.ToString());
    }

    [TestMethod]
    public void PredictReadsStandardInputWhenNoTextIsGiven()
    {
        CliResult result = Run(["predict", "--model", ModelFile], "abc\nba\ncab\n");

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        CollectionAssert.AreEqual(AnswerLines(Run(["predict", "--model", ModelFile, "abc", "ba", "cab"]).StandardOutput), AnswerLines(result.StandardOutput), result.ToString());
    }

    [TestMethod]
    public void MaxOutputLengthStopsAnAnswerThatReachesItThere()
    {
        string[] questions = ["abc", "cab", "bca", "aaa", "ccc"];
        string[] unlimited = AnswerLines(Run(["predict", "--model", ModelFile, .. questions]).StandardOutput);
        const int limit = 1;
        Assert.IsTrue(unlimited.Any(a => a.Length > limit), $"some answer must be longer than {limit} to show the limit: {string.Join(" | ", unlimited)}");

        CliResult limited = Run(["predict", "--model", ModelFile, "--max-output-length", $"{limit}", .. questions]);

        Assert.AreEqual(0, limited.ExitCode, limited.ToString());
        string[] answers = AnswerLines(limited.StandardOutput);
        Assert.HasCount(questions.Length, answers, limited.ToString());
        for (int i = 0; i < questions.Length; i++)
        {
            Assert.AreEqual(unlimited[i].Length > limit ? unlimited[i][..limit] : unlimited[i], answers[i], questions[i]);
        }
    }

    [TestMethod]
    public void HelpAndVersionSucceed()
    {
        CliResult help = Run(["--help"]);
        CliResult trainHelp = Run(["train", "--help"]);
        CliResult version = Run(["--version"]);

        Assert.AreEqual(0, help.ExitCode, help.ToString());
        StringAssert.Contains(help.StandardOutput, "evaluate");
        Assert.AreEqual(0, trainHelp.ExitCode, trainHelp.ToString());
        StringAssert.Contains(trainHelp.StandardOutput, "--teacher-forcing-decay");
        Assert.AreEqual(0, version.ExitCode, version.ToString());
        StringAssert.StartsWith(version.StandardOutput, "0.1.0");
    }

    [TestMethod]
    public void AnUnknownOptionIsACommandLineError()
    {
        CliResult result = Run(["train", "--train", TrainFile, "--model", folder.File("unused.zip"), "--no-such-option"]);

        AssertOneLineError(result, 2, "--no-such-option");
    }

    [TestMethod]
    public void AZeroHiddenSizeIsACommandLineErrorNamingTheOption()
    {
        CliResult result = Run(["train", "--train", TrainFile, "--model", folder.File("unused.zip"), "--hidden", "0"]);

        AssertOneLineError(result, 2, "--hidden");
    }

    [TestMethod]
    public void AMissingRequiredOptionIsACommandLineError()
    {
        CliResult result = Run(["evaluate", "--model", ModelFile]);

        AssertOneLineError(result, 2, "--data");
    }

    [TestMethod]
    public void AMissingTrainFileFailsNamingTheFile()
    {
        string missing = folder.File("missing.tsv");
        CliResult result = Run(["train", "--train", missing, "--model", folder.File("unused.zip")]);

        AssertOneLineError(result, 1, missing);
    }

    [TestMethod]
    public void ALineWithThreeColumnsFailsNamingTheFileAndLine()
    {
        string data = folder.File("three-columns.tsv");
        File.WriteAllLines(data, [.. CopyPairs(count: 4, seed: 3), "ab\tab\textra", .. CopyPairs(count: 4, seed: 4)]);
        CliResult result = Run(["train", "--train", data, "--model", folder.File("unused.zip"), .. TinyNetwork]);

        AssertOneLineError(result, 1, data);
        StringAssert.Contains(result.StandardError, "line 5");
    }

    [TestMethod]
    public void ACorruptModelFileFailsNamingTheFile()
    {
        string corrupt = folder.File("corrupt.zip");
        byte[] bytes = File.ReadAllBytes(ModelFile);
        File.WriteAllBytes(corrupt, bytes[..(bytes.Length / 2)]);
        CliResult result = Run(["predict", "--model", corrupt, "abc"]);

        AssertOneLineError(result, 1, corrupt);
    }

    [TestMethod]
    public void TheModelFileIsAnMLNetModelThatMLNetsOwnLoadAndPredictionEngineServe()
    {
        string[] questions = ["abc", "ba", "c"];
        CliResult cli = Run(["predict", "--model", ModelFile, .. questions]);
        Assert.AreEqual(0, cli.ExitCode, cli.ToString());

        var ml = new MLContext(seed: 1);
        ITransformer model = ml.Model.Load(ModelFile, out DataViewSchema inputSchema);
        Assert.HasCount(1, inputSchema, "the model's input is the Source column alone");
        Assert.AreEqual("Source", inputSchema[0].Name);
        Assert.AreEqual(Microsoft.ML.Data.TextDataViewType.Instance, inputSchema[0].Type);
        using var engine = ml.Model.CreatePredictionEngine<Question, Answer>(model);
        string[] answers = [.. questions.Select(q => engine.Predict(new Question { Source = q }).Prediction)];

        CollectionAssert.AreEqual(AnswerLines(cli.StandardOutput), answers);
    }

    [TestMethod]
    public void AModelFileOfTheFirstFormatFailsNamingTheFileAndAskingToRetrain()
    {
        string old = folder.File("first-format.zip");
        using (var writer = new ModelArchiveWriter(old))
        {
            writer.AddJson("pipeline.json", new System.Text.Json.Nodes.JsonObject { ["steps"] = new System.Text.Json.Nodes.JsonArray() });
            writer.Commit();
        }

        string[][] runs = [["predict", "--model", old, "abc"], ["evaluate", "--model", old, "--data", ValidFile], ["info", "--model", old]];
        foreach (string[] arguments in runs)
        {
            CliResult result = Run(arguments);

            AssertOneLineError(result, 1, old);
            StringAssert.Contains(result.StandardError, "retrain", result.ToString());
        }
    }

    [TestMethod]
    public void AFailedTrainingRunLeavesAnExistingModelFileUnchanged()
    {
        string existing = folder.File("existing.zip");
        File.Copy(ModelFile, existing);
        byte[] before = File.ReadAllBytes(existing);
        string data = folder.File("bad-later-line.tsv");
        File.WriteAllLines(data, [.. CopyPairs(count: 10, seed: 5), "no separator here"]);
        CliResult result = Run(["train", "--train", data, "--model", existing, .. TinyNetwork]);

        AssertOneLineError(result, 1, "line 11");
        CollectionAssert.AreEqual(before, File.ReadAllBytes(existing));
    }

    [TestMethod]
    public void VerboseAddsTheStackTrace()
    {
        CliResult result = Run(["train", "--train", folder.File("missing.tsv"), "--model", folder.File("unused.zip"), "--verbose"]);

        Assert.AreEqual(1, result.ExitCode, result.ToString());
        StringAssert.Contains(result.StandardError, "FileNotFoundException");
    }

    private static CliResult Run(string[] arguments, string? standardInput = null) => CliProcess.Run(folder.Path, standardInput, arguments);

    private static string[] Lines(string text) => text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Every line, empty answers included (an undertrained model may answer nothing).</summary>
    private static string[] AnswerLines(string text)
    {
        string lines = text.ReplaceLineEndings("\n");
        return (lines.EndsWith('\n') ? lines[..^1] : lines).Split('\n');
    }

    private static void AssertOneLineError(CliResult result, int exitCode, string named)
    {
        Assert.AreEqual(exitCode, result.ExitCode, result.ToString());
        Assert.AreEqual(string.Empty, result.StandardOutput, result.ToString());
        string[] lines = Lines(result.StandardError);
        Assert.HasCount(1, lines, result.ToString());
        StringAssert.Contains(lines[0], named);
    }

    /// <summary>Pairs whose target copies a short source of the letters a, b and c.</summary>
    private static string[] CopyPairs(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            string source = string.Concat(Enumerable.Range(0, random.Next(1, 4)).Select(_ => (char)('a' + random.Next(3))));
            return string.Create(CultureInfo.InvariantCulture, $"{source}\t{source}");
        })];
    }

    /// <summary>The input a user of the model writes: the Source text.</summary>
    private sealed class Question
    {
        public string Source { get; set; } = string.Empty;
    }

    /// <summary>The output a user of the model reads: the Prediction text.</summary>
    private sealed class Answer
    {
        public string Prediction { get; set; } = string.Empty;
    }
}
