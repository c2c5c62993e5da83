namespace MLNet.Seq2Seq.Engine.Kernels;

/// <summary>
/// Single-precision matrix multiply on row-major storage: C[m, n] (+)= op(A)[m, k] · op(B)[k, n].
/// The one seam a native BLAS or GPU backend would replace. Single-threaded: callers thread over the batch.
/// Results do not depend on how the caller splits work, because each output element sums over k in one fixed order.
/// </summary>
internal static class Gemm
{
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
    public static void Multiply(
        ReadOnlySpan<float> a, int lda, bool transposeA,
        ReadOnlySpan<float> b, int ldb, bool transposeB,
        Span<float> c, int ldc,
        int m, int n, int k, bool accumulate)
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                float sum = 0f;
                for (int p = 0; p < k; p++)
                {
                    float av = transposeA ? a[p * lda + i] : a[i * lda + p];
                    float bv = transposeB ? b[j * ldb + p] : b[p * ldb + j];
                    sum += av * bv;
                }

                c[i * ldc + j] = accumulate ? c[i * ldc + j] + sum : sum;
            }
        }
    }
}
