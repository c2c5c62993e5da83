using System.Numerics.Tensors;

namespace MLNet.Seq2Seq.Engine.Layers;

/// <summary>Softmax over each row of logits with cross-entropy against a target key; masked rows add no loss and no gradient.</summary>
internal static class SoftmaxCrossEntropy
{
    /// <summary>
    /// For each row of logits [rows, classes] whose <paramref name="active"/> flag is set: adds -log p[target] to the
    /// returned loss and writes dLogits = (softmax - onehot(target)) · <paramref name="gradientScale"/>.
    /// Inactive rows get dLogits = 0. Logits are left untouched.
    /// </summary>
    public static double ForwardBackward(
        ReadOnlySpan<float> logits, int rows, int classes, ReadOnlySpan<int> targets, ReadOnlySpan<bool> active,
        float gradientScale, Span<float> dLogits)
    {
        double loss = 0;
        for (int r = 0; r < rows; r++)
        {
            var z = logits.Slice(r * classes, classes);
            var d = dLogits.Slice(r * classes, classes);
            if (!active[r])
            {
                d.Clear();
                continue;
            }

            float max = TensorPrimitives.Max(z);
            TensorPrimitives.Subtract(z, max, d);
            TensorPrimitives.Exp(d, d);
            float sum = TensorPrimitives.Sum(d);
            int t = targets[r];
            loss += Math.Log(sum) - (z[t] - max);
            TensorPrimitives.Multiply(d, gradientScale / sum, d);
            d[t] -= gradientScale;
        }

        return loss;
    }

    /// <summary>The index of the largest logit in a row, and its softmax probability.</summary>
    public static (int Index, float Probability) ArgMax(ReadOnlySpan<float> row)
    {
        int best = TensorPrimitives.IndexOfMax(row);
        float max = row[best];
        double sum = 0;
        foreach (float v in row)
        {
            sum += Math.Exp(v - max);
        }

        return (best, (float)(1.0 / sum));
    }
}
