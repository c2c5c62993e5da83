using MLNet.Seq2Seq.Engine.Models;
using MLNet.Seq2Seq.TorchSharp.Networks;
using MLNet.Seq2Seq.Trainers;

namespace MLNet.Seq2Seq.TorchSharp.Tests.Networks;

[TestClass]
public sealed class ParameterLayoutTests
{
    public static IEnumerable<object[]> Shapes() =>
        from decoder in Enum.GetValues<DecoderForm>()
        from cell in Enum.GetValues<RecurrentCell>()
        from bidirectional in new[] { false, true }
        select new object[] { decoder, cell, bidirectional };

    [TestMethod]
    [DynamicData(nameof(Shapes))]
    public void EveryManagedValueMapsToExactlyOneLibtorchElement(DecoderForm decoder, RecurrentCell cell, bool bidirectional)
    {
        var shape = ParityCase.Shape(decoder, 2, ContextKind.HiddenAndCell, cell, bidirectional, AttentionScoring.Additive, feeding: true);
        using var network = new TorchNetwork(shape, TorchDevice.Parse("cpu"));
        var mapped = network.Parameters.MappedIndices.Order().ToArray();
        CollectionAssert.AreEqual(Enumerable.Range(0, network.Layout.Parameters.Count).ToArray(), mapped);
    }

    [TestMethod]
    [DynamicData(nameof(Shapes))]
    public void WeightsRoundTripBitExactly(DecoderForm decoder, RecurrentCell cell, bool bidirectional)
    {
        var shape = ParityCase.Shape(decoder, 2, ContextKind.HiddenAndCell, cell, bidirectional);
        var values = ParityCase.Network(shape).Parameters.Values;
        using var model = new TorchSeq2SeqModel(shape);
        model.LoadParameters(values);
        var back = new float[model.ParameterCount];
        model.ReadParameters(back);
        CollectionAssert.AreEqual(values, back);
    }

    [TestMethod]
    public void WrongLengthIsRejected()
    {
        using var model = new TorchSeq2SeqModel(ParityCase.Shape(DecoderForm.Peeky, 1, ContextKind.HiddenAndCell, RecurrentCell.Lstm, false));
        var error = Assert.ThrowsExactly<ArgumentException>(() => model.LoadParameters(new float[3]));
        StringAssert.Contains(error.Message, model.ParameterCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
