using MLNet.Seq2Seq.Engine.Optim;

namespace MLNet.Seq2Seq.Tests.Engine.Optim;

/// <summary>Global-norm gradient clipping and Adam against values worked out by hand from their definitions.</summary>
[TestClass]
public sealed class OptimizerTests
{
    private static readonly ParallelOptions OneThread = new() { MaxDegreeOfParallelism = 1 };

    [TestMethod]
    public void ClippingScalesTheWholeGradientToTheLimitWhenItsNormIsAbove()
    {
        float[] gradients = [3f, 0f, -4f];

        float norm = GradientClipping.ClipByGlobalNorm(gradients, 1f);

        Assert.AreEqual(5f, norm, 1e-6f);
        CollectionAssert.AreEqual(new[] { 0.6f, 0f, -0.8f }, gradients, new Tolerance(1e-6f));
    }

    [TestMethod]
    public void ClippingTakesOneNormOverAllParametersNotOnePerElement()
    {
        // 20 ones (whole vectors and a tail): norm √20; with limit 2 every element becomes 2/√20, so the norm is 2.
        float[] gradients = [.. Enumerable.Repeat(1f, 20)];

        float norm = GradientClipping.ClipByGlobalNorm(gradients, 2f);

        Assert.AreEqual(MathF.Sqrt(20f), norm, 1e-5f);
        float expected = 2f / MathF.Sqrt(20f);
        Assert.IsTrue(gradients.All(g => Math.Abs(g - expected) < 1e-6f), string.Join(", ", gradients));
        Assert.AreEqual(2f, MathF.Sqrt(gradients.Sum(g => g * g)), 1e-5f);
    }

    [TestMethod]
    [DataRow(5f, DisplayName = "norm equal to the limit")]
    [DataRow(6f, DisplayName = "norm below the limit")]
    [DataRow(0f, DisplayName = "limit 0: clipping off")]
    public void ClippingLeavesTheGradientAloneAtOrBelowTheLimitOrWhenOff(float limit)
    {
        float[] gradients = [3f, 4f];

        Assert.AreEqual(5f, GradientClipping.ClipByGlobalNorm(gradients, limit), 1e-6f);
        CollectionAssert.AreEqual(new[] { 3f, 4f }, gradients);
    }

    [TestMethod]
    public void AdamTakesTheBiasCorrectedStepsOfItsDefinition()
    {
        // x = 1, lr 0.1, β1 0.9, β2 0.999, gradients 2, -1, 0.5. Step 1: m = 0.2, v = 0.004, m̂ = 2, v̂ = 4, so
        // x = 1 - 0.1·2/(2 + 1e-8) = 0.9. Step 2: m = 0.08, v = 0.004996, m̂ = 0.08/0.19, v̂ = 0.004996/0.001999,
        // x = 0.873366. Step 3: m = 0.122, v = 0.005241004, x = 0.839323. (In float 1 - 0.999 is 0.0010000467, so v is off by 1e-5 relative.)
        var adam = new Adam(1, learningRate: 0.1f);
        float[] x = [1f];
        float[] expected = [0.9f, 0.8733663f, 0.8393234f];
        float[] firstMoments = [0.2f, 0.08f, 0.122f];
        float[] secondMoments = [0.004f, 0.004996f, 0.005241004f];
        float[] gradients = [2f, -1f, 0.5f];
        for (int step = 0; step < 3; step++)
        {
            adam.Update(x, [gradients[step]], OneThread);
            Assert.AreEqual(expected[step], x[0], 2e-6f, $"step {step + 1}");
            Assert.AreEqual(firstMoments[step], adam.FirstMoment[0], 1e-7f, $"step {step + 1}");
            Assert.AreEqual(secondMoments[step], adam.SecondMoment[0], 2e-7f, $"step {step + 1}");
            Assert.AreEqual(step + 1, adam.Steps);
        }
    }

    [TestMethod]
    [DataRow(19, 1)]
    [DataRow((2 * ParameterBlocks.Length) + 37, 1)]
    [DataRow((2 * ParameterBlocks.Length) + 37, 3)]
    public void AdamUpdatesEveryElementAloneAsTheScalarRuleSays(int count, int threads)
    {
        // Whole vectors and a tail (19), or two whole parameter blocks and a ragged third taken by one or three threads,
        // with different gradients: each element follows the scalar rule in double.
        const double lr = 0.01, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8;
        var adam = new Adam(count, (float)lr);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads };
        var random = new Random(3);
        float[] values = [.. Enumerable.Range(0, count).Select(_ => (float)random.NextDouble())];
        double[] reference = [.. values.Select(v => (double)v)];
        double[] m = new double[count], v = new double[count];
        for (int step = 1; step <= 4; step++)
        {
            float[] gradients = [.. Enumerable.Range(0, count).Select(i => (float)((random.NextDouble() * 2) - 1) * (i + 1))];
            adam.Update(values, gradients, parallel);
            for (int i = 0; i < count; i++)
            {
                m[i] = (beta1 * m[i]) + ((1 - beta1) * gradients[i]);
                v[i] = (beta2 * v[i]) + ((1 - beta2) * gradients[i] * gradients[i]);
                double mHat = m[i] / (1 - Math.Pow(beta1, step)), vHat = v[i] / (1 - Math.Pow(beta2, step));
                reference[i] -= lr * mHat / (Math.Sqrt(vHat) + epsilon);
                Assert.AreEqual(reference[i], values[i], 1e-5, $"element {i}, step {step}");
            }
        }
    }

    private sealed class Tolerance(float tolerance) : System.Collections.IComparer
    {
        public int Compare(object? x, object? y) => Math.Abs((float)x! - (float)y!) <= tolerance ? 0 : 1;
    }

    [TestMethod]
    public void AdamGivesTheSameBitsAtEveryThreadCount()
    {
        // Two whole blocks and a tail that is not a whole vector, over three steps.
        int count = (2 * ParameterBlocks.Length) + 37;
        var random = new Random(4);
        float[] start = [.. Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() - 0.5))];
        float[][] steps = [.. Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray())];
        var single = new Adam(count, 0.01f);
        var several = new Adam(count, 0.01f);
        float[] singleValues = [.. start], severalValues = [.. start];
        foreach (var gradients in steps)
        {
            single.Update(singleValues, gradients, OneThread);
            several.Update(severalValues, gradients, new ParallelOptions { MaxDegreeOfParallelism = 3 });
        }

        Assert.AreEqual(single.Steps, several.Steps);
        CollectionAssert.AreEqual(singleValues, severalValues);
        CollectionAssert.AreEqual(single.FirstMoment, several.FirstMoment);
        CollectionAssert.AreEqual(single.SecondMoment, several.SecondMoment);
        CollectionAssert.AreNotEqual(start, severalValues);
    }
}
