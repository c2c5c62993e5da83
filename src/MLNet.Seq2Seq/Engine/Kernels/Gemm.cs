namespace MLNet.Seq2Seq.Engine.Kernels;

/// <summary>
/// Single-precision matrix multiply on row-major storage: C[m, n] (+)= op(A)[m, k] · op(B)[k, n].
/// The one seam a native BLAS or GPU backend would replace. Single-threaded: callers thread over the batch.
/// </summary>
/// <remarks>
/// <para>
/// Summation order: every element is computed as <c>s = 0; for p = 0 .. k-1: s = s + op(A)[i, p] · op(B)[p, j]</c>,
/// strictly in increasing p with a single accumulator, then <c>C[i, j] = s</c> or <c>C[i, j] = C[i, j] + s</c>.
/// On the AVX2 + FMA path each step is one fused multiply-add (<see cref="GemmAvx2"/>, which hands full 32-column
/// panels to <see cref="GemmAvx512"/> where AVX-512 exists, with bit-identical results); on the portable path
/// (<see cref="GemmPortable"/>) the product is rounded before the add. The order depends only on k, so the value of an
/// element does not depend on m, on how rows or columns are split across calls, on the blocking, or on alignment:
/// computing rows [0, 32) and [32, 64) in two calls is bit-identical to one call on [0, 64).
/// Compared with a naive loop the results differ by rounding only.
/// </para>
/// <para>k == 0 writes zeros when overwriting and leaves C unchanged when accumulating.</para>
/// </remarks>
internal static class Gemm
{
    /// <summary>
    /// Test-only switch: when true, calls on the current thread take the portable path even where AVX2 + FMA exist,
    /// so that path is exercised on every machine. Thread-static, so tests running in parallel do not interfere.
    /// </summary>
    [ThreadStatic]
    internal static bool ForcePortable;

    /// <summary>
    /// Test and benchmark switch: when true, calls on the current thread leave the AVX-512 kernels unused, so the AVX2
    /// kernels (the path of machines without AVX-512) compute every column. Thread-static like <see cref="ForcePortable"/>.
    /// </summary>
    [ThreadStatic]
    internal static bool DisableAvx512;

    /// <summary>Whether calls on the current thread use the AVX2 + FMA kernels.</summary>
    internal static bool UsesAvx2 => !ForcePortable && GemmAvx2.IsSupported;

    /// <summary>Whether calls on the current thread use the AVX-512 kernels for full 32-column panels.</summary>
    internal static bool UsesAvx512 => UsesAvx2 && !DisableAvx512 && GemmAvx512.IsSupported;

    /// <summary>Multiplies op(A) by op(B) into C, overwriting C or adding to it.</summary>
    /// <param name="a">A, row-major with leading dimension <paramref name="lda"/>; [m, k] or, transposed, [k, m].</param>
    /// <param name="lda">Distance between consecutive rows of A as stored.</param>
    /// <param name="transposeA">Whether A is stored as [k, m] and used transposed.</param>
    /// <param name="b">B, row-major with leading dimension <paramref name="ldb"/>; [k, n] or, transposed, [n, k].</param>
    /// <param name="ldb">Distance between consecutive rows of B as stored.</param>
    /// <param name="transposeB">Whether B is stored as [n, k] and used transposed.</param>
    /// <param name="c">C [m, n], leading dimension <paramref name="ldc"/>.</param>
    /// <param name="ldc">Distance between consecutive rows of C.</param>
    /// <param name="m">Rows of op(A) and C.</param>
    /// <param name="n">Columns of op(B) and C.</param>
    /// <param name="k">Columns of op(A), rows of op(B).</param>
    /// <param name="accumulate">True adds the product to C; false overwrites C.</param>
    public static unsafe void Multiply(
        ReadOnlySpan<float> a, int lda, bool transposeA,
        ReadOnlySpan<float> b, int ldb, bool transposeB,
        Span<float> c, int ldc,
        int m, int n, int k, bool accumulate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        RequireMatrix(a.Length, lda, transposeA ? k : m, transposeA ? m : k, nameof(a), nameof(lda));
        RequireMatrix(b.Length, ldb, transposeB ? n : k, transposeB ? k : n, nameof(b), nameof(ldb));
        RequireMatrix(c.Length, ldc, m, n, nameof(c), nameof(ldc));
        if (m == 0 || n == 0)
        {
            return;
        }

        if (k == 0)
        {
            if (!accumulate)
            {
                for (int i = 0; i < m; i++)
                {
                    c.Slice(i * ldc, n).Clear();
                }
            }

            return;
        }

        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            if (UsesAvx2)
            {
                GemmAvx2.Multiply(pa, lda, transposeA, pb, ldb, transposeB, pc, ldc, m, n, k, accumulate);
            }
            else
            {
                GemmPortable.Multiply(pa, lda, transposeA, pb, ldb, transposeB, pc, ldc, m, n, k, accumulate);
            }
        }
    }

    /// <summary>
    /// C[m, n] (+)= op(A) · B with B [k, n] not transposed, reading <paramref name="packedB"/>'s panels when they hold
    /// this B for the current thread's kernels (see <see cref="PackedMatrix.Pack"/>) and <paramref name="b"/> otherwise:
    /// the same values as <see cref="Multiply"/> without packing B again. A single row streams <paramref name="b"/> in
    /// place as there.
    /// </summary>
    public static unsafe void MultiplyPacked(
        ReadOnlySpan<float> a, int lda, bool transposeA,
        ReadOnlySpan<float> b, int ldb, PackedMatrix packedB,
        Span<float> c, int ldc,
        int m, int n, int k, bool accumulate)
    {
        if (m <= 1 || !packedB.Fits(k, n))
        {
            Multiply(a, lda, transposeA, b, ldb, false, c, ldc, m, n, k, accumulate);
            return;
        }

        RequireMatrix(a.Length, lda, transposeA ? k : m, transposeA ? m : k, nameof(a), nameof(lda));
        RequireMatrix(b.Length, ldb, k, n, nameof(b), nameof(ldb));
        RequireMatrix(c.Length, ldc, m, n, nameof(c), nameof(ldc));
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        fixed (float* unaligned = packedB.Panels)
        {
            float* panels = GemmScratch.Align(unaligned);
            GemmAvx2.Multiply(pa, lda, transposeA, pb, ldb, false, pc, ldc, m, n, k, accumulate, panels);
        }
    }

    /// <summary>Checks that a stored [rows, columns] matrix with the given leading dimension fits in its span.</summary>
    private static void RequireMatrix(int length, int leadingDimension, int rows, int columns, string matrix, string leadingName)
    {
        if (rows == 0 || columns == 0)
        {
            return;
        }

        if (leadingDimension < columns)
        {
            throw new ArgumentOutOfRangeException(
                leadingName, leadingDimension, $"Leading dimension of '{matrix}' must be at least its stored row width {columns}.");
        }

        long needed = ((long)(rows - 1) * leadingDimension) + columns;
        if (length < needed)
        {
            throw new ArgumentException(
                $"Span '{matrix}' holds {length} floats but a stored [{rows}, {columns}] matrix with leading dimension {leadingDimension} needs {needed}.",
                matrix);
        }
    }
}
