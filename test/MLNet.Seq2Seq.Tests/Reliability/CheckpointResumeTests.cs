using MLNet.Seq2Seq.Engine.Models;
using MLNet.Seq2Seq.Tests.Persistence;
using MLNet.Seq2Seq.Tests.Training;
using MLNet.Seq2Seq.Trainers;
using MLNet.Seq2Seq.Training;

namespace MLNet.Seq2Seq.Tests.Reliability;

/// <summary>Checkpoints after every epoch; an interrupted run resumed from one ends exactly where an uninterrupted run does.</summary>
[TestClass]
public sealed class CheckpointResumeTests
{
    private static readonly NetworkShape Shape = new(15, 15, 4, 10, 2, DecoderForm.Peeky, ContextKind.HiddenAndCell, 0.2f);
    private static readonly string[] Vocabulary = ["<pad>", "<unk>", "<s>", "</s>", .. AdditionData.Alphabet.Select(c => c.ToString())];

    private static SequencePairs Pairs(int skip, int take)
    {
        var pairs = AdditionData.Generate(12, 3).Skip(skip).Take(take).ToArray();
        return new SequencePairs(pairs.Select(p => AdditionData.Keys(p.Source)).ToArray(), pairs.Select(p => AdditionData.Keys(p.Target)).ToArray());
    }

    private static TrainingSettings Settings(string? checkpointDirectory, bool resume = false, int epochs = 5, int batchSize = 16, float learningRate = 0.01f) => new()
    {
        Epochs = epochs,
        BatchSize = batchSize,
        LearningRate = learningRate,
        Seed = 11,
        Threads = 2,
        TeacherForcingRatio = 1f,
        FinalTeacherForcingRatio = 0.5f,
        TeacherForcingDecay = TeacherForcingDecay.Linear,
        Patience = 10,
        MaxOutputLength = 6,
        Checkpoints = checkpointDirectory is null ? null : new CheckpointOptions(checkpointDirectory, resume, Vocabulary, Vocabulary),
    };

    private static TrainingResult Train(TrainingSettings settings, IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default) =>
        new Seq2SeqTrainer(settings, 2, 3).Train(Shape, Pairs(0, 100), Pairs(100, 20), progress, cancellation);

    [TestMethod]
    public void ARunInterruptedMidEpochAndResumedEndsWithTheUninterruptedWeights()
    {
        using var folder = new TemporaryFolder();
        TrainingResult uninterrupted = Train(Settings(null));

        using var stop = new CancellationTokenSource();
        var stopInEpochFour = new SynchronousProgress(p =>
        {
            if (p.Epoch == 4 && p.Batch == 3)
            {
                stop.Cancel();
            }
        });
        Assert.ThrowsExactly<OperationCanceledException>(() => Train(Settings(folder.Path), stopInEpochFour, stop.Token));
        Assert.IsTrue(File.Exists(Path.Combine(folder.Path, CheckpointFile.FileName)));

        TrainingResult resumed = Train(Settings(folder.Path, resume: true));

        CollectionAssert.AreEqual(uninterrupted.Network.Parameters.Values, resumed.Network.Parameters.Values);
        CollectionAssert.AreEqual(uninterrupted.History.Select(e => (e.Epoch, e.TrainLoss, e.ValidExactMatch)).ToArray(),
            resumed.History.Select(e => (e.Epoch, e.TrainLoss, e.ValidExactMatch)).ToArray());
    }

    [TestMethod]
    public void ACheckpointingRunGivesTheSameWeightsAsOneWithout()
    {
        using var folder = new TemporaryFolder();
        CollectionAssert.AreEqual(Train(Settings(null)).Network.Parameters.Values, Train(Settings(folder.Path)).Network.Parameters.Values);
        Assert.AreEqual(5, CheckpointFile.Load(Path.Combine(folder.Path, CheckpointFile.FileName), new Seq2SeqNetwork(Shape).Parameters.Count).CompletedEpochs);
    }

    [TestMethod]
    public void ResumingWithOtherOptionsOrDataFailsNamingWhatDiffers()
    {
        using var folder = new TemporaryFolder();
        Train(Settings(folder.Path, epochs: 1));

        var batch = Assert.ThrowsExactly<InvalidOperationException>(() => Train(Settings(folder.Path, resume: true, epochs: 1, batchSize: 8)));
        StringAssert.Contains(batch.Message, "BatchSize (checkpoint: 16, this run: 8)");
        StringAssert.Contains(batch.Message, folder.Path);

        var data = Assert.ThrowsExactly<InvalidOperationException>(() =>
            new Seq2SeqTrainer(Settings(folder.Path, resume: true, epochs: 1), 2, 3).Train(Shape, Pairs(1, 100), Pairs(100, 20), null, default));
        StringAssert.Contains(data.Message, "training data");

        var shape = Assert.ThrowsExactly<InvalidDataException>(() =>
            new Seq2SeqTrainer(Settings(folder.Path, resume: true, epochs: 1), 2, 3).Train(Shape with { HiddenSize = 12 }, Pairs(0, 100), Pairs(100, 20), null, default));
        StringAssert.Contains(shape.Message, CheckpointFile.FileName);
    }

    [TestMethod]
    public void ResumingWithoutACheckpointFailsNamingTheFile()
    {
        using var folder = new TemporaryFolder();
        var error = Assert.ThrowsExactly<FileNotFoundException>(() => Train(Settings(folder.Path, resume: true)));
        StringAssert.Contains(error.Message, Path.Combine(folder.Path, CheckpointFile.FileName));
    }

    [TestMethod]
    public void ADivergedLossNamesEpochAndBatchAndLeavesTheLastCheckpointUnchanged()
    {
        using var folder = new TemporaryFolder();
        string checkpoint = Path.Combine(folder.Path, CheckpointFile.FileName);
        using var stop = new CancellationTokenSource();
        Assert.ThrowsExactly<OperationCanceledException>(() => Train(Settings(folder.Path), new SynchronousProgress(p =>
        {
            if (p.Epoch == 3)
            {
                stop.Cancel();
            }
        }), stop.Token));
        byte[] before = File.ReadAllBytes(checkpoint);

        var error = Assert.ThrowsExactly<TrainingDivergedException>(() => Train(Settings(folder.Path, resume: true, learningRate: float.MaxValue)));
        Assert.AreEqual(3, error.Epoch, error.Message);

        CollectionAssert.AreEqual(before, File.ReadAllBytes(checkpoint));
        Assert.AreEqual(checkpoint, error.CheckpointPath);
        StringAssert.Contains(error.Message, $"epoch {error.Epoch}, batch {error.Batch}");
        StringAssert.Contains(error.Message, checkpoint);
    }

    [TestMethod]
    public void ResumeWithoutACheckpointDirectoryIsRejectedWhenTheEstimatorIsBuilt()
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() =>
            new MLContext(1).Seq2Seq.Trainers.LstmEncoderDecoder(new LstmEncoderDecoderOptions { ResumeFromCheckpoint = true }));
        Assert.AreEqual(nameof(LstmEncoderDecoderOptions.ResumeFromCheckpoint), error.ParamName);
    }

    /// <summary>Calls back on the reporting thread (unlike <see cref="Progress{T}"/>), so cancelling takes effect at once.</summary>
    private sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
