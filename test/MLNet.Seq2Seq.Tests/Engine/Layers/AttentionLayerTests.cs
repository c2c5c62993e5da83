using MLNet.Seq2Seq.Engine.Layers;
using MLNet.Seq2Seq.Engine.Models;
using MLNet.Seq2Seq.Trainers;

namespace MLNet.Seq2Seq.Tests.Engine.Layers;

[TestClass]
public sealed class AttentionLayerTests
{
    private const int Batch = 4, SourceSteps = 5, TargetSteps = 3, Hidden = 7, Padding = 1000;
    private static readonly int[] Lengths = [5, 2, 1, 0];

    public static IEnumerable<object[]> Scorings() => Enum.GetValues<AttentionScoring>().Select(s => new object[] { s });

    /// <summary>A scalar loss of every step's attentional vector, over a memory whose padded positions hold huge values.</summary>
    private sealed class Fixture
    {
        public readonly ParameterSet Parameters = new();
        public readonly AttentionLayer Layer;
        public readonly AttentionActivations Activations;
        public readonly float[] Memory = GradientCheck.Random(SourceSteps * Batch * Hidden, 1);
        public readonly float[] States = GradientCheck.Random(TargetSteps * Batch * Hidden, 2);
        public readonly float[] OutWeights = GradientCheck.Random(TargetSteps * Batch * Hidden, 3);

        public Fixture(AttentionScoring scoring)
        {
            Layer = new AttentionLayer(Parameters, "attention", Hidden, scoring);
            Layer.Initialize(Parameters.Values, 4);
            GradientCheck.Random(Hidden, 5, 0.3f).CopyTo(Layer.OutputBias.Of(Parameters.Values));
            Activations = Layer.CreateActivations(0);
            for (int s = 0; s < SourceSteps; s++)
            {
                for (int r = 0; r < Batch; r++)
                {
                    if (s >= Lengths[r])
                    {
                        Memory.AsSpan((s * Batch + r) * Hidden, Hidden).Fill(Padding);
                    }
                }
            }
        }

        public double Loss()
        {
            var values = Parameters.Values;
            Layer.Begin(values, Activations, Batch, SourceSteps, TargetSteps, Memory);
            double loss = 0;
            for (int t = 0; t < TargetSteps; t++)
            {
                Layer.Step(values, Activations, t, Memory, Lengths, States.AsSpan(t * Batch * Hidden, Batch * Hidden));
                var attentional = Activations.AttentionalAt(t);
                for (int i = 0; i < attentional.Length; i++)
                {
                    loss += attentional[i] * OutWeights[t * Batch * Hidden + i];
                }
            }

            return loss;
        }

        public (float[] Params, float[] DMemory, float[] DStates) Gradients()
        {
            Loss();
            var grads = Parameters.NewBuffer();
            var dMemory = new float[Memory.Length];
            var dStates = new float[States.Length];
            Layer.BeginBackward(Activations);
            for (int t = TargetSteps - 1; t >= 0; t--)
            {
                Layer.BackwardStep(Parameters.Values, Activations, t, Memory, Lengths, OutWeights.AsSpan(t * Batch * Hidden, Batch * Hidden),
                    dStates.AsSpan(t * Batch * Hidden, Batch * Hidden), dMemory, grads);
            }

            Layer.EndBackward(Parameters.Values, Activations, TargetSteps, Memory, dMemory, grads);
            return (grads, dMemory, dStates);
        }
    }

    [TestMethod]
    [DynamicData(nameof(Scorings))]
    public void BackwardMatchesFiniteDifferencesForWeightsMemoryAndDecoderStates(AttentionScoring scoring)
    {
        var f = new Fixture(scoring);
        var (grads, dMemory, dStates) = f.Gradients();
        GradientCheck.Assert($"{scoring} parameters", f.Parameters.Values, grads, f.Loss, samples: f.Parameters.Count, step: 1e-3f);
        GradientCheck.Assert($"{scoring} memory", f.Memory, dMemory, f.Loss, samples: f.Memory.Length, step: 1e-3f);
        GradientCheck.Assert($"{scoring} states", f.States, dStates, f.Loss, samples: f.States.Length, step: 1e-3f);
    }

    [TestMethod]
    [DynamicData(nameof(Scorings))]
    public void PaddedSourcePositionsGetExactlyZeroWeightAndGradient(AttentionScoring scoring)
    {
        var f = new Fixture(scoring);
        var (_, dMemory, _) = f.Gradients();
        for (int t = 0; t < TargetSteps; t++)
        {
            var weights = f.Activations.WeightsAt(t);
            for (int r = 0; r < Batch; r++)
            {
                var row = weights.Slice(r * SourceSteps, SourceSteps);
                for (int s = 0; s < SourceSteps; s++)
                {
                    if (s >= Lengths[r])
                    {
                        Assert.AreEqual(0f, row[s], $"step {t}, row {r}, source position {s}");
                        Assert.IsTrue(dMemory.AsSpan((s * Batch + r) * Hidden, Hidden).ToArray().All(g => g == 0f), $"memory gradient at row {r}, position {s}");
                    }
                    else
                    {
                        Assert.IsGreaterThan(0f, row[s]);
                    }
                }

                float sum = System.Numerics.Tensors.TensorPrimitives.Sum(row);
                Assert.AreEqual(Lengths[r] > 0 ? 1f : 0f, sum, 1e-5f, $"step {t}, row {r}: weights sum");
            }
        }

        Assert.IsTrue(f.Activations.Attentional.All(float.IsFinite));
    }
}
