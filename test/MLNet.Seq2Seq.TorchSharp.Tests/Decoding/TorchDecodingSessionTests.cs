using MLNet.Seq2Seq.Decoding;
using MLNet.Seq2Seq.Engine.Models;
using MLNet.Seq2Seq.Trainers;
using MLNet.Seq2Seq.Training;

namespace MLNet.Seq2Seq.TorchSharp.Tests.Decoding;

/// <summary>
/// The TorchSharp engine's decoding session against the managed one, through <see cref="Seq2SeqEngine.StartDecoding"/>:
/// with the same trained weights, greedy decoding and beam search give the same keys and n-best order, with scores,
/// probabilities and attention weights within 1e-4, over every decoder form, cell, direction and 1 or 2 layers. The
/// weights are trained briefly on a small reversal task, so distributions are peaked but leave the beam alternatives,
/// and no two candidates are near a tie.
/// </summary>
[TestClass]
public sealed class TorchDecodingSessionTests
{
    private const int Start = 2, End = 3, MaxOutputLength = 7, ShortMaxOutputLength = 3;
    private const float Tolerance = 1e-4f;

    // Reversal sources of 1 to 5 of tokens 4-9; the 5-key ones cannot end within ShortMaxOutputLength.
    private static readonly int[][] Sources = [[4, 5, 6], [9], [7, 8, 4, 6, 5], [6, 6, 9, 4], [5, 8], [8, 7, 9, 5, 4]];

    /// <summary>
    /// Every decoder form (attention with each scoring, with and without input feeding) once with an LSTM and once with
    /// a GRU, directions and layer counts alternating so that each form meets both of each, and some LSTMs passing only
    /// the hidden state.
    /// </summary>
    public static IEnumerable<object[]> Shapes()
    {
        (DecoderForm Form, AttentionScoring Scoring, bool Feeding)[] forms =
        [
            (DecoderForm.Plain, AttentionScoring.Additive, false),
            (DecoderForm.ContextOnly, AttentionScoring.Additive, false),
            (DecoderForm.ContextEveryStep, AttentionScoring.Additive, false),
            (DecoderForm.Peeky, AttentionScoring.Additive, false),
            (DecoderForm.Attention, AttentionScoring.Additive, false),
            (DecoderForm.Attention, AttentionScoring.Additive, true),
            (DecoderForm.Attention, AttentionScoring.Dot, false),
            (DecoderForm.Attention, AttentionScoring.Dot, true),
            (DecoderForm.Attention, AttentionScoring.General, false),
            (DecoderForm.Attention, AttentionScoring.General, true),
        ];
        for (int i = 0; i < forms.Length; i++)
        {
            var (form, scoring, feeding) = forms[i];
            bool bidirectional = i % 2 == 1;
            int layers = 1 + (i / 2 % 2);
            var context = i % 3 == 2 ? ContextKind.Hidden : ContextKind.HiddenAndCell;
            yield return [form, scoring, feeding, RecurrentCell.Lstm, bidirectional, layers, context];
            yield return [form, scoring, feeding, RecurrentCell.Gru, !bidirectional, 3 - layers, ContextKind.HiddenAndCell];
        }
    }

