using System.Runtime.Intrinsics;
using MLNet.Seq2Seq.Engine.Kernels;

namespace MLNet.Seq2Seq.Tests.Engine.Kernels;

/// <summary>
/// The engine's exp, sigmoid and tanh against double precision over dense sweeps of their useful ranges, their
/// limits, and the span forms: every element the same as the vector function, whatever the length or the offset.
/// </summary>
[TestClass]
public sealed class ActivationFunctionsTests
{
    [TestMethod]
    public void ExpIsWithinOneUlpOfTheExactValue()
    {
        int worst = WorstUlp(-87f, 88f, ActivationFunctions.Exp, Math.Exp);
        Assert.IsLessThanOrEqualTo(1, worst, $"exp: worst {worst} ulp");
    }

    [TestMethod]
    public void SigmoidIsWithinTwoUlpOfTheExactValue()
    {
        int worst = WorstUlp(-40f, 40f, ActivationFunctions.Sigmoid, x => 1 / (1 + Math.Exp(-x)));
        Assert.IsLessThanOrEqualTo(2, worst, $"sigmoid: worst {worst} ulp");
    }

    [TestMethod]
    public void TanhIsWithinTwoUlpOfTheExactValue()
    {
        int worst = Math.Max(WorstUlp(-12f, 12f, ActivationFunctions.Tanh, Math.Tanh), WorstUlp(-0.6f, 0.6f, ActivationFunctions.Tanh, Math.Tanh));
        Assert.IsLessThanOrEqualTo(2, worst, $"tanh: worst {worst} ulp");
    }

    [TestMethod]
    public void LimitsAreExactOrClamped()
    {
        Assert.AreEqual(1f, ActivationFunctions.Exp(Vector512<float>.Zero)[0]);
        Assert.IsTrue(float.IsFinite(ActivationFunctions.Exp(Vector512.Create(1000f))[0]), "exp(1000) must be clamped, not infinite");
        Assert.AreEqual(ActivationFunctions.Exp(Vector512.Create(-87f))[0], ActivationFunctions.Exp(Vector512.Create(-1000f))[0], "exp below -87 is clamped");
        Assert.AreEqual(0.5f, ActivationFunctions.Sigmoid(Vector512<float>.Zero)[0]);
        Assert.AreEqual(1f, ActivationFunctions.Sigmoid(Vector512.Create(100f))[0]);
        Assert.IsLessThan(1e-37f, ActivationFunctions.Sigmoid(Vector512.Create(-100f))[0]);
        Assert.AreEqual(1f, ActivationFunctions.Tanh(Vector512.Create(20f))[0]);
        Assert.AreEqual(-1f, ActivationFunctions.Tanh(Vector512.Create(-20f))[0]);
        Assert.AreEqual(1e-20f, ActivationFunctions.Tanh(Vector512.Create(1e-20f))[0]);
        Assert.IsTrue(float.IsNaN(ActivationFunctions.Sigmoid(Vector512.Create(float.NaN))[0]), "sigmoid(NaN) must be NaN");
        Assert.IsTrue(float.IsNaN(ActivationFunctions.Tanh(Vector512.Create(float.NaN))[0]), "tanh(NaN) must be NaN");
    }

    [TestMethod]
    public void TanhIsOdd()
    {
        var random = new Random(5);
        for (int i = 0; i < 10_000; i++)
        {
            float x = (float)(random.NextDouble() * 20 - 10);
            Assert.AreEqual(-ActivationFunctions.Tanh(Vector512.Create(x))[0], ActivationFunctions.Tanh(Vector512.Create(-x))[0], $"x = {x}");
        }
    }

    [TestMethod]
    public void SpanFormsEqualTheVectorFunctionAtEveryLengthAndOffset()
    {
        var random = new Random(6);
        for (int length = 0; length <= 3 * ActivationFunctions.Width + 1; length++)
        {
            for (int offset = 0; offset < 3; offset++)
            {
                var x = new float[offset + length + 2];
                for (int i = 0; i < x.Length; i++)
                {
                    x[i] = (float)(random.NextDouble() * 16 - 8);
                }

                var sigmoid = (float[])x.Clone();
                var tanh = (float[])x.Clone();
                ActivationFunctions.Sigmoid(sigmoid.AsSpan(offset, length), sigmoid.AsSpan(offset, length));
                ActivationFunctions.Tanh(x.AsSpan(offset, length), tanh.AsSpan(offset, length));
                for (int i = 0; i < x.Length; i++)
                {
                    bool inside = i >= offset && i < offset + length;
                    Assert.AreEqual(inside ? ActivationFunctions.Sigmoid(Vector512.Create(x[i]))[0] : x[i], sigmoid[i], $"sigmoid, length {length}, offset {offset}, element {i}");
                    Assert.AreEqual(inside ? ActivationFunctions.Tanh(Vector512.Create(x[i]))[0] : x[i], tanh[i], $"tanh, length {length}, offset {offset}, element {i}");
                }
            }
        }
    }

    /// <summary>The largest distance in units in the last place between f and the exact value, rounded to float, over [from, to].</summary>
    private static int WorstUlp(float from, float to, Func<Vector512<float>, Vector512<float>> f, Func<double, double> exact)
    {
        int worst = 0, width = ActivationFunctions.Width;
        var lanes = new float[width];
        const int Points = 2_000_000;
        for (int i = 0; i < Points; i += width)
        {
            for (int l = 0; l < width; l++)
            {
                lanes[l] = from + (to - from) * (i + l) / Points;
            }

            var y = f(Vector512.Create(lanes));
            for (int l = 0; l < width; l++)
            {
                float expected = (float)exact(lanes[l]);
                int distance = Math.Abs(BitConverter.SingleToInt32Bits(y[l]) - BitConverter.SingleToInt32Bits(expected));
                if (Math.Sign(y[l]) != Math.Sign(expected) && expected != 0)
                {
                    Assert.Fail($"sign of f({lanes[l]}) = {y[l]}, expected {expected}");
                }

                worst = Math.Max(worst, distance);
            }
        }

        return worst;
    }
}
