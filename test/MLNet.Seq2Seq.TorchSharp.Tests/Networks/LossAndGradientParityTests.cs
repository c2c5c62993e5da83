using MLNet.Seq2Seq.Engine.Models;
using MLNet.Seq2Seq.Trainers;

namespace MLNet.Seq2Seq.TorchSharp.Tests.Networks;

/// <summary>
/// With the same weights, libtorch and the managed engine give the same loss (relative 1e-4) and the same gradients
/// (per parameter tensor, ‖Δg‖ / ‖g‖ ≤ 1e-3), dropout 0, over every decoder form and attention scoring, with and
/// without input feeding, LSTM and GRU cells, uni- and bidirectional encoders, one and two layers.
/// </summary>
[TestClass]
public sealed class LossAndGradientParityTests
{
    public static IEnumerable<object[]> SeedForms() =>
        from decoder in new[] { DecoderForm.Plain, DecoderForm.ContextOnly, DecoderForm.ContextEveryStep, DecoderForm.Peeky }
        from context in Enum.GetValues<ContextKind>()
        where context == ContextKind.HiddenAndCell || decoder is DecoderForm.Plain or DecoderForm.Peeky
        from cell in Enum.GetValues<RecurrentCell>()
        from bidirectional in new[] { false, true }
        from layers in new[] { 1, 2 }
        select new object[] { decoder, context, cell, bidirectional, layers };

    public static IEnumerable<object[]> AttentionForms() =>
        from scoring in Enum.GetValues<AttentionScoring>()
        from feeding in new[] { false, true }
        from cell in Enum.GetValues<RecurrentCell>()
        from bidirectional in new[] { false, true }
        from layers in new[] { 1, 2 }
        select new object[] { scoring, feeding, cell, bidirectional, layers };

    [TestMethod]
    [DynamicData(nameof(SeedForms))]
    public void SeedFormsMatchTheManagedEngine(DecoderForm decoder, ContextKind context, RecurrentCell cell, bool bidirectional, int layers) =>
        AssertParity(ParityCase.Shape(decoder, layers, context, cell, bidirectional));

    [TestMethod]
    [DynamicData(nameof(AttentionForms))]
    public void AttentionMatchesTheManagedEngine(AttentionScoring scoring, bool feeding, RecurrentCell cell, bool bidirectional, int layers)
    {
        AssertParity(ParityCase.Shape(DecoderForm.Attention, layers, ContextKind.HiddenAndCell, cell, bidirectional, scoring, feeding));
        if (layers == 1 && cell == RecurrentCell.Lstm && !bidirectional)
        {
            AssertParity(ParityCase.Shape(DecoderForm.Attention, layers, ContextKind.Hidden, cell, bidirectional, scoring, feeding));
        }
    }

    /// <summary>
    /// Scheduled sampling: the same rows and steps read their own predictions in both engines (the draws share the
    /// managed engine's counter-based generator), so loss and gradients still agree.
    /// </summary>
    [TestMethod]
    [DataRow(DecoderForm.Plain, RecurrentCell.Lstm, false, 2, false)]
    [DataRow(DecoderForm.Peeky, RecurrentCell.Gru, true, 1, false)]
    [DataRow(DecoderForm.Attention, RecurrentCell.Lstm, false, 1, true)]
    [DataRow(DecoderForm.Attention, RecurrentCell.Gru, true, 2, false)]
    public void ScheduledSamplingMatchesTheManagedEngine(DecoderForm decoder, RecurrentCell cell, bool bidirectional, int layers, bool feeding)
    {
        var shape = ParityCase.Shape(decoder, layers, ContextKind.HiddenAndCell, cell, bidirectional, AttentionScoring.General, feeding);
        var network = ParityCase.Network(shape);
        Assert.AreNotEqual(ParityCase.Managed(network).Loss, ParityCase.Managed(network, 0.25f).Loss, "Some step reads a prediction that is not the target.");
        AssertParity(shape, 0.25f);
    }

    private static void AssertParity(NetworkShape shape, float teacherForcingRatio = 1f)
    {
        var network = ParityCase.Network(shape);
        var (managedLoss, managedGradients) = ParityCase.Managed(network, teacherForcingRatio);
        using var model = new TorchSeq2SeqModel(shape);
        model.LoadParameters(network.Parameters.Values);
        var gradients = new float[model.ParameterCount];
        double loss = model.LossAndGradients(ParityCase.Sources, ParityCase.Targets, ParityCase.StartKey, ParityCase.EndKey, gradients,
            teacherForcingRatio, ParityCase.SamplingSeed, ParityCase.RowKeys);

        Assert.AreEqual(managedLoss, loss, 1e-4 * Math.Abs(managedLoss), $"{shape}: loss");
        foreach (var parameter in network.Parameters.Parameters)
        {
            var expected = parameter.Of(managedGradients).ToArray();
            var actual = parameter.Of(gradients).ToArray();
            double norm = Math.Sqrt(expected.Sum(g => (double)g * g));
            double difference = Math.Sqrt(expected.Zip(actual).Sum(p => ((double)p.First - p.Second) * (p.First - p.Second)));
            Assert.IsTrue(norm > 0, $"{shape}: {parameter.Name} has no managed gradient to compare.");
            Assert.IsLessThanOrEqualTo(1e-3, difference / norm, $"{shape}: {parameter.Name} ‖Δg‖/‖g‖ = {difference / norm:E2}");
        }
    }
}
