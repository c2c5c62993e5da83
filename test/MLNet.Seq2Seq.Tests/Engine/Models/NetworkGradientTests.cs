using MLNet.Seq2Seq.Engine.Models;
using MLNet.Seq2Seq.Trainers;
using MLNet.Seq2Seq.Training;

namespace MLNet.Seq2Seq.Tests.Engine.Models;

[TestClass]
public sealed class NetworkGradientTests
{
    private static readonly int[][] Sources = [[4, 5, 6], [7, 4], [5], [6, 6, 7, 4]];
    private static readonly int[][] Targets = [[5, 4], [6], [7, 7, 4], []];
    private static readonly int[] Rows = [0, 1, 2, 3];
    private static readonly ulong[] RowKeys = [11, 12, 13, 14];

    public static IEnumerable<object[]> Forms() =>
        from decoder in Enum.GetValues<DecoderForm>()
        from layers in new[] { 1, 2 }
        from context in Enum.GetValues<ContextKind>()
        from dropout in new[] { 0f, 0.3f }
        where context == ContextKind.HiddenAndCell || decoder == DecoderForm.Plain
        where dropout == 0 || layers == 2
        select new object[] { decoder, layers, context, dropout };

    [TestMethod]
    [DynamicData(nameof(Forms))]
    public void WholeNetworkGradientMatchesFiniteDifferences(DecoderForm decoder, int layers, ContextKind context, float dropout)
    {
        var network = new Seq2SeqNetwork(new NetworkShape(8, 8, 3, 9, layers, decoder, context, dropout));
        network.Initialize(5);
        var ws = new NetworkWorkspace(network);
        DropoutPlan? plan = dropout > 0 ? new DropoutPlan(77, dropout) : null;
        double Loss() => TrainingPass.Run(ws, Sources, Targets, Rows, RowKeys, 2, 3, 1f, 9, plan, 1f, network.Parameters.NewBuffer());
        var gradients = network.Parameters.NewBuffer();
        TrainingPass.Run(ws, Sources, Targets, Rows, RowKeys, 2, 3, 1f, 9, plan, 1f, gradients);
        GradientCheck.Assert($"{decoder}/{layers}/{context}/{dropout}", network.Parameters.Values, gradients, Loss, samples: 300);

        foreach (var parameter in network.Parameters.Parameters)
        {
            Assert.IsTrue(parameter.Of(gradients).ToArray().Any(g => g != 0f), $"{parameter.Name} received no gradient.");
        }
    }
}
