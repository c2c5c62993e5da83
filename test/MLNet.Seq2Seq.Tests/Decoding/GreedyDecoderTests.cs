using MLNet.Seq2Seq.Decoding;
using MLNet.Seq2Seq.Engine.Models;
using MLNet.Seq2Seq.Trainers;

namespace MLNet.Seq2Seq.Tests.Decoding;

[TestClass]
public sealed class GreedyDecoderTests
{
    private static Seq2SeqNetwork Network(DecoderForm form, RecurrentCell cell = RecurrentCell.Lstm, bool bidirectional = false)
    {
        var network = new Seq2SeqNetwork(new NetworkShape(12, 12, 5, 16, 2, form, ContextKind.HiddenAndCell, 0, Bidirectional: bidirectional, Cell: cell));
        network.Initialize(21);
        return network;
    }

    [TestMethod]
    [DataRow(RecurrentCell.Lstm, false)]
    [DataRow(RecurrentCell.Gru, false)]
    [DataRow(RecurrentCell.Lstm, true)]
    [DataRow(RecurrentCell.Gru, true)]
    public void EveryFormDecodesTheSameAloneAsInAPaddedBatch(RecurrentCell cell, bool bidirectional)
    {
        foreach (var form in Enum.GetValues<DecoderForm>())
        {
            var network = Network(form, cell, bidirectional);
            int[] shortSource = [4, 5];
            int[][] batch = [[6, 7, 8, 9, 10, 11, 4, 5], shortSource, [9]];
            var alone = new GreedyDecoder(network, 2, 3).Decode(shortSource, 6);
            var together = new GreedyDecoder(network, 2, 3).DecodeMany(batch, 6, threads: 2);
            CollectionAssert.AreEqual(alone.Keys, together[1].Keys, form.ToString());
            CollectionAssert.AreEqual(alone.Probabilities, together[1].Probabilities, form.ToString());
        }
    }

    [TestMethod]
    public void StopsAtTheMaximumLengthAndLeavesTheEndKeyOut()
    {
        var network = Network(DecoderForm.Peeky);
        var results = new GreedyDecoder(network, 2, 3).DecodeMany([[4], [5, 6], [7, 8, 9]], 4, threads: 1);
        foreach (var result in results)
        {
            Assert.IsLessThanOrEqualTo(4, result.Keys.Length);
            Assert.HasCount(result.Keys.Length, result.Probabilities);
            Assert.IsFalse(result.Keys.Contains(3));
            Assert.IsTrue(result.Probabilities.All(p => p is > 0 and <= 1));
        }
    }

    [TestMethod]
    public void ManySourcesSortedIntoChunksDecodeAsEachAloneInTheirOrder()
    {
        var network = Network(DecoderForm.Peeky);
        var random = new Random(5);
        int[][] sources = [.. Enumerable.Range(0, 150).Select(_ => Enumerable.Range(0, random.Next(1, 9)).Select(_ => random.Next(4, 12)).ToArray())];
        var together = new GreedyDecoder(network, 2, 3).DecodeMany(sources, 6, threads: 2);
        var single = new GreedyDecoder(network, 2, 3);
        for (int i = 0; i < sources.Length; i++)
        {
            var alone = single.Decode(sources[i], 6);
            CollectionAssert.AreEqual(alone.Keys, together[i].Keys, $"row {i}");
            CollectionAssert.AreEqual(alone.Probabilities, together[i].Probabilities, $"row {i}");
        }
    }
}
