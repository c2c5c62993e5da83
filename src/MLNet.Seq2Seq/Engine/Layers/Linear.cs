using MLNet.Seq2Seq.Engine.Kernels;
using System.Numerics.Tensors;

namespace MLNet.Seq2Seq.Engine.Layers;

/// <summary>An affine map y = x·W + b with W [in, out] and b [out], over rows x [n, in].</summary>
internal static class Linear
{
    /// <summary>y [n, out] = x [n, in] · W + b; an empty <paramref name="bias"/> means no bias.</summary>
    public static void Forward(ReadOnlySpan<float> x, int rows, int inSize, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, int outSize, Span<float> y)
    {
        for (int i = 0; i < rows; i++)
        {
            if (bias.IsEmpty)
            {
                y.Slice(i * outSize, outSize).Clear();
            }
            else
            {
                bias.CopyTo(y.Slice(i * outSize, outSize));
            }
        }

        Gemm.Multiply(x, inSize, false, weight, outSize, false, y, outSize, rows, outSize, inSize, accumulate: true);
    }

    /// <summary>
    /// Given dy [n, out]: dx (+)= dy · Wᵀ when <paramref name="dx"/> is not empty; dW += xᵀ · dy; db += column sums of dy.
    /// </summary>
    public static void Backward(
        ReadOnlySpan<float> x, int rows, int inSize, ReadOnlySpan<float> weight, int outSize, ReadOnlySpan<float> dy,
        Span<float> dx, bool accumulateDx, Span<float> dWeight, Span<float> dBias)
    {
        if (!dx.IsEmpty)
        {
            Gemm.Multiply(dy, outSize, false, weight, outSize, true, dx, inSize, rows, inSize, outSize, accumulateDx);
        }

        Gemm.Multiply(x, inSize, true, dy, outSize, false, dWeight, outSize, inSize, outSize, rows, accumulate: true);
        if (!dBias.IsEmpty)
        {
            for (int i = 0; i < rows; i++)
            {
                TensorPrimitives.Add(dBias, dy.Slice(i * outSize, outSize), dBias);
            }
        }
    }
}
