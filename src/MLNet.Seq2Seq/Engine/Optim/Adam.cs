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

    /// <summary>
    /// Applies one update, values -= lr · m̂ / (√v̂ + ε), its <see cref="ParameterBlocks"/> spread over threads: every
    /// parameter's arithmetic is the same whichever thread takes it. <paramref name="parallel"/> must not be
    /// cancellable: an update stopped halfway would leave the parameters and moments out of step.
    /// </summary>
    public void Update(float[] values, float[] gradients, ParallelOptions parallel)
    {
        var step = NextStep();
        ParameterBlocks.For(values.Length, parallel, (start, length) =>
            Apply(step, values.AsSpan(start, length), gradients.AsSpan(start, length), start));
    }

    /// <summary>Counts the update and returns its bias-corrected step size and ε.</summary>
    private (float StepSize, float ScaledEpsilon) NextStep()
    {
        Steps++;
        float correction1 = 1f - MathF.Pow(beta1, Steps);
        float correction2 = 1f - MathF.Pow(beta2, Steps);
        return (learningRate * MathF.Sqrt(correction2) / correction1, epsilon * MathF.Sqrt(correction2));
    }

    /// <summary>The update of parameters [offset, offset + values.Length).</summary>
    private void Apply((float StepSize, float ScaledEpsilon) step, Span<float> values, ReadOnlySpan<float> gradients, int offset)
    {
        var first = firstMoment.AsSpan(offset, values.Length);
        var second = secondMoment.AsSpan(offset, values.Length);
        float stepSize = step.StepSize, scaledEpsilon = step.ScaledEpsilon;
        // Whole vectors, then the tail one at a time. Every lane computes the same separately rounded multiplies, adds,
        // square root and division as the scalar loop (no fused multiply-add), so the result is bit-identical to it.
        var b1 = new Vector<float>(beta1);
        var b2 = new Vector<float>(beta2);
        var oneMinusB1 = new Vector<float>(1f - beta1);
        var oneMinusB2 = new Vector<float>(1f - beta2);
        var stepVector = new Vector<float>(stepSize);
        var eps = new Vector<float>(scaledEpsilon);
        int i = 0;
        for (; i <= values.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var g = new Vector<float>(gradients[i..]);
            var m = (b1 * new Vector<float>(first[i..])) + (oneMinusB1 * g);
            var v = (b2 * new Vector<float>(second[i..])) + (oneMinusB2 * g * g);
            m.CopyTo(first[i..]);
            v.CopyTo(second[i..]);
            (new Vector<float>(values[i..]) - (stepVector * m / (Vector.SquareRoot(v) + eps))).CopyTo(values[i..]);
        }

        for (; i < values.Length; i++)
        {
            float g = gradients[i];
            float m = first[i] = beta1 * first[i] + (1f - beta1) * g;
            float v = second[i] = beta2 * second[i] + (1f - beta2) * g * g;
            values[i] -= stepSize * m / (MathF.Sqrt(v) + scaledEpsilon);
        }
    }
}
