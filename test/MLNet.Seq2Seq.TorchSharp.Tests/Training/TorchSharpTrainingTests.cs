using MLNet.Seq2Seq.Engine.Models;
using MLNet.Seq2Seq.Trainers;
using MLNet.Seq2Seq.Training;

namespace MLNet.Seq2Seq.TorchSharp.Tests.Training;

/// <summary>The training loop (validation, checkpoints, resume, cancellation) on the TorchSharp engine through the seam.</summary>
[TestClass]
public sealed class TorchSharpTrainingTests
{
    private static readonly string[] Vocabulary = ["0", "1", "2", "3", "4", "5"];

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void TheTorchSharpEngineLearnsToReverse()
    {
        var result = ReversalTask.Train(ReversalTask.Settings(new TorchSharpEngine("cpu"), epochs: 8), ReversalTask.Pairs(1500, 1), ReversalTask.Pairs(200, 2));
        foreach (var epoch in result.History)
        {
            TestContext.WriteLine($"epoch {epoch.Epoch}: loss {epoch.TrainLoss:F4} {epoch.TrainSeconds:F2}s valid {epoch.ValidExactMatch:P1}");
        }

        Assert.IsGreaterThanOrEqualTo(0.9, result.History.Max(h => h.ValidExactMatch!.Value));
    }

    [TestMethod]
    public void ARunInterruptedAndResumedOnTorchSharpEndsWithTheUninterruptedWeights()
    {
        var train = ReversalTask.Pairs(200, 3);
        var valid = ReversalTask.Pairs(40, 4);
        var engine = new TorchSharpEngine("cpu");
        var uninterrupted = ReversalTask.Train(ReversalTask.Settings(engine), train, valid);

        string folder = Path.Combine(Path.GetTempPath(), $"seq2seq-torch-resume-{Guid.NewGuid():N}");
        try
        {
            using var stop = new CancellationTokenSource();
            var stopInEpochThree = new Progress(p =>
            {
                if (p.Epoch == 3 && p.Batch == 2)
                {
                    stop.Cancel();
                }
            });
            Assert.ThrowsExactly<OperationCanceledException>(() =>
                ReversalTask.Train(ReversalTask.Settings(engine, checkpoints: new CheckpointOptions(folder, false, Vocabulary, Vocabulary)), train, valid, stopInEpochThree, stop.Token));
            var resumed = ReversalTask.Train(ReversalTask.Settings(engine, checkpoints: new CheckpointOptions(folder, true, Vocabulary, Vocabulary)), train, valid);

            CollectionAssert.AreEqual(uninterrupted.Network.Parameters.Values, resumed.Network.Parameters.Values);
            CollectionAssert.AreEqual(uninterrupted.History.Select(e => (e.Epoch, e.TrainLoss, e.ValidExactMatch)).ToArray(),
                resumed.History.Select(e => (e.Epoch, e.TrainLoss, e.ValidExactMatch)).ToArray());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public void ACancelledTokenStopsTorchSharpTraining()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsExactly<OperationCanceledException>(() =>
            ReversalTask.Train(ReversalTask.Settings(new TorchSharpEngine("cpu")), ReversalTask.Pairs(50, 5), cancellation: cancelled.Token));
    }

    [TestMethod]
    [DataRow(0f)]
    [DataRow(0.05f)]
    public void AFewStepsOnTorchSharpMatchTheManagedEngine(float clip)
    {
        // The same batches from the same weights: loss, gradients, clipping (0.05 clips every step) and Adam agree.
        var train = ReversalTask.Pairs(96, 6);
        var managed = ReversalTask.Train(ReversalTask.Settings(Seq2SeqEngine.Managed, epochs: 1) with { GradientClipNorm = clip }, train);
        var torch = ReversalTask.Train(ReversalTask.Settings(new TorchSharpEngine("cpu"), epochs: 1) with { GradientClipNorm = clip }, train);

        var expected = managed.Network.Parameters.Values;
        var actual = torch.Network.Parameters.Values;
        var initial = new Seq2SeqNetwork(ReversalTask.Shape);
        initial.Initialize(MLNet.Seq2Seq.Engine.Kernels.CounterRandom.Mix(7UL ^ 0x1A17));
        var moved = System.Numerics.Tensors.TensorPrimitives.Distance(expected, initial.Parameters.Values);
        var difference = System.Numerics.Tensors.TensorPrimitives.Distance(expected, actual);
        TestContext.WriteLine($"clip {clip}: weights moved {moved:G4}, engines differ by {difference:G4}");
        Assert.IsGreaterThan(0.1f, moved);
        Assert.IsLessThan(1e-3f * moved, difference);
        Assert.AreEqual(managed.History[0].TrainLoss, torch.History[0].TrainLoss, 1e-5 * managed.History[0].TrainLoss);
    }

    [TestMethod]
    public void DeviceNamesAreCheckedWhenTheEngineIsMade()
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => new TorchSharpEngine("gpu"));
        StringAssert.Contains(error.Message, "'gpu'");
        Assert.AreEqual("cuda:1", new TorchSharpEngine("cuda:1").Device);
        Assert.AreEqual("torchsharp (cpu)", new TorchSharpEngine().ToString());
    }

    /// <summary>Reports on the training thread (System.Progress would post to the thread pool).</summary>
    private sealed class Progress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
