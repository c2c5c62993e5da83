using System.Numerics;

namespace MLNet.Seq2Seq.Engine.Optim;

/// <summary>Adam (Kingma and Ba) with bias correction, over a flat parameter array.</summary>
internal sealed class Adam(int parameterCount, float learningRate, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f)
{
    private readonly float[] firstMoment = new float[parameterCount];
    private readonly float[] secondMoment = new float[parameterCount];

    /// <summary>Updates taken so far.</summary>
    public int Steps { get; private set; }

    /// <summary>First moment estimates, laid out like the parameters.</summary>
    public float[] FirstMoment => firstMoment;

    /// <summary>Second moment estimates, laid out like the parameters.</summary>
    public float[] SecondMoment => secondMoment;

    /// <summary>Restores the optimizer's state (for resuming from a checkpoint).</summary>
    public void Restore(int steps, ReadOnlySpan<float> first, ReadOnlySpan<float> second)
    {
        Steps = steps;
        first.CopyTo(firstMoment);
        second.CopyTo(secondMoment);
    }

    /// <summary>Applies one update: values -= lr · m̂ / (√v̂ + ε).</summary>
    public void Update(Span<float> values, ReadOnlySpan<float> gradients)
    {
        Steps++;
        float correction1 = 1f - MathF.Pow(beta1, Steps);
        float correction2 = 1f - MathF.Pow(beta2, Steps);
        float stepSize = learningRate * MathF.Sqrt(correction2) / correction1;
        float scaledEpsilon = epsilon * MathF.Sqrt(correction2);
        // Whole vectors, then the tail one at a time. Every lane computes the same separately rounded multiplies, adds,
        // square root and division as the scalar loop (no fused multiply-add), so the result is bit-identical to it.
        var b1 = new Vector<float>(beta1);
        var b2 = new Vector<float>(beta2);
        var oneMinusB1 = new Vector<float>(1f - beta1);
        var oneMinusB2 = new Vector<float>(1f - beta2);
        var step = new Vector<float>(stepSize);
        var eps = new Vector<float>(scaledEpsilon);
        int i = 0;
        for (; i <= values.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var g = new Vector<float>(gradients[i..]);
            var m = (b1 * new Vector<float>(firstMoment.AsSpan(i))) + (oneMinusB1 * g);
            var v = (b2 * new Vector<float>(secondMoment.AsSpan(i))) + (oneMinusB2 * g * g);
            m.CopyTo(firstMoment.AsSpan(i));
            v.CopyTo(secondMoment.AsSpan(i));
            (new Vector<float>(values[i..]) - (step * m / (Vector.SquareRoot(v) + eps))).CopyTo(values[i..]);
        }

        for (; i < values.Length; i++)
        {
            float g = gradients[i];
            float m = firstMoment[i] = beta1 * firstMoment[i] + (1f - beta1) * g;
            float v = secondMoment[i] = beta2 * secondMoment[i] + (1f - beta2) * g * g;
            values[i] -= stepSize * m / (MathF.Sqrt(v) + scaledEpsilon);
        }
    }
}
