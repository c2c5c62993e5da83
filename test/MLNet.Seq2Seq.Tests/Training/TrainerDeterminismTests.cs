using MLNet.Seq2Seq.Engine.Models;
using MLNet.Seq2Seq.Trainers;
using MLNet.Seq2Seq.Training;

namespace MLNet.Seq2Seq.Tests.Training;

[TestClass]
public sealed class TrainerDeterminismTests
{
    private static float[] TrainWeights(int threads, ulong seed, float teacherForcing = 0.7f, float dropout = 0.2f)
    {
        var pairs = AdditionData.Generate(20, 4).Take(200).ToArray();
        var data = new SequencePairs(pairs.Select(p => AdditionData.Keys(p.Source)).ToArray(), pairs.Select(p => AdditionData.Keys(p.Target)).ToArray());
        var settings = new TrainingSettings { Epochs = 2, BatchSize = 80, Seed = seed, Threads = threads, TeacherForcingRatio = teacherForcing };
        var shape = new NetworkShape(15, 15, 4, 12, 2, DecoderForm.Peeky, ContextKind.HiddenAndCell, dropout);
        return new Seq2SeqTrainer(settings, 2, 3).Train(shape, data, null, null, CancellationToken.None).Network.Parameters.Values;
    }

    [TestMethod]
    public void SameSeedGivesTheSameWeightsWhateverTheThreadCount()
    {
        var one = TrainWeights(threads: 1, seed: 7);
        CollectionAssert.AreEqual(one, TrainWeights(threads: 1, seed: 7));
        CollectionAssert.AreEqual(one, TrainWeights(threads: 2, seed: 7));
        CollectionAssert.AreEqual(one, TrainWeights(threads: 3, seed: 7));
    }

    [TestMethod]
    public void DifferentSeedsGiveDifferentWeights() =>
        CollectionAssert.AreNotEqual(TrainWeights(threads: 2, seed: 7), TrainWeights(threads: 2, seed: 8));

    [TestMethod]
    public void CancellationStopsTraining()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var data = new SequencePairs([[4, 5]], [[6]]);
        var shape = new NetworkShape(15, 15, 4, 8, 1, DecoderForm.Plain, ContextKind.HiddenAndCell, 0);
        Assert.ThrowsExactly<OperationCanceledException>(() =>
            new Seq2SeqTrainer(new TrainingSettings(), 2, 3).Train(shape, data, null, null, cancel.Token));
    }

    [TestMethod]
    public void TeacherForcingDecaySchedulesMoveFromInitialToFinal()
    {
        Assert.AreEqual(1f, TeacherForcingSchedule.Ratio(TeacherForcingDecay.None, 1f, 0f, 9, 10));
        Assert.AreEqual(1f, TeacherForcingSchedule.Ratio(TeacherForcingDecay.Linear, 1f, 0.5f, 0, 11));
        Assert.AreEqual(0.75f, TeacherForcingSchedule.Ratio(TeacherForcingDecay.Linear, 1f, 0.5f, 5, 11), 1e-6f);
        Assert.AreEqual(0.5f, TeacherForcingSchedule.Ratio(TeacherForcingDecay.Linear, 1f, 0.5f, 10, 11), 1e-6f);
        float previous = 1.01f;
        for (int e = 0; e < 20; e++)
        {
            float ratio = TeacherForcingSchedule.Ratio(TeacherForcingDecay.InverseSigmoid, 1f, 0.2f, e, 20);
            Assert.IsLessThan(previous, ratio);
            previous = ratio;
        }

        Assert.AreEqual(0.2f, previous, 1e-5f);
    }
}
