using MLNet.Seq2Seq.Engine.Layers;
using MLNet.Seq2Seq.Engine.Models;
using MLNet.Seq2Seq.Tests.Engine;

namespace MLNet.Seq2Seq.Tests.Engine.Layers;

[TestClass]
public sealed class GruLayerTests
{
    private const int Batch = 3, Steps = 4, Hidden = 11, Static = 2;
    private static readonly int[] Lengths = [4, 2, 0];

    /// <summary>A scalar loss of every output and the final state, so each gradient path is exercised.</summary>
    private sealed class Fixture
    {
        public readonly ParameterSet Parameters = new();
        public readonly GruLayer Layer;
        public readonly GruActivations Activations;
        public readonly int Input;
        public readonly float[] X;
        public readonly float[] H0 = GradientCheck.Random(Batch * Hidden, 2, 0.5f);
        public readonly float[] S = GradientCheck.Random(Batch * Static, 4);
        public readonly float[] OutWeights = GradientCheck.Random(Steps * Batch * Hidden, 5);
        public readonly float[] FinalHWeights = GradientCheck.Random(Batch * Hidden, 6);

        public Fixture(int input)
        {
            Input = input;
            X = GradientCheck.Random(Steps * Batch * input, 1);
            Layer = new GruLayer(Parameters, "gru", input, Hidden, Static);
            Layer.Initialize(Parameters.Values, 9);
            foreach (var bias in new[] { Layer.InputBias, Layer.HiddenBias })
            {
                GradientCheck.Random(bias.Length, (ulong)bias.Offset, 0.3f).CopyTo(bias.Of(Parameters.Values));
            }

            Activations = Layer.CreateActivations();
        }

        public double Loss()
        {
            var values = Parameters.Values;
            Layer.Begin(values, Activations, Batch, Steps, H0, S);
            for (int t = 0; t < Steps; t++)
            {
                Layer.Step(values, Activations, t, X.AsSpan(t * Batch * Input, Batch * Input), Lengths);
            }

            return GradientCheck.RecurrentLoss(Activations, Steps, OutWeights, FinalHWeights, []);
        }

        public (float[] Params, float[] DX, float[] DH0, float[] DS) Gradients()
        {
            Loss();
            var grads = Parameters.NewBuffer();
            var dx = new float[X.Length];
            var dh0 = new float[H0.Length];
            var ds = new float[S.Length];
            Layer.Backward(Parameters.Values, Activations, Steps, Lengths, OutWeights, FinalHWeights, dx, dh0, ds, grads);
            return (grads, dx, dh0, ds);
        }
    }

    [TestMethod]
    public void BackwardMatchesFiniteDifferencesForWeightsInputsInitialStateAndStaticInput()
    {
        var f = new Fixture(3);
        var (grads, dx, dh0, ds) = f.Gradients();
        GradientCheck.Assert("parameters", f.Parameters.Values, grads, f.Loss, samples: 200);
        GradientCheck.Assert("inputs", f.X, dx, f.Loss, samples: f.X.Length);
        GradientCheck.Assert("h0", f.H0, dh0, f.Loss, samples: f.H0.Length);
        GradientCheck.Assert("static input", f.S, ds, f.Loss, samples: f.S.Length);
    }

    [TestMethod]
    public void EveryParameterReceivesAGradient()
    {
        var f = new Fixture(3);
        var (grads, _, _, _) = f.Gradients();
        foreach (var parameter in f.Parameters.Parameters)
        {
            Assert.IsTrue(parameter.Of(grads).ToArray().Any(g => g != 0f), $"{parameter.Name} received no gradient.");
        }
    }

    [TestMethod]
    public void LayerWithoutPerStepInputHasNoInputWeightAndStillMatchesFiniteDifferences()
    {
        var f = new Fixture(0);
        Assert.IsNull(f.Layer.InputWeight);
        var (grads, _, dh0, ds) = f.Gradients();
        GradientCheck.Assert("parameters", f.Parameters.Values, grads, f.Loss, samples: 200);
        GradientCheck.Assert("h0", f.H0, dh0, f.Loss, samples: f.H0.Length);
        GradientCheck.Assert("static input", f.S, ds, f.Loss, samples: f.S.Length);
    }

    [TestMethod]
    public void RowsPastTheirLengthKeepTheirStateAndGetNoInputGradient()
    {
        var f = new Fixture(3);
        var (_, dx, dh0, _) = f.Gradients();
        CollectionAssert.AreEqual(f.H0.AsSpan(2 * Hidden, Hidden).ToArray(), f.Activations.HiddenAfter(Steps - 1).Slice(2 * Hidden, Hidden).ToArray());
        for (int t = 0; t < Steps; t++)
        {
            Assert.IsTrue(dx.AsSpan((t * Batch + 2) * f.Input, f.Input).ToArray().All(v => v == 0f));
        }

        CollectionAssert.AreEqual(f.Activations.HiddenAfter(1).Slice(Hidden, Hidden).ToArray(), f.Activations.HiddenAfter(3).Slice(Hidden, Hidden).ToArray());
        Assert.IsTrue(dh0.Any(v => v != 0f));
    }
}
