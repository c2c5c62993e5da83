using MLNet.Seq2Seq.Decoding;
using MLNet.Seq2Seq.Engine.Models;
using MLNet.Seq2Seq.Trainers;
using MLNet.Seq2Seq.Training;

namespace MLNet.Seq2Seq.Tests.Training;

[TestClass]
public sealed class EngineLearningTests
{
    public TestContext TestContext { get; set; } = null!;

    private static SequencePairs Pairs(IEnumerable<(string Source, string Target)> pairs, bool reverse) =>
        new(pairs.Select(p => reverse ? AdditionData.Keys(p.Source).Reverse().ToArray() : AdditionData.Keys(p.Source)).ToArray(),
            pairs.Select(p => AdditionData.Keys(p.Target)).ToArray());

    [TestMethod]
    public void PeekyWithReversalLearnsTwoDigitAddition()
    {
        var all = AdditionData.Generate(99, 1);
        var train = Pairs(all.Take(9000), reverse: true);
        var valid = Pairs(all.Skip(9000), reverse: true);
        var settings = new TrainingSettings { Epochs = 14, BatchSize = 64, LearningRate = 0.005f, Seed = 3, Threads = 2 };
        var shape = new NetworkShape(15, 15, 16, 128, 1, DecoderForm.Peeky, ContextKind.HiddenAndCell, 0f);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = new Seq2SeqTrainer(settings, 2, 3).Train(shape, train, valid, null, CancellationToken.None);
        foreach (var epoch in result.History)
        {
            TestContext.WriteLine($"epoch {epoch.Epoch}: loss {epoch.TrainLoss:F4} {epoch.TrainSeconds:F2}s valid {epoch.ValidExactMatch:P1}");
        }

        TestContext.WriteLine($"total {clock.Elapsed.TotalSeconds:F1}s");
        Assert.IsGreaterThanOrEqualTo(0.9, result.History.Max(h => h.ValidExactMatch!.Value));
    }
}
