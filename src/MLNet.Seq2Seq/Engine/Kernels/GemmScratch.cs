namespace MLNet.Seq2Seq.Engine.Kernels;

/// <summary>
/// Per-thread packing buffer for <see cref="Gemm"/>: grown on demand, never shrunk, so steady-state calls allocate nothing.
/// Lives on the pinned object heap, so its address is stable without a fixed block.
/// </summary>
internal static class GemmScratch
{
    /// <summary>Floats of slack in every pinned buffer of the kernels, to start it at a 64-byte boundary.</summary>
    public const int AlignmentSlack = 16;

    /// <summary>
    /// The first 64-byte boundary at or after <paramref name="pointer"/> (null stays null): a pinned float[]'s elements
    /// start 16 bytes into a cache line, so 512-bit loads of panels from the array's start would each straddle two lines.
    /// </summary>
    public static unsafe float* Align(float* pointer) => (float*)(((nint)pointer + 63) & ~(nint)63);

    [ThreadStatic]
    private static float[]? buffer;

    /// <summary>Returns this thread's buffer with at least <paramref name="length"/> floats; contents are undefined.</summary>
    public static float[] Rent(int length)
    {
        // AlignmentSlack more than asked for, so that the buffer holds length floats from its first 64-byte boundary.
        length += AlignmentSlack;
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
