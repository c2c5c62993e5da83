namespace MLNet.Seq2Seq.Engine.Kernels;

/// <summary>
/// A right-hand matrix B [k, n] packed once into the column panels that <see cref="Gemm.MultiplyPacked"/> reads, for a B that
/// several products share (a recurrent weight used at every step of a chunk): products that pass it skip their own
/// packing, with bit-identical results. The buffer grows and is reused; it lives on the pinned object heap.
/// </summary>
internal sealed class PackedMatrix
{
    private float[] panels = [];

    /// <summary>Rows of B as packed (0 when nothing is packed).</summary>
    public int Depth { get; private set; }

    /// <summary>Columns of B as packed.</summary>
    public int Columns { get; private set; }

    /// <summary>Whether the panels are laid out for the AVX-512 kernels (32-column panels first).</summary>
    public bool Avx512Layout { get; private set; }

    /// <summary>The packed panels (see <see cref="GemmAvx2.Pack"/>).</summary>
    internal float[] Panels => panels;

    /// <summary>Whether a product of <paramref name="k"/> × <paramref name="n"/> on the current thread can read these panels.</summary>
    internal bool Fits(int k, int n) => Depth == k && Columns == n && k > 0 && Gemm.UsesAvx2 && Avx512Layout == Gemm.UsesAvx512;

    /// <summary>Forgets the packed panels, so that products read their B in place until the next <see cref="Pack"/>.</summary>
    public void Clear() => Depth = 0;

    /// <summary>Packs B [k, n] (rows <paramref name="ldb"/> apart) for the current thread's kernels; without AVX2 it packs nothing.</summary>
    public unsafe void Pack(ReadOnlySpan<float> b, int ldb, int k, int n)
    {
        Depth = 0;
        if (!Gemm.UsesAvx2 || k == 0 || n == 0)
        {
            return;
        }

        if ((long)(k - 1) * ldb + n > b.Length || ldb < n)
        {
            throw new ArgumentException($"A [{k}, {n}] matrix with leading dimension {ldb} does not fit in {b.Length} floats.", nameof(b));
        }

        // Read from their first 64-byte boundary (GemmScratch.Align), as Gemm.MultiplyPacked reads them.
        int length = GemmAvx2.PackedLength(k, n) + GemmScratch.AlignmentSlack;
        if (panels.Length < length)
        {
            panels = GC.AllocateUninitializedArray<float>(length, pinned: true);
        }

        Avx512Layout = Gemm.UsesAvx512;
        fixed (float* source = b)
        fixed (float* target = panels)
        {
            GemmAvx2.Pack(source, ldb, k, n, Avx512Layout, GemmScratch.Align(target));
        }

        Depth = k;
        Columns = n;
    }
}
