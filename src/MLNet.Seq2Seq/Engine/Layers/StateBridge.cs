using MLNet.Seq2Seq.Engine.Kernels;
using MLNet.Seq2Seq.Engine.Models;

namespace MLNet.Seq2Seq.Engine.Layers;

/// <summary>
/// A learned projection of a bidirectional encoder's concatenated [forward; backward] states [n, 2H] to the decoder's
/// width [n, H]: y = tanh(x·W + b) for hidden states (which stay in the LSTM's (−1, 1) range), y = x·W + b for cell
/// states (which are unbounded).
/// </summary>
internal sealed class StateBridge
{
    /// <summary>Registers W [In, Out] and b [Out] under <paramref name="name"/>.</summary>
    public StateBridge(ParameterSet parameters, string name, int inputSize, int outputSize, bool squashed)
    {
        InputSize = inputSize;
        OutputSize = outputSize;
        Squashed = squashed;
        Weight = parameters.Add(name + ".weight", inputSize, outputSize);
        Bias = parameters.Add(name + ".bias", outputSize);
    }

    /// <summary>In: the concatenated width.</summary>
    public int InputSize { get; }

    /// <summary>Out: the projected width.</summary>
    public int OutputSize { get; }

    /// <summary>Whether tanh follows the affine map.</summary>
    public bool Squashed { get; }

    /// <summary>W [In, Out].</summary>
    public Parameter Weight { get; }

    /// <summary>b [Out].</summary>
    public Parameter Bias { get; }

    /// <summary>Uniform(±1/√In) weights, zero bias.</summary>
    public void Initialize(float[] values, ulong seed)
    {
        float bound = 1f / MathF.Sqrt(InputSize);
        var w = Weight.Of(values);
        for (int i = 0; i < w.Length; i++)
        {
            w[i] = (2f * CounterRandom.Uniform(seed, (ulong)Weight.Offset, (ulong)i) - 1f) * bound;
        }

        Bias.Of(values).Clear();
    }

    /// <summary>y [n, Out] from x [n, In].</summary>
    public void Forward(float[] values, ReadOnlySpan<float> x, int rows, Span<float> y)
    {
        Linear.Forward(x, rows, InputSize, Weight.Of(values), Bias.Of(values), OutputSize, y);
        if (Squashed)
        {
            ActivationFunctions.Tanh(y[..(rows * OutputSize)], y[..(rows * OutputSize)]);
        }
    }

    /// <summary>
    /// Given the forward's x and y and dy [n, Out] (turned into the pre-activation gradient in place): dx [n, In]
    /// overwritten or, with <paramref name="accumulateDx"/>, added to; parameter gradients added into <paramref name="gradients"/>.
    /// </summary>
    public void Backward(float[] values, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> dy, int rows,
        Span<float> dx, bool accumulateDx, float[] gradients)
    {
        int length = rows * OutputSize;
        if (Squashed)
        {
            for (int i = 0; i < length; i++)
            {
                dy[i] *= 1f - y[i] * y[i];
            }
        }

        Linear.Backward(x, rows, InputSize, Weight.Of(values), OutputSize, dy[..length], dx, accumulateDx,
            Weight.Of(gradients), Bias.Of(gradients));
    }
}
