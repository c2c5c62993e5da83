namespace MLNet.Seq2Seq.Engine.Kernels;

/// <summary>
/// Per-thread packing buffer for <see cref="Gemm"/>: grown on demand, never shrunk, so steady-state calls allocate nothing.
/// Lives on the pinned object heap, so its address is stable without a fixed block.
/// </summary>
internal static class GemmScratch
{
    [ThreadStatic]
    private static float[]? buffer;

    /// <summary>Returns this thread's buffer with at least <paramref name="length"/> floats; contents are undefined.</summary>
    public static float[] Rent(int length)
    {
        float[]? current = buffer;
        if (current is null || current.Length < length)
        {
            int grown = Math.Max(length, current is null ? 4096 : current.Length * 2);
            current = GC.AllocateUninitializedArray<float>(grown, pinned: true);
            buffer = current;
        }

        return current;
    }
}