    [TestMethod]
    [DynamicData(nameof(Shapes))]
    public void DecodesAsTheManagedEngine(DecoderForm form, AttentionScoring scoring, bool feeding, RecurrentCell cell, bool bidirectional,
        int layers, ContextKind context)
    {
        var network = Train(new NetworkShape(10, 10, 6, 12, layers, form, context, 0f, scoring, feeding, bidirectional, cell));
        using var managed = Seq2SeqEngine.Managed.StartDecoding(network, Start, End, threads: 1);
        using var torch = new TorchSharpEngine("cpu").StartDecoding(network, Start, End, threads: 1);

        var greedy = torch.DecodeGreedy(Sources, MaxOutputLength);
        AssertSame(managed.DecodeGreedy(Sources, MaxOutputLength), greedy, "greedy");

        var widthOne = torch.DecodeBeam(Sources, new BeamSettings(1, 1, 1f), MaxOutputLength);
        for (int s = 0; s < Sources.Length; s++)
        {
            Assert.HasCount(1, widthOne[s]);
            AssertSame([greedy[s]], [widthOne[s][0].ToDecoded()], $"width 1 as greedy, source {s}");
        }

        for (int width = 3; width <= 5; width++)
        {
            float lengthPenalty = (width - 3) * 0.6f;
            for (int nBest = 1; nBest <= width; nBest++)
            {
                var beam = new BeamSettings(width, nBest, lengthPenalty);
                AssertSame(managed.DecodeBeam(Sources, beam, MaxOutputLength), torch.DecodeBeam(Sources, beam, MaxOutputLength), $"{beam}");
            }
        }

        var cut = new BeamSettings(4, 4, 1f);
        var expected = managed.DecodeBeam(Sources, cut, ShortMaxOutputLength);
        Assert.IsTrue(expected.Any(n => n.Any(h => h.Keys.Length == ShortMaxOutputLength)), "Some hypothesis stops at the maximum output length.");
        AssertSame(expected, torch.DecodeBeam(Sources, cut, ShortMaxOutputLength), $"{cut}, max output length {ShortMaxOutputLength}");
    }

    /// <summary>
    /// Logits that tie exactly (zero weights but the output bias, which gives the end key and three others the same
    /// top score): every step's candidates tie within and across rows, so the keys depend on tie-breaking alone.
    /// </summary>
    [TestMethod]
    [DataRow(DecoderForm.Plain)]
    [DataRow(DecoderForm.Attention)]
    public void ExactTiesBreakAsInTheManagedEngine(DecoderForm form)
    {
        var network = new Seq2SeqNetwork(new NetworkShape(10, 10, 6, 12, 1, form, ContextKind.HiddenAndCell, 0f));
        var bias = network.OutputBias.Of(network.Parameters.Values);
        foreach (int key in new[] { End, 5, 7, 8 })
        {
            bias[key] = 1f;
        }

        using var managed = Seq2SeqEngine.Managed.StartDecoding(network, Start, End, threads: 1);
        using var torch = new TorchSharpEngine("cpu").StartDecoding(network, Start, End, threads: 1);
        foreach (var beam in new[] { new BeamSettings(1, 1, 0f), new BeamSettings(3, 3, 0f), new BeamSettings(5, 2, 1f) })
        {
            var expected = managed.DecodeBeam(Sources, beam, MaxOutputLength);
            Assert.IsTrue(expected.All(n => n.Length == beam.NBest), $"{beam}");
            AssertSame(expected, torch.DecodeBeam(Sources, beam, MaxOutputLength), $"{beam}");
        }
    }

    [TestMethod]
    public void ManySourcesDecodeInSeveralBatchesAsOnTheManagedEngine()
    {
        var network = Train(new NetworkShape(10, 10, 6, 12, 1, DecoderForm.Attention, ContextKind.HiddenAndCell, 0f, AttentionScoring.General));
        var random = new Random(3);
        int[][] many = [.. Enumerable.Range(0, 300).Select(_ => Enumerable.Range(0, random.Next(1, 6)).Select(_ => 4 + random.Next(6)).ToArray())];
        var beam = new BeamSettings(4, 2, 1f);
        using var managed = Seq2SeqEngine.Managed.StartDecoding(network, Start, End, threads: 1);
        using var torch = new TorchSharpEngine("cpu").StartDecoding(network, Start, End, threads: 1);
        AssertSame(managed.DecodeBeam(many, beam, MaxOutputLength), torch.DecodeBeam(many, beam, MaxOutputLength), "300 sources");
        Assert.IsEmpty(torch.DecodeBeam([], beam, MaxOutputLength));
    }

