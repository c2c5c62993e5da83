using MLNet.Seq2Seq.Decoding;
using MLNet.Seq2Seq.Engine.Models;
using MLNet.Seq2Seq.Tests.Training;
using MLNet.Seq2Seq.Trainers;
using MLNet.Seq2Seq.Training;

namespace MLNet.Seq2Seq.Tests.Decoding;

[TestClass]
public sealed class BeamSearchDecoderTests
{
    private const int Start = 2, End = 3;
    private static Seq2SeqNetwork trained = null!;
    private static int[][] sources = null!;

    /// <summary>A small addition model, trained briefly so that its distributions are peaked but not certain.</summary>
    [ClassInitialize]
    public static void TrainSmallModel(TestContext testContext)
    {
        var all = AdditionData.Generate(39, 5);
        sources = [.. all.Select(p => AdditionData.Keys(p.Source))];
        var pairs = new SequencePairs(sources, [.. all.Select(p => AdditionData.Keys(p.Target))]);
        var settings = new TrainingSettings { Epochs = 3, BatchSize = 32, LearningRate = 0.01f, Seed = 11, Threads = 2, MaxOutputLength = 8 };
        var shape = new NetworkShape(15, 15, 8, 32, 1, DecoderForm.Peeky, ContextKind.HiddenAndCell, 0f);
        trained = new Seq2SeqTrainer(settings, Start, End).Train(shape, pairs, null, null, CancellationToken.None).Network;
    }

    private static Seq2SeqNetwork Untrained(DecoderForm form)
    {
        var network = new Seq2SeqNetwork(new NetworkShape(12, 12, 5, 16, 2, form, ContextKind.HiddenAndCell, 0));
        network.Initialize(21);
        return network;
    }

    private static void AssertSameAsGreedy(Seq2SeqNetwork network, IReadOnlyList<int[]> inputs, int maxOutputLength, string because)
    {
        var greedy = new GreedyDecoder(network, Start, End).DecodeMany(inputs, maxOutputLength, threads: 2);
        var beam = new BeamSearchDecoder(network, Start, End, beamWidth: 1, nBest: 1, lengthPenalty: 1f).DecodeMany(inputs, maxOutputLength, threads: 2);
        for (int i = 0; i < inputs.Count; i++)
        {
            Assert.HasCount(1, beam[i], because);
            CollectionAssert.AreEqual(greedy[i].Keys, beam[i][0].Keys, $"{because}, source {i}");
            CollectionAssert.AreEqual(greedy[i].Probabilities, beam[i][0].Probabilities, $"{because}, source {i}");
            CollectionAssert.AreEqual(greedy[i].Attention, beam[i][0].Attention, $"{because}, source {i}");
        }
    }

    [TestMethod]
    public void WidthOneGivesExactlyTheGreedyResultOfATrainedModel() =>
        AssertSameAsGreedy(trained, sources, 8, "trained addition model");

    [TestMethod]
    public void WidthOneGivesExactlyTheGreedyResultForEveryDecoderForm()
    {
        var random = new Random(4);
        int[][] inputs = [.. Enumerable.Range(0, 150).Select(_ => Enumerable.Range(0, random.Next(1, 9)).Select(_ => random.Next(4, 12)).ToArray())];
        foreach (var form in Enum.GetValues<DecoderForm>())
        {
            AssertSameAsGreedy(Untrained(form), inputs, 10, form.ToString());
        }

        var inputFeeding = new Seq2SeqNetwork(new NetworkShape(12, 12, 5, 16, 2, DecoderForm.Attention, ContextKind.HiddenAndCell, 0,
            AttentionScoring.General, InputFeeding: true));
        inputFeeding.Initialize(22);
        AssertSameAsGreedy(inputFeeding, inputs, 10, "attention with input feeding");

        foreach (var form in Enum.GetValues<DecoderForm>())
        {
            var gru = new Seq2SeqNetwork(new NetworkShape(12, 12, 5, 16, 2, form, ContextKind.HiddenAndCell, 0,
                AttentionScoring.Dot, InputFeeding: true, Bidirectional: true, Cell: RecurrentCell.Gru));
            gru.Initialize(23);
            AssertSameAsGreedy(gru, inputs, 10, $"bidirectional GRU, {form}");
        }
    }

