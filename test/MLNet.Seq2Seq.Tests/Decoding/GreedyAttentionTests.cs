using MLNet.Seq2Seq.Decoding;
using MLNet.Seq2Seq.Engine.Models;
using MLNet.Seq2Seq.Trainers;

namespace MLNet.Seq2Seq.Tests.Decoding;

[TestClass]
public sealed class GreedyAttentionTests
{
    public static IEnumerable<object[]> Variants() =>
        from scoring in Enum.GetValues<AttentionScoring>()
        from feeding in new[] { false, true }
        select new object[] { scoring, feeding };

    [TestMethod]
    [DynamicData(nameof(Variants))]
    public void WeightsCoverTheRowsOwnSourceAndDoNotDependOnThePaddingOfABatch(AttentionScoring scoring, bool feeding)
    {
        var network = new Seq2SeqNetwork(new NetworkShape(12, 12, 5, 16, 2, DecoderForm.Attention, ContextKind.HiddenAndCell, 0, scoring, feeding));
        network.Initialize(21);
        int[] shortSource = [4, 5];
        int[][] batch = [[6, 7, 8, 9, 10, 11, 4, 5], shortSource, [9]];
        var alone = new GreedyDecoder(network, 2, 3).Decode(shortSource, 6);
        var together = new GreedyDecoder(network, 2, 3).DecodeMany(batch, 6, threads: 2);
        CollectionAssert.AreEqual(alone.Keys, together[1].Keys);
        CollectionAssert.AreEqual(alone.Attention, together[1].Attention);
        for (int i = 0; i < batch.Length; i++)
        {
            var result = together[i];
            Assert.HasCount(result.Keys.Length * batch[i].Length, result.Attention!);
            for (int k = 0; k < result.Keys.Length; k++)
            {
                Assert.AreEqual(1f, System.Numerics.Tensors.TensorPrimitives.Sum(result.Attention.AsSpan(k * batch[i].Length, batch[i].Length)), 1e-5f);
            }
        }
    }

    [TestMethod]
    public void OtherFormsRecordNoWeights()
    {
        var network = new Seq2SeqNetwork(new NetworkShape(12, 12, 5, 16, 1, DecoderForm.Peeky, ContextKind.HiddenAndCell, 0));
        network.Initialize(21);
        Assert.IsNull(new GreedyDecoder(network, 2, 3).Decode([4, 5], 4).Attention);
    }
}