    [TestMethod]
    [DataRow(0, 1, 1f)]
    [DataRow(3, 0, 1f)]
    [DataRow(3, 4, 1f)]
    [DataRow(3, 1, -1f)]
    [DataRow(3, 1, float.NaN)]
    public void BeamSettingsTheManagedDecoderRefusesAreRefused(int width, int nBest, float lengthPenalty)
    {
        var network = new Seq2SeqNetwork(new NetworkShape(10, 10, 6, 12, 1, DecoderForm.Plain, ContextKind.HiddenAndCell, 0f));
        var beam = new BeamSettings(width, nBest, lengthPenalty);
        using var managed = Seq2SeqEngine.Managed.StartDecoding(network, Start, End, threads: 1);
        using var torch = new TorchSharpEngine("cpu").StartDecoding(network, Start, End, threads: 1);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => managed.DecodeBeam(Sources, beam, MaxOutputLength));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => torch.DecodeBeam(Sources, beam, MaxOutputLength));
    }

    [TestMethod]
    [DataRow("cuda")]
    [DataRow("cuda:0")]
    public void CudaWhereItIsMissingFailsNamingTheDevice(string device)
    {
        if (global::TorchSharp.torch.cuda.is_available())
        {
            Assert.Inconclusive("CUDA is available here.");
        }

        var network = new Seq2SeqNetwork(new NetworkShape(10, 10, 6, 12, 1, DecoderForm.Plain, ContextKind.HiddenAndCell, 0f));
        var error = Assert.ThrowsExactly<InvalidOperationException>(() => new TorchSharpEngine(device).StartDecoding(network, Start, End, threads: 1));
        StringAssert.Contains(error.Message, $"'{device}'");
        StringAssert.Contains(error.Message, "CUDA is not available");
    }

    /// <summary>A few epochs of the managed engine on reversing 1 to 5 tokens.</summary>
    private static Seq2SeqNetwork Train(NetworkShape shape)
    {
        var random = new Random(5);
        int[][] sources = [.. Enumerable.Range(0, 160).Select(_ => Enumerable.Range(0, random.Next(1, 6)).Select(_ => 4 + random.Next(6)).ToArray())];
        var pairs = new SequencePairs(sources, [.. sources.Select(s => s.Reverse().ToArray())]);
        var settings = new TrainingSettings { Epochs = 12, BatchSize = 16, LearningRate = 0.02f, Seed = 7, Threads = 1, MaxOutputLength = MaxOutputLength };
        return new Seq2SeqTrainer(settings, Start, End).Train(shape, pairs, null, null, CancellationToken.None).Network;
    }

    private static void AssertSame(ScoredSequence[][] expected, ScoredSequence[][] actual, string because)
    {
        Assert.HasCount(expected.Length, actual, because);
        for (int s = 0; s < expected.Length; s++)
        {
            Assert.HasCount(expected[s].Length, actual[s], $"{because}, source {s}");
            for (int i = 0; i < expected[s].Length; i++)
            {
                string where = $"{because}, source {s}, hypothesis {i}";
                AssertSame([expected[s][i].ToDecoded()], [actual[s][i].ToDecoded()], where);
                Assert.AreEqual(expected[s][i].LogProbability, actual[s][i].LogProbability, Tolerance, $"{where}: log-probability");
                Assert.AreEqual(expected[s][i].Score, actual[s][i].Score, Tolerance, $"{where}: score");
            }
        }
    }

    private static void AssertSame(DecodedSequence[] expected, DecodedSequence[] actual, string because)
    {
        Assert.HasCount(expected.Length, actual, because);
        for (int r = 0; r < expected.Length; r++)
        {
            string where = expected.Length == 1 ? because : $"{because}, source {r}";
            CollectionAssert.AreEqual(expected[r].Keys, actual[r].Keys, $"{where}: keys");
            AssertClose(expected[r].Probabilities, actual[r].Probabilities, $"{where}: probabilities");
            Assert.AreEqual(expected[r].Attention is null, actual[r].Attention is null, $"{where}: attention or not");
            if (expected[r].Attention is { } weights)
            {
                AssertClose(weights, actual[r].Attention!, $"{where}: attention");
            }
        }
    }

    private static void AssertClose(float[] expected, float[] actual, string because)
    {
        Assert.HasCount(expected.Length, actual, because);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.AreEqual(expected[i], actual[i], Tolerance, $"{because} [{i}]");
        }
    }
}
