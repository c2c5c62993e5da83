using System.Diagnostics;

namespace MLNet.Seq2Seq.TorchSharp.Tests.Cli;

/// <summary>
/// seq2seq train --engine torchsharp from the CLI's own build output (which carries libtorch-cpu-linux-x64): the model
/// it writes records the engine and device and is served by the managed engine, and evaluate --engine torchsharp scores
/// it alike; CUDA is refused before training.
/// </summary>
[TestClass]
public sealed class TorchSharpCliTests
{
    private static readonly string Cli = FindCli();

    [TestMethod]
    public void TrainOnTorchSharpWritesAModelThatInfoDescribesAndPredictServes()
    {
        string folder = Directory.CreateTempSubdirectory("seq2seq-torch-cli-").FullName;
        try
        {
            string pairs = Path.Combine(folder, "pairs.tsv");
            File.WriteAllLines(pairs, Enumerable.Range(0, 60).Select(i => $"{i % 7}{i % 3}\t{i % 3}{i % 7}"));
            string model = Path.Combine(folder, "model.zip");

            var train = Run("train", "--train", pairs, "--model", model, "--engine", "torchsharp", "--device", "cpu",
                "--epochs", "2", "--hidden", "16", "--embedding", "4", "--batch", "16", "--threads", "1", "--quiet");
            Assert.AreEqual(0, train.ExitCode, train.Output);

            var info = Run("info", "--model", model);
            Assert.AreEqual(0, info.ExitCode, info.Output);
            StringAssert.Contains(info.Output, "trained on         torchsharp engine, device cpu");

            var predict = Run("predict", "--model", model, "12");
            Assert.AreEqual(0, predict.ExitCode, predict.Output);

            var managed = Run("evaluate", "--model", model, "--data", pairs, "--json");
            var libtorch = Run("evaluate", "--model", model, "--data", pairs, "--json", "--engine", "torchsharp", "--device", "cpu");
            Assert.AreEqual(0, libtorch.ExitCode, libtorch.Output);
            Assert.AreEqual(managed.Output, libtorch.Output, "decoding the pairs on libtorch scores them as the managed engine does");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public void TrainAskingForCudaWhereThereIsNoneFailsNamingTheDevice()
    {
        if (global::TorchSharp.torch.cuda.is_available())
        {
            Assert.Inconclusive("CUDA is available here.");
        }

        string folder = Directory.CreateTempSubdirectory("seq2seq-torch-cli-").FullName;
        try
        {
            string pairs = Path.Combine(folder, "pairs.tsv");
            File.WriteAllLines(pairs, ["12\t21", "34\t43"]);
            string model = Path.Combine(folder, "model.zip");
            var train = Run("train", "--train", pairs, "--model", model, "--engine", "torchsharp", "--device", "cuda:0", "--quiet");

            Assert.AreEqual(1, train.ExitCode, train.Output);
            StringAssert.Contains(train.Output, "Device 'cuda:0' was asked for, but CUDA is not available here");
            Assert.IsFalse(File.Exists(model));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static (int ExitCode, string Output) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Cli);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }

    /// <summary>seq2seq.dll in src/MLNet.Seq2Seq.Cli's output folder of this test assembly's configuration and framework.</summary>
    private static string FindCli()
    {
        string folder = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(folder, "MLNet.Seq2Seq.sln")))
        {
            folder = Path.GetDirectoryName(folder) ?? throw new AssertFailedException($"MLNet.Seq2Seq.sln not found above {AppContext.BaseDirectory}.");
        }

        string output = Path.GetRelativePath(Path.Combine(folder, "test", "MLNet.Seq2Seq.TorchSharp.Tests"), AppContext.BaseDirectory);
        string cli = Path.GetFullPath(Path.Combine(folder, "src", "MLNet.Seq2Seq.Cli", output, "seq2seq.dll"));
        return File.Exists(cli) ? cli : throw new AssertFailedException($"{cli} is not built; the test project references the CLI so that building the tests builds it.");
    }
}
