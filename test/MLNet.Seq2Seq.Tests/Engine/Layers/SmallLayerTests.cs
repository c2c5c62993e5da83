using MLNet.Seq2Seq.Engine.Layers;
using MLNet.Seq2Seq.Tests.Engine;

namespace MLNet.Seq2Seq.Tests.Engine.Layers;

[TestClass]
public sealed class SmallLayerTests
{
    [TestMethod]
    public void LinearBackwardMatchesFiniteDifferences()
    {
        const int rows = 4, inSize = 5, outSize = 3;
        var x = GradientCheck.Random(rows * inSize, 1);
        var w = GradientCheck.Random(inSize * outSize, 2);
        var b = GradientCheck.Random(outSize, 3);
        var weights = GradientCheck.Random(rows * outSize, 4);
        double Loss()
        {
            var y = new float[rows * outSize];
            Linear.Forward(x, rows, inSize, w, b, outSize, y);
            return y.Select((v, i) => (double)v * weights[i]).Sum();
        }

        var dx = new float[x.Length];
        var dw = new float[w.Length];
        var db = new float[b.Length];
        Linear.Backward(x, rows, inSize, w, outSize, weights, dx, false, dw, db);
        GradientCheck.Assert("x", x, dx, Loss);
        GradientCheck.Assert("W", w, dw, Loss);
        GradientCheck.Assert("b", b, db, Loss);
    }

    [TestMethod]
    public void SoftmaxCrossEntropyGradientMatchesFiniteDifferencesAndMaskedRowsCountNothing()
    {
        const int rows = 3, classes = 4;
        var logits = GradientCheck.Random(rows * classes, 5, 2f);
        int[] targets = [1, 3, 0];
        bool[] active = [true, true, false];
        var d = new float[logits.Length];
        double Loss() => SoftmaxCrossEntropy.ForwardBackward(logits, rows, classes, targets, active, 1f, new float[logits.Length]);
        SoftmaxCrossEntropy.ForwardBackward(logits, rows, classes, targets, active, 1f, d);
        GradientCheck.Assert("logits", logits, d, Loss);
        Assert.IsTrue(d.AsSpan(2 * classes).ToArray().All(v => v == 0f));

        float[] uniform = [0f, 0f, 0f, 0f];
        double loss = SoftmaxCrossEntropy.ForwardBackward(uniform, 1, 4, [2], [true], 1f, new float[4]);
        Assert.AreEqual(Math.Log(4), loss, 1e-6);
    }

    [TestMethod]
    public void EmbeddingGradientTouchesOnlyLookedUpRows()
    {
        const int vocab = 5, dim = 3;
        var table = GradientCheck.Random(vocab * dim, 6);
        int[] tokens = [4, 1, 4];
        var weights = GradientCheck.Random(tokens.Length * dim, 7);
        double Loss()
        {
            var y = new float[tokens.Length * dim];
            Embedding.Forward(table, dim, tokens, y);
            return y.Select((v, i) => (double)v * weights[i]).Sum();
        }

        var dTable = new float[table.Length];
        Embedding.Backward(tokens, dim, weights, dTable);
        GradientCheck.Assert("table", table, dTable, Loss, samples: table.Length);
        foreach (int untouched in new[] { 0, 2, 3 })
        {
            Assert.IsTrue(dTable.AsSpan(untouched * dim, dim).ToArray().All(v => v == 0f));
        }
    }

    [TestMethod]
    public void DropoutZeroesAboutTheRateAndScalesSurvivors()
    {
        var mask = new float[10_000];
        Dropout.FillMask(3, 11, 0.25f, mask);
        double dropped = mask.Count(v => v == 0f) / (double)mask.Length;
        Assert.AreEqual(0.25, dropped, 0.02);
        Assert.IsTrue(mask.Where(v => v != 0f).All(v => Math.Abs(v - 1f / 0.75f) < 1e-6));
    }
}
