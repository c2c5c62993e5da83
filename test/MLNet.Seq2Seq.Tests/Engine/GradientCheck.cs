using MLNet.Seq2Seq.Engine.Kernels;
using MLNet.Seq2Seq.Engine.Layers;

namespace MLNet.Seq2Seq.Tests.Engine;

/// <summary>Central finite differences against analytic gradients, in float32.</summary>
internal static class GradientCheck
{
    /// <summary>
    /// Perturbs up to <paramref name="samples"/> coordinates of <paramref name="values"/> (chosen with a fixed seed)
    /// and compares (L(x+h) - L(x-h)) / 2h with <paramref name="analytic"/>. Fails when the relative error of the
    /// compared vectors, ‖num − ana‖ / (‖num‖ + ‖ana‖), is at or above <paramref name="tolerance"/>, or when the
    /// gradient is all zeros (a check that compares nothing proves nothing).
    /// </summary>
    public static void Assert(string what, float[] values, float[] analytic, Func<double> loss, int samples = 60,
        float step = 1e-2f, double tolerance = 2e-2)
    {
        int count = Math.Min(samples, values.Length);
        double diff = 0, numNorm = 0, anaNorm = 0;
        for (int s = 0; s < count; s++)
        {
            int i = count == values.Length ? s : (int)(CounterRandom.Bits(17, (ulong)s) % (ulong)values.Length);
            float saved = values[i];
            values[i] = saved + step;
            double plus = loss();
            values[i] = saved - step;
            double minus = loss();
            values[i] = saved;
            double numeric = (plus - minus) / (2 * step);
            diff += (numeric - analytic[i]) * (numeric - analytic[i]);
            numNorm += numeric * numeric;
            anaNorm += (double)analytic[i] * analytic[i];
        }

        Microsoft.VisualStudio.TestTools.UnitTesting.Assert.IsGreaterThan(1e-8, anaNorm, $"{what}: the analytic gradient is zero at every sampled coordinate.");
        double relative = Math.Sqrt(diff) / (Math.Sqrt(numNorm) + Math.Sqrt(anaNorm));
        Microsoft.VisualStudio.TestTools.UnitTesting.Assert.IsLessThan(tolerance, relative, $"{what}: relative error {relative:E2}.");
    }

    /// <summary>Deterministic values in [-scale, scale).</summary>
    public static float[] Random(int length, ulong seed, float scale = 1f)
    {
        var result = new float[length];
        for (int i = 0; i < length; i++)
        {
            result[i] = (2 * CounterRandom.Uniform(seed, (ulong)i) - 1) * scale;
        }

        return result;
    }

    /// <summary>
    /// A recurrent layer's test loss: Σ_t h_t · w_t over its stored outputs, with <paramref name="stepWeights"/>
    /// [T, B, H], plus Σ_r h_T · <paramref name="finalHidden"/> [B, H] and, for a cell that has one,
    /// c_T · <paramref name="finalCell"/> (empty for none), so every gradient path of the layer is exercised.
    /// </summary>
    public static double RecurrentLoss(IRecurrentActivations a, int steps, float[] stepWeights, float[] finalHidden, float[] finalCell)
    {
        double loss = 0;
        for (int t = 0; t < steps; t++)
        {
            var h = a.HiddenAfter(t);
            loss += Dot(h, stepWeights.AsSpan(t * h.Length, h.Length));
        }

        loss += Dot(a.HiddenAfter(steps - 1), finalHidden);
        return finalCell.Length == 0 ? loss : loss + Dot(a.CellAfter(steps - 1), finalCell);
    }

    private static double Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += x[i] * y[i];
        }

        return sum;
    }
}