    [TestMethod]
    public void NBestListsAreDistinctOrderedByScoreAndScoredByNormalizedLogProbability()
    {
        const float alpha = 0.7f;
        var results = new BeamSearchDecoder(trained, Start, End, beamWidth: 5, nBest: 3, lengthPenalty: alpha).DecodeMany(sources[..200], 8, threads: 2);
        foreach (var nBest in results)
        {
            Assert.HasCount(3, nBest);
            Assert.AreEqual(3, nBest.Select(h => string.Join(",", h.Keys)).Distinct().Count());
            for (int i = 0; i < nBest.Length; i++)
            {
                var h = nBest[i];
                Assert.HasCount(h.Keys.Length, h.Probabilities);
                Assert.IsFalse(h.Keys.Contains(End));
                double keysLogProbability = h.Probabilities.Sum(p => Math.Log(p));
                bool ended = h.Keys.Length < 8;
                Assert.IsLessThanOrEqualTo(keysLogProbability + 1e-4, h.LogProbability);
                Assert.AreEqual(BeamSearchDecoder.NormalizedScore(h.LogProbability, h.Keys.Length + (ended ? 1 : 0), alpha), h.Score, 1e-4f);
                if (i > 0)
                {
                    Assert.IsGreaterThanOrEqualTo(h.Score, nBest[i - 1].Score);
                }
            }
        }
    }

    [TestMethod]
    public void TheBestHypothesisIsAtLeastAsProbableAsGreedysWithoutLengthPenaltyOnAlmostAllSources()
    {
        var greedy = new BeamSearchDecoder(trained, Start, End, 1, 1, 0f).DecodeMany(sources, 8, threads: 2);
        var beam = new BeamSearchDecoder(trained, Start, End, 4, 1, 0f).DecodeMany(sources, 8, threads: 2);
        int better = Enumerable.Range(0, sources.Length).Count(i => beam[i][0].LogProbability >= greedy[i][0].LogProbability - 1e-5f);
        Assert.IsGreaterThanOrEqualTo(0.99 * sources.Length, better);
    }

    [TestMethod]
    public void AStrongerLengthPenaltyNeverPicksAShorterOutput()
    {
        var network = Untrained(DecoderForm.Plain);
        var random = new Random(9);
        int[][] inputs = [.. Enumerable.Range(0, 60).Select(_ => Enumerable.Range(0, random.Next(1, 7)).Select(_ => random.Next(4, 12)).ToArray())];
        var favourShort = new BeamSearchDecoder(network, Start, End, 6, 1, 0f).DecodeMany(inputs, 12, threads: 1);
        var favourLong = new BeamSearchDecoder(network, Start, End, 6, 1, 2f).DecodeMany(inputs, 12, threads: 1);
        int longer = 0;
        for (int i = 0; i < inputs.Length; i++)
        {
            Assert.IsGreaterThanOrEqualTo(favourShort[i][0].Keys.Length, favourLong[i][0].Keys.Length, $"source {i}");
            longer += favourLong[i][0].Keys.Length > favourShort[i][0].Keys.Length ? 1 : 0;
        }

        Assert.IsGreaterThan(0, longer);
    }

    [TestMethod]
    public void LengthNormalizationDividesByLengthToThePowerAlpha()
    {
        Assert.AreEqual(-6f, BeamSearchDecoder.NormalizedScore(-6, 3, 0f));
        Assert.AreEqual(-2f, BeamSearchDecoder.NormalizedScore(-6, 3, 1f), 1e-6f);
        Assert.AreEqual(-6 / MathF.Pow(4, 0.5f), BeamSearchDecoder.NormalizedScore(-6, 4, 0.5f), 1e-6f);
    }

    [TestMethod]
    public void ResultsDoNotDependOnTheCompanyOfAChunk()
    {
        var decoder = new BeamSearchDecoder(trained, Start, End, 3, 2, 1f);
        var together = decoder.DecodeMany(sources[..40], 8, threads: 2);
        for (int i = 0; i < 40; i += 7)
        {
            var alone = decoder.Decode(sources[i], 8);
            Assert.HasCount(together[i].Length, alone);
            for (int j = 0; j < alone.Length; j++)
            {
                CollectionAssert.AreEqual(together[i][j].Keys, alone[j].Keys);
                Assert.AreEqual(together[i][j].Score, alone[j].Score);
            }
        }
    }

    [TestMethod]
    public void RejectsMoreResultsThanTheBeamHolds() =>
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new BeamSearchDecoder(trained, Start, End, 2, 3, 1f));
}
