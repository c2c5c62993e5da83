using MLNet.Seq2Seq.Engine.Models;
using MLNet.Seq2Seq.Tests.Persistence;
using MLNet.Seq2Seq.Trainers;
using MLNet.Seq2Seq.Training;

namespace MLNet.Seq2Seq.Tests.Training;

/// <summary>
/// The divergence rule: training stops with <see cref="TrainingDivergedException"/>, naming the learning rate, when an
/// epoch's mean loss is more than 3 times the first epoch's. A run of 2 sound epochs is resumed at a learning rate
/// that wrecks the weights without making the loss infinite.
/// </summary>
[TestClass]
public sealed class DivergenceTests
{
    private static readonly NetworkShape Shape = new(15, 15, 4, 10, 1, DecoderForm.Peeky, ContextKind.HiddenAndCell, 0f);
    private static readonly string[] Vocabulary = ["<pad>", "<unk>", "<s>", "</s>", .. AdditionData.Alphabet.Select(c => c.ToString())];

    private static SequencePairs Pairs()
    {
        var pairs = AdditionData.Generate(12, 3).Take(128).ToArray();
        return new SequencePairs([.. pairs.Select(p => AdditionData.Keys(p.Source))], [.. pairs.Select(p => AdditionData.Keys(p.Target))]);
    }

    /// <summary>Trains with a checkpoint in <paramref name="folder"/>, cancelling through <paramref name="stop"/> when epoch <paramref name="stopAtEpoch"/> begins.</summary>
    private static TrainingResult Train(string folder, bool resume, int epochs, float learningRate, List<EpochSummary> epochsSeen,
        CancellationTokenSource? stop = null, int stopAtEpoch = 0) =>
        new Seq2SeqTrainer(new TrainingSettings
        {
            Epochs = epochs,
            BatchSize = 16,
            LearningRate = learningRate,
            Seed = 11,
            Threads = 1,
            MaxOutputLength = 6,
            Checkpoints = new CheckpointOptions(folder, resume, Vocabulary, Vocabulary),
        }, 2, 3).Train(Shape, Pairs(), null, new EpochsSeen(epochsSeen, stop, stopAtEpoch), stop?.Token ?? CancellationToken.None);

    [TestMethod]
    public void AnEpochLossOverThreeTimesTheFirstStopsTrainingNamingTheLearningRate()
    {
        using var folder = new TemporaryFolder();
        var seen = new List<EpochSummary>();
        using var stop = new CancellationTokenSource();
        Assert.ThrowsExactly<OperationCanceledException>(() => Train(folder.Path, resume: false, epochs: 6, learningRate: 0.05f, seen, stop, stopAtEpoch: 3));
        string checkpoint = Path.Combine(folder.Path, CheckpointFile.FileName);
        byte[] before = File.ReadAllBytes(checkpoint);

        var error = Assert.ThrowsExactly<TrainingDivergedException>(() => Train(folder.Path, resume: true, epochs: 6, learningRate: 100f, seen));

        Assert.AreEqual(3, error.Epoch, error.Message);
        Assert.AreEqual(0, error.Batch, "the epoch as a whole");
        Assert.HasCount(2, seen, "the diverged epoch is not reported as completed");
        StringAssert.Contains(error.Message, "at learning rate 100:");
        StringAssert.Contains(error.Message, "epoch 3's mean loss");
        StringAssert.Contains(error.Message, FormattableString.Invariant($"more than 3 times the first epoch's {seen[0].TrainLoss:G4}"));
        Assert.AreEqual(checkpoint, error.CheckpointPath);
        CollectionAssert.AreEqual(before, File.ReadAllBytes(checkpoint), "the last good checkpoint stays as it was");
    }

    [TestMethod]
    public void ANonFiniteLossNamesTheLearningRateToo()
    {
        using var folder = new TemporaryFolder();

        var error = Assert.ThrowsExactly<TrainingDivergedException>(() => Train(folder.Path, resume: false, epochs: 2, learningRate: float.MaxValue, []));

        StringAssert.Contains(error.Message, $"at learning rate {float.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture)}: the loss became ");
    }

    [TestMethod]
    public void SoundTrainingIsNotStopped()
    {
        using var folder = new TemporaryFolder();
        var seen = new List<EpochSummary>();

        Train(folder.Path, resume: false, epochs: 4, learningRate: 0.05f, seen);

        Assert.HasCount(4, seen);
    }

    /// <summary>Collects the completed epochs on the reporting thread and cancels when epoch <paramref name="stopAtEpoch"/> begins.</summary>
    private sealed class EpochsSeen(List<EpochSummary> epochs, CancellationTokenSource? stop, int stopAtEpoch) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.Epoch == stopAtEpoch)
            {
                stop?.Cancel();
            }

            if (value.CompletedEpoch is { } epoch)
            {
                epochs.Add(epoch);
            }
        }
    }
}
