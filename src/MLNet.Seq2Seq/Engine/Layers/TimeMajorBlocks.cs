namespace MLNet.Seq2Seq.Engine.Layers;

/// <summary>
/// Copies between time-major blocks [T, B, stride] whose rows hold several fields side by side (e.g. the forward and
/// backward halves of a bidirectional layer's output), optionally reversing each batch row over its own length.
/// </summary>
internal static class TimeMajorBlocks
{
    /// <summary>dst[i, dstOffset ..+ width] = src[i, srcOffset ..+ width] for each of <paramref name="rows"/> rows.</summary>
    public static void Copy(ReadOnlySpan<float> src, int srcStride, int srcOffset,
        Span<float> dst, int dstStride, int dstOffset, int width, int rows)
    {
        for (int i = 0; i < rows; i++)
        {
            src.Slice(i * srcStride + srcOffset, width).CopyTo(dst.Slice(i * dstStride + dstOffset, width));
        }
    }

    /// <summary>
    /// For every batch row r and step t &lt; lengths[r]: dst[t, r] (+)= src[lengths[r] − 1 − t, r] (fields of
    /// <paramref name="width"/> at the given offsets). Steps at or past a row's length are cleared when overwriting and
    /// left alone when accumulating. Applied twice it gives back the real positions: the map is its own inverse.
    /// </summary>
    public static void Reverse(ReadOnlySpan<float> src, int srcStride, int srcOffset,
        Span<float> dst, int dstStride, int dstOffset, int width, int batch, int steps, ReadOnlySpan<int> lengths, bool accumulate)
    {
        for (int r = 0; r < batch; r++)
        {
            int length = lengths[r];
            for (int t = 0; t < steps; t++)
            {
                var to = dst.Slice((t * batch + r) * dstStride + dstOffset, width);
                if (t >= length)
                {
                    if (!accumulate)
                    {
                        to.Clear();
                    }

                    continue;
                }

                var from = src.Slice(((length - 1 - t) * batch + r) * srcStride + srcOffset, width);
                if (accumulate)
                {
                    System.Numerics.Tensors.TensorPrimitives.Add(to, from, to);
                }
                else
                {
                    from.CopyTo(to);
                }
            }
        }
    }
}
