using MLNet.Seq2Seq.Engine.Models;
using MLNet.Seq2Seq.Trainers;
using MLNet.Seq2Seq.Training;

namespace MLNet.Seq2Seq.Tests.Engine.Models;

[TestClass]
public sealed class AttentionNetworkGradientTests
{
    private static readonly int[][] Sources = [[4, 5, 6], [7, 4], [5], [6, 6, 7, 4]];
    private static readonly int[][] Targets = [[5, 4], [6], [7, 7, 4], []];
    private static readonly int[] Rows = [0, 1, 2, 3];
    private static readonly ulong[] RowKeys = [11, 12, 13, 14];

    public static IEnumerable<object[]> Variants() =>
        from scoring in Enum.GetValues<AttentionScoring>()
        from feeding in new[] { false, true }
        from layers in new[] { 1, 2 }
        from dropout in new[] { 0f, 0.3f }
        where dropout == 0 || (feeding && layers == 2)
        select new object[] { scoring, feeding, layers, dropout };

    /// <summary>
    /// Every scoring, with and without input feeding, 1 and 2 layers, dropout once; the batch's sources have different
    /// lengths, so masked positions are part of every check. Initial weights are scaled up so that attention is sharp
    /// enough for its gradients to stand out of float32 noise.
    /// </summary>
    [TestMethod]
    [DynamicData(nameof(Variants))]
    public void WholeNetworkGradientMatchesFiniteDifferences(AttentionScoring scoring, bool feeding, int layers, float dropout)
    {
        var network = new Seq2SeqNetwork(new NetworkShape(8, 8, 3, 9, layers, DecoderForm.Attention, ContextKind.HiddenAndCell, dropout, scoring, feeding));
        network.Initialize(5);
        var values = network.Parameters.Values;
        System.Numerics.Tensors.TensorPrimitives.Multiply(values, 2.5f, values);
        var ws = new NetworkWorkspace(network);
        DropoutPlan? plan = dropout > 0 ? new DropoutPlan(77, dropout) : null;
        double Loss() => TrainingPass.Run(ws, Sources, Targets, Rows, RowKeys, 2, 3, 1f, 9, plan, 1f, network.Parameters.NewBuffer());
        var gradients = network.Parameters.NewBuffer();
        TrainingPass.Run(ws, Sources, Targets, Rows, RowKeys, 2, 3, 1f, 9, plan, 1f, gradients);
        GradientCheck.Assert($"{scoring}/{feeding}/{layers}/{dropout}", network.Parameters.Values, gradients, Loss, samples: 300);

        foreach (var parameter in network.Parameters.Parameters)
        {
            Assert.IsTrue(parameter.Of(gradients).ToArray().Any(g => g != 0f), $"{parameter.Name} received no gradient.");
        }

        foreach (var parameter in network.Parameters.Parameters.Where(p => p.Name.Contains("attention", StringComparison.Ordinal)))
        {
            AssertParameter($"{scoring}/{feeding}/{layers}/{dropout} {parameter.Name}", network.Parameters.Values, gradients, parameter, Loss);
        }
    }

    /// <summary>
    /// The attention parameters' gradients are too small at initialization for per-coordinate float32 differences, so
    /// each is checked along its own direction: (L(x + εĝ) − L(x − εĝ)) / 2ε must equal ‖g‖ when g is right.
    /// </summary>
    private static void AssertParameter(string what, float[] values, float[] analytic, Parameter parameter, Func<double> loss)
    {
        const float step = 0.05f;
        var g = parameter.Of(analytic).ToArray();
        float norm = System.Numerics.Tensors.TensorPrimitives.Norm(g);
        var saved = parameter.Of(values).ToArray();
        var x = parameter.Of(values);
        for (int i = 0; i < g.Length; i++)
        {
            x[i] = saved[i] + step * g[i] / norm;
        }

        double plus = loss();
        for (int i = 0; i < g.Length; i++)
        {
            x[i] = saved[i] - step * g[i] / norm;
        }

        double minus = loss();
        saved.CopyTo(x);
        double numeric = (plus - minus) / (2 * step);
        Assert.IsLessThan(0.03, Math.Abs(numeric - norm) / norm, $"{what}: directional derivative {numeric:E3}, gradient norm {norm:E3}.");
    }
}
