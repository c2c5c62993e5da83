using MLNet.Seq2Seq.Decoding;
using MLNet.Seq2Seq.Engine.Models;
using MLNet.Seq2Seq.Tests.Persistence;
using MLNet.Seq2Seq.Trainers;
using MLNet.Seq2Seq.Training;

namespace MLNet.Seq2Seq.Tests.Training;

/// <summary>
/// The training loop's promises on a tiny addition task: early stopping stops, the best epoch's weights are the ones
/// returned (also when that epoch is not the last), a run that stopped early resumes as stopped, the teacher-forcing
/// ratio of every epoch is recorded, and dropout is off when predicting.
/// </summary>
[TestClass]
public sealed class TrainingLoopTests
{
    private const int MaxOutputLength = 6, Patience = 3, Epochs = 12;
    private static readonly NetworkShape Shape = new(15, 15, 4, 10, 1, DecoderForm.Peeky, ContextKind.HiddenAndCell, 0f);
    private static readonly string[] Vocabulary = ["<pad>", "<unk>", "<s>", "</s>", .. AdditionData.Alphabet.Select(c => c.ToString())];
    private static readonly SequencePairs Train = Pairs(0, 100);

    private static SequencePairs Pairs(int skip, int take)
    {
        var pairs = AdditionData.Generate(12, 3).Skip(skip).Take(take).ToArray();
        return new SequencePairs([.. pairs.Select(p => AdditionData.Keys(p.Source))], [.. pairs.Select(p => AdditionData.Keys(p.Target))]);
    }

    private static TrainingSettings Settings(int epochs, string? checkpoints = null, bool resume = false) => new()
    {
        Epochs = epochs, BatchSize = 16, LearningRate = 0.02f, Seed = 5, Threads = 2, Patience = Patience, MaxOutputLength = MaxOutputLength,
        Checkpoints = checkpoints is null ? null : new CheckpointOptions(checkpoints, resume, Vocabulary, Vocabulary),
    };

    private static TrainingResult Run(TrainingSettings settings, SequencePairs? valid) =>
        new Seq2SeqTrainer(settings, 2, 3).Train(Shape, Train, valid, null, CancellationToken.None);

    /// <summary>
    /// Validation data that differs from the training data: held-out sources whose targets are what the network
    /// predicts after its second epoch. So the second epoch scores 100 % (no later epoch can beat it), training moves
    /// on from those weights, and the best epoch is an early one, not the last.
    /// </summary>
    private static SequencePairs SecondEpochAnswers()
    {
        var sources = Pairs(100, 24).Sources;
        var secondEpoch = Run(Settings(2), null).Network;
        var answers = new GreedyDecoder(secondEpoch, 2, 3).DecodeMany(sources, MaxOutputLength, threads: 2);
        return new SequencePairs(sources, [.. answers.Select(a => a.Keys)]);
    }

    [TestMethod]
    public void EarlyStoppingStopsPatienceEpochsAfterTheBestAndKeepsTheBestEpochsWeights()
    {
        var valid = SecondEpochAnswers();
        var result = Run(Settings(Epochs), valid);

        double[] scores = [.. result.History.Select(e => e.ValidExactMatch!.Value)];
        int best = Array.IndexOf(scores, scores.Max()) + 1;
        Assert.AreEqual(1.0, scores[1], "the second epoch predicts the validation targets exactly");
        Assert.IsLessThanOrEqualTo(2, best);
        Assert.HasCount(best + Patience, scores, $"scores {string.Join(", ", scores)}: stops {Patience} epochs after the best");
        Assert.IsLessThan(Epochs, scores.Length);

        float[] bestWeights = Run(Settings(best), null).Network.Parameters.Values;
        float[] lastWeights = Run(Settings(scores.Length), null).Network.Parameters.Values;
        CollectionAssert.AreEqual(bestWeights, result.Network.Parameters.Values, $"epoch {best}'s weights are returned");
        CollectionAssert.AreNotEqual(lastWeights, result.Network.Parameters.Values, "not the last epoch's");
    }

    [TestMethod]
    public void ResumingARunThatStoppedEarlyTrainsNoFurtherAndReturnsTheSameBestWeights()
    {
        using var folder = new TemporaryFolder();
        var valid = SecondEpochAnswers();
        var stopped = Run(Settings(Epochs, folder.Path), valid);
        Assert.IsLessThan(Epochs, stopped.History.Count, "the run stopped early");

        var resumed = Run(Settings(Epochs, folder.Path, resume: true), valid);

        CollectionAssert.AreEqual(stopped.Network.Parameters.Values, resumed.Network.Parameters.Values);
        CollectionAssert.AreEqual(stopped.History.Select(e => (e.Epoch, e.TrainLoss, e.ValidExactMatch)).ToArray(),
            resumed.History.Select(e => (e.Epoch, e.TrainLoss, e.ValidExactMatch)).ToArray());
    }

    [TestMethod]
    [DataRow(TeacherForcingDecay.None, new[] { 0.9f, 0.9f, 0.9f, 0.9f, 0.9f })]
    [DataRow(TeacherForcingDecay.Linear, new[] { 0.9f, 0.725f, 0.55f, 0.375f, 0.2f })]
    [DataRow(TeacherForcingDecay.InverseSigmoid, null)]
    public void EveryEpochRecordsTheTeacherForcingRatioItTrainedWith(TeacherForcingDecay decay, float[]? expected)
    {
        const int epochs = 5;
        var settings = Settings(epochs) with { TeacherForcingRatio = 0.9f, FinalTeacherForcingRatio = 0.2f, TeacherForcingDecay = decay, BatchSize = 50 };
        float[] recorded = [.. Run(settings, null).History.Select(e => (float)e.TeacherForcingRatio)];

        expected ??= [.. Enumerable.Range(0, epochs).Select(e => TeacherForcingSchedule.Ratio(decay, 0.9f, 0.2f, e, epochs))];
        Assert.HasCount(epochs, recorded);
        for (int e = 0; e < epochs; e++)
        {
            Assert.AreEqual(expected[e], recorded[e], 1e-6f, $"epoch {e + 1} of {decay}: {string.Join(", ", recorded)}");
        }

        if (decay == TeacherForcingDecay.InverseSigmoid)
        {
            Assert.AreEqual(0.9f, recorded[0], 1e-6f);
            Assert.AreEqual(0.2f, recorded[^1], 1e-5f);
            Assert.IsTrue(recorded.Zip(recorded.Skip(1)).All(p => p.First > p.Second), string.Join(", ", recorded));
        }
    }

    [TestMethod]
    public void DropoutIsOffWhenPredicting()
    {
        var withDropout = new Seq2SeqNetwork(Shape with { Dropout = 0.5f });
        withDropout.Initialize(9);
        var without = new Seq2SeqNetwork(Shape);
        withDropout.Parameters.Values.CopyTo(without.Parameters.Values, 0);
        int[][] sources = [.. Pairs(0, 20).Sources];

        var a = new GreedyDecoder(withDropout, 2, 3).DecodeMany(sources, MaxOutputLength, threads: 2);
        var b = new GreedyDecoder(without, 2, 3).DecodeMany(sources, MaxOutputLength, threads: 2);

        for (int i = 0; i < sources.Length; i++)
        {
            CollectionAssert.AreEqual(b[i].Keys, a[i].Keys, $"row {i}");
            CollectionAssert.AreEqual(b[i].Probabilities, a[i].Probabilities, $"row {i}");
        }

        Assert.IsGreaterThan(1, a.Select(d => string.Join(",", d.Probabilities)).Distinct().Count(), "the rows' answers differ, so equal answers are not the data's doing");
    }
}
