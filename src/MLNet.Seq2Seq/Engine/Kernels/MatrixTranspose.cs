namespace MLNet.Seq2Seq.Engine.Kernels;

/// <summary>
/// Out-of-place transpose of a row-major matrix: 8×8 blocks in registers on the AVX2 path (see
/// <see cref="GemmAvx2.Transpose8x8"/>), the edges and the portable path one element at a time. A copy: values are
/// not changed.
/// </summary>
internal static class MatrixTranspose
{
    /// <summary>
    /// dst[j, i] = src[i, j] for src [rows, columns] (rows <paramref name="ldSrc"/> apart) and dst [columns, rows]
    /// (rows <paramref name="ldDst"/> apart).
    /// </summary>
    public static unsafe void Transpose(ReadOnlySpan<float> src, int ldSrc, Span<float> dst, int ldDst, int rows, int columns)
    {
        if (rows == 0 || columns == 0)
        {
            return;
        }

        if ((long)(rows - 1) * ldSrc + columns > src.Length || (long)(columns - 1) * ldDst + rows > dst.Length)
        {
            throw new ArgumentException($"A [{rows}, {columns}] transpose does not fit its spans.");
        }

        int blockRows = Gemm.UsesAvx2 ? rows & ~7 : 0, blockColumns = Gemm.UsesAvx2 ? columns & ~7 : 0;
        fixed (float* s = src)
        fixed (float* d = dst)
        {
            for (int i = 0; i < blockRows; i += 8)
            {
                for (int j = 0; j < blockColumns; j += 8)
                {
                    GemmAvx2.Transpose8x8(s + ((nint)i * ldSrc) + j, ldSrc, d + ((nint)j * ldDst) + i, ldDst, 8);
                }

                ScalarBlock(s, ldSrc, d, ldDst, i, i + 8, blockColumns, columns);
            }

            ScalarBlock(s, ldSrc, d, ldDst, blockRows, rows, 0, columns);
        }
    }

    private static unsafe void ScalarBlock(float* s, nint ldSrc, float* d, nint ldDst, int rowStart, int rowEnd, int columnStart, int columnEnd)
    {
        for (int i = rowStart; i < rowEnd; i++)
        {
            for (int j = columnStart; j < columnEnd; j++)
            {
                d[(j * ldDst) + i] = s[(i * ldSrc) + j];
            }
        }
    }
}
