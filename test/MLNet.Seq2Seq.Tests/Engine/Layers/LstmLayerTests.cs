using MLNet.Seq2Seq.Engine.Layers;
using MLNet.Seq2Seq.Engine.Models;
using MLNet.Seq2Seq.Tests.Engine;

namespace MLNet.Seq2Seq.Tests.Engine.Layers;

[TestClass]
public sealed class LstmLayerTests
{
    private const int Batch = 3, Steps = 4, Input = 3, Hidden = 11, Static = 2;
    private static readonly int[] Lengths = [4, 2, 0];

    /// <summary>A scalar loss of every output, the final state and the inputs, so each gradient path is exercised.</summary>
    private sealed class Fixture
    {
        public readonly ParameterSet Parameters = new();
        public readonly LstmLayer Layer;
        public readonly LstmActivations Activations;
        public readonly float[] X = GradientCheck.Random(Steps * Batch * Input, 1);
        public readonly float[] H0 = GradientCheck.Random(Batch * Hidden, 2, 0.5f);
        public readonly float[] C0 = GradientCheck.Random(Batch * Hidden, 3, 0.5f);
        public readonly float[] S = GradientCheck.Random(Batch * Static, 4);
        public readonly float[] OutWeights = GradientCheck.Random(Steps * Batch * Hidden, 5);
        public readonly float[] FinalHWeights = GradientCheck.Random(Batch * Hidden, 6);
        public readonly float[] FinalCWeights = GradientCheck.Random(Batch * Hidden, 7);

        public Fixture()
        {
            Layer = new LstmLayer(Parameters, "lstm", Input, Hidden, Static);
            Layer.Initialize(Parameters.Values, 9);
            var bias = Layer.Bias.Of(Parameters.Values);
            GradientCheck.Random(bias.Length, 10, 0.3f).CopyTo(bias);
            Activations = Layer.CreateActivations();
        }

        public double Loss()
        {
            var values = Parameters.Values;
            Layer.Begin(values, Activations, Batch, Steps, H0, C0, S);
            for (int t = 0; t < Steps; t++)
            {
                Layer.Step(values, Activations, t, X.AsSpan(t * Batch * Input, Batch * Input), Lengths);
            }

            return GradientCheck.RecurrentLoss(Activations, Steps, OutWeights, FinalHWeights, FinalCWeights);
        }

        public (float[] Params, float[] DX, float[] DH0, float[] DC0, float[] DS) Gradients()
        {
            Loss();
            var grads = Parameters.NewBuffer();
            var dx = new float[X.Length];
            var dh0 = new float[H0.Length];
            var dc0 = new float[C0.Length];
            var ds = new float[S.Length];
            Layer.Backward(Parameters.Values, Activations, Steps, Lengths, OutWeights, FinalHWeights, FinalCWeights, dx, dh0, dc0, ds, grads);
            return (grads, dx, dh0, dc0, ds);
        }
    }

    [TestMethod]
    public void BackwardMatchesFiniteDifferencesForWeightsInputsInitialStateAndStaticInput()
    {
        var f = new Fixture();
        var (grads, dx, dh0, dc0, ds) = f.Gradients();
        GradientCheck.Assert("parameters", f.Parameters.Values, grads, f.Loss, samples: 200);
        GradientCheck.Assert("inputs", f.X, dx, f.Loss, samples: f.X.Length);
        GradientCheck.Assert("h0", f.H0, dh0, f.Loss, samples: f.H0.Length);
        GradientCheck.Assert("c0", f.C0, dc0, f.Loss, samples: f.C0.Length);
        GradientCheck.Assert("static input", f.S, ds, f.Loss, samples: f.S.Length);
    }

    [TestMethod]
    public void RowsPastTheirLengthKeepTheirStateAndGetNoInputGradient()
    {
        var f = new Fixture();
        var (_, dx, dh0, _, _) = f.Gradients();
        // Row 2 has length 0: its final state is its initial state, and its inputs never matter.
        CollectionAssert.AreEqual(f.H0.AsSpan(2 * Hidden, Hidden).ToArray(), f.Activations.HiddenAfter(Steps - 1).Slice(2 * Hidden, Hidden).ToArray());
        for (int t = 0; t < Steps; t++)
        {
            Assert.IsTrue(dx.AsSpan((t * Batch + 2) * Input, Input).ToArray().All(v => v == 0f));
        }

        // Row 1 has length 2: steps 2 and 3 leave its state as after step 1.
        CollectionAssert.AreEqual(f.Activations.HiddenAfter(1).Slice(Hidden, Hidden).ToArray(), f.Activations.HiddenAfter(3).Slice(Hidden, Hidden).ToArray());
        Assert.IsTrue(dh0.Any(v => v != 0f));
    }

    [TestMethod]
    [DataRow(11)]
    [DataRow(16)]
    [DataRow(32)]
    [DataRow(48)]
    [DataRow(69)]
    public void OneStepMatchesTheCellFormulaInDoublePrecision(int hidden)
    {
        // Widths below, at and past the cell's blocks of 16 and pairs of blocks (32), with a partial block after them.
        const int rows = 2, input = 3;
        var parameters = new ParameterSet();
        var layer = new LstmLayer(parameters, "lstm", input, hidden, 0);
        var values = parameters.Values;
        layer.Initialize(values, 9);
        GradientCheck.Random(4 * hidden, 10, 0.5f).CopyTo(layer.Bias.Of(values));
        var x = GradientCheck.Random(rows * input, 1, 2f);
        var h0 = GradientCheck.Random(rows * hidden, 2, 0.9f);
        var c0 = GradientCheck.Random(rows * hidden, 3, 2f);
        var a = layer.CreateActivations();
        layer.Begin(values, a, rows, 1, h0, c0, default);
        layer.Step(values, a, 0, x, [1, 1]);

        var w = layer.Weight.Of(values).ToArray();
        var b = layer.Bias.Of(values).ToArray();
        static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < hidden; j++)
            {
                double Gate(int gate)
                {
                    int column = (gate * hidden) + j;
                    double sum = b[column];
                    for (int p = 0; p < input + hidden; p++)
                    {
                        double v = p < input ? x[(r * input) + p] : h0[(r * hidden) + p - input];
                        sum += v * w[(p * 4 * hidden) + column];
                    }

                    return sum;
                }

                double c = (Sigmoid(Gate(1)) * c0[(r * hidden) + j]) + (Sigmoid(Gate(0)) * Math.Tanh(Gate(2)));
                double h = Sigmoid(Gate(3)) * Math.Tanh(c);
                Assert.AreEqual(c, a.CellAfter(0)[(r * hidden) + j], 1e-5, $"c, row {r}, unit {j}");
                Assert.AreEqual(h, a.HiddenAfter(0)[(r * hidden) + j], 1e-5, $"h, row {r}, unit {j}");
            }
        }
    }
}
