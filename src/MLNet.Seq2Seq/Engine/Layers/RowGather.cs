using System.Buffers;

namespace MLNet.Seq2Seq.Engine.Layers;

/// <summary>Beam search's row reordering: [B, W] rows replaced in place by the rows their parents name.</summary>
internal static class RowGather
{
    /// <summary>Row r of <paramref name="rows"/> [B, W] becomes the old row <paramref name="parents"/>[r] (a parent may feed several rows).</summary>
    public static void Apply(Span<float> rows, ReadOnlySpan<int> parents, int width)
    {
        float[] scratch = ArrayPool<float>.Shared.Rent(rows.Length);
        rows.CopyTo(scratch);
        for (int r = 0; r < parents.Length; r++)
        {
            scratch.AsSpan(parents[r] * width, width).CopyTo(rows.Slice(r * width, width));
        }

        ArrayPool<float>.Shared.Return(scratch);
    }
}
