using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using MLNet.Seq2Seq.Engine.Models;
using MLNet.Seq2Seq.Persistence;
using MLNet.Seq2Seq.Tests.Cli;
using MLNet.Seq2Seq.Tests.Persistence;
using MLNet.Seq2Seq.Trainers;
using MLNet.Seq2Seq.Training;

namespace MLNet.Seq2Seq.Tests.Reliability;

/// <summary>
/// Kills <c>seq2seq train --checkpoint-dir</c> in the middle of an epoch, resumes it with <c>--resume</c>, and
/// compares the saved model's tensors with those of an uninterrupted run.
/// </summary>
[TestClass]
public sealed class CliKillAndResumeTests
{
    private static readonly string[] Network = ["--hidden", "16", "--embedding", "8", "--epochs", "4", "--batch", "2", "--seed", "3", "--threads", "1", "--dropout", "0.1", "--teacher-forcing", "0.8"];

    [TestMethod]
    public void TrainingKilledMidEpochAndResumedSavesTheWeightsOfAnUninterruptedRun()
    {
        using var folder = new TemporaryFolder();
        string data = folder.File("train.tsv");
        File.WriteAllLines(data, CopyPairs(1000));
        string checkpoints = folder.File("checkpoints");
        string checkpoint = Path.Combine(checkpoints, CheckpointFile.FileName);
        string[] interrupted = ["train", "--train", data, "--model", folder.File("resumed.zip"), "--checkpoint-dir", checkpoints, .. Network];

        CliResult uninterrupted = CliProcess.Run(folder.Path, null, ["train", "--train", data, "--model", folder.File("uninterrupted.zip"), "--quiet", .. Network]);
        Assert.AreEqual(0, uninterrupted.ExitCode, uninterrupted.ToString());

        string lastLine = KillOnStandardErrorLine(folder.Path, [.. interrupted, "--verbose"], line => line.StartsWith("epoch 3/4, batch 5/500", StringComparison.Ordinal));
        Assert.IsTrue(File.Exists(checkpoint), lastLine);
        Assert.IsFalse(File.Exists(folder.File("resumed.zip")), "the killed run must not have saved a model");
        using (ModelArchiveReader reader = ModelArchiveReader.Open(checkpoint))
        {
            int completed = reader.ReadJson("training.json")["completedEpochs"]!.GetValue<int>();
            Assert.IsGreaterThanOrEqualTo(2, completed);
            StringAssert.StartsWith(lastLine, $"epoch {completed + 1}/4, batch ", "the last thing the killed run printed was a batch of the epoch after its checkpoint");
        }

        CliResult resumed = CliProcess.Run(folder.Path, null, [.. interrupted, "--resume", "--quiet"]);
        Assert.AreEqual(0, resumed.ExitCode, resumed.ToString());
        StringAssert.Contains(resumed.StandardOutput, "Trained 4 epoch(s)");

        AssertSameWeights(folder.File("uninterrupted.zip"), folder.File("resumed.zip"));
    }

    [TestMethod]
    public void ResumingWithOtherOptionsOrWithoutACheckpointDirectoryFails()
    {
        using var folder = new TemporaryFolder();
        string data = folder.File("train.tsv");
        File.WriteAllLines(data, CopyPairs(12));
        string checkpoints = folder.File("checkpoints");
        CliResult first = CliProcess.Run(folder.Path, null, ["train", "--train", data, "--model", folder.File("m.zip"), "--checkpoint-dir", checkpoints, "--quiet", .. Network]);
        Assert.AreEqual(0, first.ExitCode, first.ToString());

        CliResult otherBatch = CliProcess.Run(folder.Path, null, ["train", "--train", data, "--model", folder.File("m.zip"), "--checkpoint-dir", checkpoints, "--resume", "--quiet", .. Network.Select(a => a == "2" ? "4" : a)]);
        ReliabilityAssert.OneLineError(otherBatch, 1, "BatchSize (checkpoint: 2, this run: 4)");

        CliResult noDirectory = CliProcess.Run(folder.Path, null, ["train", "--train", data, "--model", folder.File("m.zip"), "--resume"]);
        ReliabilityAssert.OneLineError(noDirectory, 2, "--checkpoint-dir");

        CliResult noCheckpoint = CliProcess.Run(folder.Path, null, ["train", "--train", data, "--model", folder.File("m.zip"), "--checkpoint-dir", folder.File("empty"), "--resume", "--quiet", .. Network]);
        ReliabilityAssert.OneLineError(noCheckpoint, 1, Path.Combine(folder.File("empty"), CheckpointFile.FileName));
    }

    /// <summary>
    /// Starts the tool, kills its whole process tree once a standard-error line passes <paramref name="isTheMoment"/>,
    /// and returns the last line the process wrote (it may have run ahead of the reader).
    /// </summary>
    private static string KillOnStandardErrorLine(string workingDirectory, string[] arguments, Func<string, bool> isTheMoment)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "seq2seq.dll"));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.StandardOutput.ReadToEndAsync();
        try
        {
            while (process.StandardError.ReadLine() is { } line)
            {
                if (isTheMoment(line))
                {
                    process.Kill(entireProcessTree: true);
                    string last = line;
                    while (process.StandardError.ReadLine() is { } later)
                    {
                        last = later;
                    }

                    process.WaitForExit();
                    return last;
                }
            }

            Assert.Fail($"The run ended (exit {(process.WaitForExit(10_000) ? process.ExitCode.ToString(CultureInfo.InvariantCulture) : "?")}) before the awaited line.");
            return string.Empty;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>Loads both ML.NET model zips and compares their encoder-decoders' parameters, tensor by tensor and bit for bit.</summary>
    private static void AssertSameWeights(string expectedPath, string actualPath)
    {
        var ml = new MLContext(seed: 1);
        Seq2SeqNetwork expected = EncoderDecoder(ml, expectedPath), actual = EncoderDecoder(ml, actualPath);
        IReadOnlyList<Parameter> tensors = expected.Parameters.Parameters;
        Assert.IsNotEmpty(tensors);
        CollectionAssert.AreEqual(tensors.Select(p => p.Name).ToArray(), actual.Parameters.Parameters.Select(p => p.Name).ToArray());
        foreach (Parameter tensor in tensors)
        {
            CollectionAssert.AreEqual(tensor.Of(expected.Parameters.Values).ToArray(), actual.Parameters[tensor.Name].Of(actual.Parameters.Values).ToArray(), tensor.Name);
        }
    }

    private static Seq2SeqNetwork EncoderDecoder(MLContext ml, string path) =>
        ml.Seq2Seq.FindSteps(ml.Seq2Seq.LoadModel(path, out _)).OfType<LstmEncoderDecoderTransformer>().Single().Trained.Network;

    private static string[] CopyPairs(int count)
    {
        var random = new Random(count);
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            string source = string.Concat(Enumerable.Range(0, random.Next(1, 5)).Select(_ => (char)('a' + random.Next(4))));
            return $"{source}\t{source}";
        })];
    }
}
