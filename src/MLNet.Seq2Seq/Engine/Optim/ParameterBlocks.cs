namespace MLNet.Seq2Seq.Engine.Optim;

/// <summary>
/// Elementwise work over a flat parameter array in fixed blocks spread over threads. Each element's arithmetic is the
/// same whichever thread takes its block, so the results do not depend on the thread count.
/// </summary>
internal static class ParameterBlocks
{
    /// <summary>Floats per block (256 KiB): a multiple of every vector width, and enough work to dwarf its scheduling.</summary>
    public const int Length = 1 << 16;

    /// <summary>Calls <paramref name="body"/>(start, length) once for every block of [0, <paramref name="count"/>).</summary>
    public static void For(int count, ParallelOptions parallel, Action<int, int> body)
    {
        int blocks = (count + Length - 1) / Length;
        if (blocks <= 1)
        {
            body(0, count);
            return;
        }

        Parallel.For(0, blocks, parallel, b =>
        {
            int start = b * Length;
            body(start, Math.Min(Length, count - start));
        });
    }
}
