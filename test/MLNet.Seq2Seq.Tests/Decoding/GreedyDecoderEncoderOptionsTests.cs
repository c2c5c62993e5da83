using MLNet.Seq2Seq.Decoding;
using MLNet.Seq2Seq.Engine.Models;
using MLNet.Seq2Seq.Trainers;

namespace MLNet.Seq2Seq.Tests.Decoding;

[TestClass]
public sealed class GreedyDecoderEncoderOptionsTests
{
    [TestMethod]
    [DataRow(RecurrentCell.Gru, false)]
    [DataRow(RecurrentCell.Lstm, true)]
    [DataRow(RecurrentCell.Gru, true)]
    public void EveryFormDecodesTheSameAloneAsInAPaddedBatch(RecurrentCell cell, bool bidirectional)
    {
        foreach (var form in Enum.GetValues<DecoderForm>())
        {
            var network = new Seq2SeqNetwork(new NetworkShape(12, 12, 5, 16, 2, form, ContextKind.HiddenAndCell, 0, Bidirectional: bidirectional, Cell: cell));
            network.Initialize(21);
            int[] shortSource = [4, 5];
            int[][] batch = [[6, 7, 8, 9, 10, 11, 4, 5], shortSource, [9]];
            var alone = new GreedyDecoder(network, 2, 3).Decode(shortSource, 6);
            var together = new GreedyDecoder(network, 2, 3).DecodeMany(batch, 6, threads: 2);
            CollectionAssert.AreEqual(alone.Keys, together[1].Keys, form.ToString());
            CollectionAssert.AreEqual(alone.Probabilities, together[1].Probabilities, form.ToString());
        }
    }
}
