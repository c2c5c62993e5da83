using MLNet.Seq2Seq.Engine.Kernels;
using MLNet.Seq2Seq.Engine.Layers;
using MLNet.Seq2Seq.Engine.Models;
using MLNet.Seq2Seq.Tests.Engine.Kernels;

namespace MLNet.Seq2Seq.Tests.Engine.Layers;

/// <summary>
/// <see cref="LstmLayer.Run"/> over a whole single-row sequence takes the input rows' part of every step's product at
/// once and continues each gate's FMA chain per step: its states, gates and kept inputs must be bit-identical to
/// calling <see cref="LstmLayer.Step"/> for each step.
/// </summary>
[TestClass]
public sealed class LstmRunTests
{
    [TestMethod]
    [DataRow(16, 128, 0, 7, 7, false)]
    [DataRow(16, 128, 128, 5, 5, false)]
    [DataRow(3, 11, 2, 6, 4, false)]
    [DataRow(7, 36, 0, 50, 50, false)]
    [DataRow(16, 64, 0, 1, 1, false)]
    [DataRow(16, 128, 0, 7, 7, true)]
    [DataRow(3, 11, 2, 6, 4, true)]
    [DataRow(16, 64, 0, 1, 1, true)]
    public void SingleRowRunIsBitIdenticalToStepByStep(int input, int hidden, int staticSize, int steps, int length, bool fromZeroState)
    {
        // From the zero state (no h0, as the encoder starts) Run's first step skips the hidden rows.
        KernelAvailability.RequireAvx512();
        var parameters = new ParameterSet();
        var layer = new LstmLayer(parameters, "lstm", input, hidden, staticSize);
        var values = parameters.Values;
        layer.Initialize(values, 5);
        GradientCheck.Random(layer.Bias.Of(values).Length, 6, 0.3f).CopyTo(layer.Bias.Of(values));
        float[] x = GradientCheck.Random(steps * input, 7);
        float[] h0 = fromZeroState ? [] : GradientCheck.Random(hidden, 8, 0.5f);
        float[] c0 = GradientCheck.Random(hidden, 9, 0.5f);
        float[] s = GradientCheck.Random(staticSize, 10);
        int[] lengths = [length];

        var stepped = layer.CreateActivations();
        layer.Begin(values, stepped, 1, steps, h0, c0, s);
        for (int t = 0; t < steps; t++)
        {
            layer.Step(values, stepped, t, x.AsSpan(t * input, input), lengths);
        }

        var run = layer.CreateActivations();
        layer.Begin(values, run, 1, steps, h0, c0, s);
        Assert.IsTrue(RowProduct.IsAvailable);
        layer.Run(values, run, steps, x, lengths);

        string shape = $"input {input}, hidden {hidden}, static {staticSize}, steps {steps}, length {length}, from zero {fromZeroState}";
        CollectionAssert.AreEqual(stepped.Hidden.AsSpan(0, (steps + 1) * hidden).ToArray(), run.Hidden.AsSpan(0, (steps + 1) * hidden).ToArray(), shape);
        CollectionAssert.AreEqual(stepped.Cells.AsSpan(0, (steps + 1) * hidden).ToArray(), run.Cells.AsSpan(0, (steps + 1) * hidden).ToArray(), shape);
        CollectionAssert.AreEqual(stepped.Gates.AsSpan(0, steps * 4 * hidden).ToArray(), run.Gates.AsSpan(0, steps * 4 * hidden).ToArray(), shape);
        CollectionAssert.AreEqual(
            stepped.InputAndHidden.AsSpan(0, steps * (input + hidden)).ToArray(), run.InputAndHidden.AsSpan(0, steps * (input + hidden)).ToArray(), shape);
    }

    [TestMethod]
    public void ContinuingARowProductEqualsOneProductOverAllRows()
    {
        KernelAvailability.RequireAvx512();
        var random = new Random(31);
        foreach (var (n, k, split) in new[] { (512, 144, 16), (512, 272, 16), (14, 128, 1), (33, 20, 19), (600, 40, 7) })
        {
            float[] a = [.. Enumerable.Range(0, k).Select(_ => (float)(random.NextDouble() - 0.5))];
            float[] b = [.. Enumerable.Range(0, k * n).Select(_ => (float)(random.NextDouble() - 0.5))];
            float[] start = [.. Enumerable.Range(0, n).Select(_ => (float)random.NextDouble())];
            float[] whole = (float[])start.Clone();
            Gemm.Multiply(a, k, false, b, n, false, whole, n, 1, n, k, accumulate: true);

            float[] first = new float[n];
            Gemm.Multiply(a, split, false, b, n, false, first, n, 1, n, split, accumulate: false);
            float[] continued = (float[])start.Clone();
            RowProduct.ContinueAndAdd(a.AsSpan(split), b.AsSpan(split * n), n, first, continued, n, k - split);
            CollectionAssert.AreEqual(whole, continued, $"n {n}, k {k}, split {split}");
        }
    }
}
