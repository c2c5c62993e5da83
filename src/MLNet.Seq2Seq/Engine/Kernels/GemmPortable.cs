using System.Numerics;
using System.Runtime.CompilerServices;

namespace MLNet.Seq2Seq.Engine.Kernels;

/// <summary>
/// The portable path of <see cref="Gemm"/> for machines without AVX2 + FMA: <see cref="Vector{T}"/> across columns of C,
/// one row at a time. Transposed B is first packed into a per-thread buffer [k, n] so columns are contiguous.
/// Every element is one chain over p = 0..k-1 of a rounded multiply followed by a rounded add, starting from zero.
/// </summary>
internal static unsafe class GemmPortable
{
    /// <summary>C[m, n] (+)= op(A) · op(B) on raw storage; arguments as in <see cref="Gemm.Multiply"/>, already validated, k &gt; 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(
        float* a, nint lda, bool transposeA,
        float* b, nint ldb, bool transposeB,
        float* c, nint ldc,
        int m, int n, int k, bool accumulate)
    {
        nint aRowStride = transposeA ? 1 : lda;
        nint aDepthStride = transposeA ? lda : 1;
        if (!transposeB)
        {
            MultiplyRows(a, aRowStride, aDepthStride, b, ldb, c, ldc, m, n, k, accumulate);
            return;
        }

        float[] scratch = GemmScratch.Rent(k * n);
        fixed (float* unaligned = scratch)
        {
            float* packed = GemmScratch.Align(unaligned);
            for (int p = 0; p < k; p++)
            {
                for (int j = 0; j < n; j++)
                {
                    packed[(p * n) + j] = b[(j * ldb) + p];
                }
            }

            MultiplyRows(a, aRowStride, aDepthStride, packed, n, c, ldc, m, n, k, accumulate);
        }
    }

    /// <summary>C (+)= op(A) · B with B stored [k, n], rows <paramref name="ldb"/> apart.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MultiplyRows(
        float* a, nint aRowStride, nint aDepthStride, float* b, nint ldb, float* c, nint ldc,
        int m, int n, int k, bool accumulate)
    {
        int lanes = Vector<float>.Count;
        for (int i = 0; i < m; i++)
        {
            float* aRow = a + (i * aRowStride);
            float* cRow = c + (i * ldc);
            int j = 0;
            for (; j + (4 * lanes) <= n; j += 4 * lanes)
            {
                Vector<float> s0 = Vector<float>.Zero, s1 = Vector<float>.Zero, s2 = Vector<float>.Zero, s3 = Vector<float>.Zero;
                float* bColumn = b + j;
                for (int p = 0; p < k; p++, bColumn += ldb)
                {
                    var av = new Vector<float>(aRow[p * aDepthStride]);
                    s0 += av * Vector.Load(bColumn);
                    s1 += av * Vector.Load(bColumn + lanes);
                    s2 += av * Vector.Load(bColumn + (2 * lanes));
                    s3 += av * Vector.Load(bColumn + (3 * lanes));
                }

                StoreVector(cRow + j, s0, accumulate);
                StoreVector(cRow + j + lanes, s1, accumulate);
                StoreVector(cRow + j + (2 * lanes), s2, accumulate);
                StoreVector(cRow + j + (3 * lanes), s3, accumulate);
            }

            for (; j + lanes <= n; j += lanes)
            {
                Vector<float> s = Vector<float>.Zero;
                float* bColumn = b + j;
                for (int p = 0; p < k; p++, bColumn += ldb)
                {
                    s += new Vector<float>(aRow[p * aDepthStride]) * Vector.Load(bColumn);
                }

                StoreVector(cRow + j, s, accumulate);
            }

            for (; j < n; j++)
            {
                float s = 0f;
                for (int p = 0; p < k; p++)
                {
                    s += aRow[p * aDepthStride] * b[(p * ldb) + j];
                }

                cRow[j] = accumulate ? cRow[j] + s : s;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreVector(float* c, Vector<float> sum, bool accumulate)
    {
        if (accumulate)
        {
            sum += Vector.Load(c);
        }

        sum.Store(c);
    }
}
