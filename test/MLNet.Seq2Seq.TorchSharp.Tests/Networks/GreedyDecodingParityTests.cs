using MLNet.Seq2Seq.Decoding;
using MLNet.Seq2Seq.Trainers;

namespace MLNet.Seq2Seq.TorchSharp.Tests.Networks;

/// <summary>
/// With the same weights both engines decode the same keys, with the same probabilities and attention weights.
/// The weights are scaled up so that no two keys are near a tie.
/// </summary>
[TestClass]
public sealed class GreedyDecodingParityTests
{
    public static IEnumerable<object[]> Forms() =>
    [
        [DecoderForm.Plain, RecurrentCell.Lstm, false, 2, false],
        [DecoderForm.ContextOnly, RecurrentCell.Gru, false, 1, false],
        [DecoderForm.ContextEveryStep, RecurrentCell.Lstm, true, 1, false],
        [DecoderForm.Peeky, RecurrentCell.Gru, true, 2, false],
        [DecoderForm.Attention, RecurrentCell.Lstm, false, 2, true],
        [DecoderForm.Attention, RecurrentCell.Gru, true, 1, false],
    ];

    [TestMethod]
    [DynamicData(nameof(Forms))]
    public void DecodesTheSameKeysAsTheManagedEngine(DecoderForm decoder, RecurrentCell cell, bool bidirectional, int layers, bool feeding)
    {
        var shape = ParityCase.Shape(decoder, layers, ContextKind.HiddenAndCell, cell, bidirectional, AttentionScoring.General, feeding);
        var network = ParityCase.Network(shape, scale: 4f);
        int[][] sources = [.. ParityCase.Sources, [7, 7, 7, 7, 5], [4]];
        var expected = new GreedyDecoder(network, ParityCase.StartKey, ParityCase.EndKey).DecodeMany(sources, 6, 1);
        using var model = new TorchSeq2SeqModel(shape);
        model.LoadParameters(network.Parameters.Values);
        var actual = model.DecodeGreedy(sources, ParityCase.StartKey, ParityCase.EndKey, 6);

        for (int r = 0; r < sources.Length; r++)
        {
            CollectionAssert.AreEqual(expected[r].Keys, actual[r].Keys, $"row {r}");
            for (int i = 0; i < expected[r].Keys.Length; i++)
            {
                Assert.AreEqual(expected[r].Probabilities[i], actual[r].Probabilities[i], 1e-4f, $"row {r} key {i} probability");
            }

            Assert.AreEqual(expected[r].Attention is null, actual[r].Attention is null);
            if (expected[r].Attention is { } weights)
            {
                Assert.HasCount(weights.Length, actual[r].Attention!);
                for (int i = 0; i < weights.Length; i++)
                {
                    Assert.AreEqual(weights[i], actual[r].Attention![i], 1e-4f, $"row {r} attention {i}");
                }
            }
        }

        Assert.IsTrue(expected.Any(e => e.Keys.Length > 0), "Some row decodes at least one key.");
    }
}
