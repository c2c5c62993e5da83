using MLNet.Seq2Seq.Engine.Kernels;

namespace MLNet.Seq2Seq.Engine.Layers;

/// <summary>
/// Inverted dropout: each unit is zeroed with probability p and survivors are scaled by 1/(1-p), so inference needs
/// no rescaling. The mask is drawn from <see cref="CounterRandom"/> keyed by the caller's coordinates.
/// </summary>
internal static class Dropout
{
    /// <summary>Fills mask [n] with 0 or 1/(1-p) for the unit coordinates (key, i).</summary>
    public static void FillMask(ulong seed, ulong key, float p, Span<float> mask)
    {
        float keep = 1f / (1f - p);
        for (int i = 0; i < mask.Length; i++)
        {
            mask[i] = CounterRandom.Uniform(seed, key, (ulong)i) < p ? 0f : keep;
        }
    }

    /// <summary>
    /// Draws masks for one step of a chunk, row by row (keyed by each row's identity and <paramref name="coordinate"/>,
    /// so a row gets the same mask whatever chunk or thread it lands in), and writes the dropped input.
    /// </summary>
    public static void ForwardRows(ulong seed, float p, ReadOnlySpan<ulong> rowKeys, ulong coordinate,
        ReadOnlySpan<float> input, int width, Span<float> mask, Span<float> output)
    {
        for (int r = 0; r < rowKeys.Length; r++)
        {
            FillMask(seed, CounterRandom.Bits(rowKeys[r], coordinate), p, mask.Slice(r * width, width));
        }

        Apply(input, mask, output);
    }

    /// <summary>y = x ⊙ mask. Backward is the same product applied to the output gradient.</summary>
    public static void Apply(ReadOnlySpan<float> x, ReadOnlySpan<float> mask, Span<float> y) =>
        System.Numerics.Tensors.TensorPrimitives.Multiply(x, mask, y);
}
