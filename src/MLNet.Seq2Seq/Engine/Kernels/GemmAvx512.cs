using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MLNet.Seq2Seq.Engine.Kernels;

/// <summary>
/// The AVX-512 part of <see cref="GemmAvx2"/>: the full 32-column panels of C, 8 rows at a time with 16 accumulator
/// registers (AVX-512 has 32), packed like the AVX2 panels. The right-edge columns stay with the AVX2 kernels. Each
/// element is the same fused-multiply-add chain over p = 0..k-1, so results are bit-identical to the AVX2 kernels.
/// </summary>
internal static unsafe class GemmAvx512
{
    /// <summary>Rows of C computed by one micro-kernel call.</summary>
    private const int RowBlock = 8;

    /// <summary>Floats in one AVX-512 register.</summary>
    private const int Lanes = 16;

    /// <summary>Columns of one panel: two registers.</summary>
    private const int PanelWidth = 2 * Lanes;

    /// <summary>Whether this machine has the instructions the path needs.</summary>
    public static bool IsSupported => Avx512F.IsSupported && Fma.IsSupported;

    /// <summary>
    /// Computes the columns of C up to the last full 32-column panel and returns how many that is; arguments as in
    /// <see cref="GemmAvx2.Multiply"/>, with op(A)[i, p] at a + i * aRowStride + p * aDepthStride; a non-null
    /// <paramref name="prepacked"/> holds the panels already packed (<see cref="GemmAvx2.Pack"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int MultiplyFullPanels(
        float* a, nint aRowStride, nint aDepthStride, float* b, nint ldb, bool transposeB, float* c, nint ldc,
        int m, int n, int k, bool accumulate, float* prepacked)
    {
        int fullColumns = n - (n % PanelWidth);
        bool readBInPlace = !transposeB && m <= 2 * RowBlock;
        float[] scratch = GemmScratch.Rent(k * PanelWidth);
        fixed (float* unaligned = scratch)
        {
            float* packed = GemmScratch.Align(unaligned);
            for (int j = 0; j < fullColumns; j += PanelWidth)
            {
                float* panel = packed;
                nint panelStride = PanelWidth;
                if (prepacked is not null)
                {
                    panel = prepacked + ((nint)j * k);
                }
                else if (readBInPlace)
                {
                    panel = b + j;
                    panelStride = ldb;
                }
                else if (transposeB)
                {
                    GemmAvx2.PackTransposed(b + (j * ldb), ldb, k, PanelWidth, PanelWidth, packed);
                }
                else
                {
                    GemmAvx2.PackRows(b + j, ldb, k, PanelWidth, PanelWidth, packed);
                }

                int rows;
                for (int i = 0; i < m; i += rows)
                {
                    rows = RowsInBlock(m - i);
                    KernelForRows(rows, a + (i * aRowStride), aRowStride, aDepthStride, panel, panelStride, k, c + (i * ldc) + j, ldc, accumulate);
                }
            }
        }

        return fullColumns;
    }

    /// <summary>Rows for the next micro-kernel call: blocks of 8, a short tail balanced with the block before it.</summary>
    private static int RowsInBlock(int remaining) => remaining switch
    {
        <= RowBlock => remaining,
        < RowBlock + 4 => (remaining + 1) / 2,
        _ => RowBlock,
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void KernelForRows(
        int rows, float* a, nint aRowStride, nint aDepthStride, float* b, nint bDepthStride, int k, float* c, nint ldc, bool accumulate)
    {
        switch (rows)
        {
            case 8: Kernel<GemmBlock8>(a, aRowStride, aDepthStride, b, bDepthStride, k, c, ldc, accumulate); break;
            case 7: Kernel<GemmBlock7>(a, aRowStride, aDepthStride, b, bDepthStride, k, c, ldc, accumulate); break;
            case 6: Kernel<GemmBlock6>(a, aRowStride, aDepthStride, b, bDepthStride, k, c, ldc, accumulate); break;
            case 5: Kernel<GemmBlock5>(a, aRowStride, aDepthStride, b, bDepthStride, k, c, ldc, accumulate); break;
            case 4: Kernel<GemmBlock4>(a, aRowStride, aDepthStride, b, bDepthStride, k, c, ldc, accumulate); break;
            case 3: Kernel<GemmBlock3>(a, aRowStride, aDepthStride, b, bDepthStride, k, c, ldc, accumulate); break;
            case 2: Kernel<GemmBlock2>(a, aRowStride, aDepthStride, b, bDepthStride, k, c, ldc, accumulate); break;
            default: Kernel<GemmBlock1>(a, aRowStride, aDepthStride, b, bDepthStride, k, c, ldc, accumulate); break;
        }
    }

    /// <summary>C[TRows, 32] (+)= A[TRows, k] · B[k, 32]: two accumulator registers per row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel<TRows>(
        float* a, nint aRowStride, nint aDepthStride, float* b, nint bDepthStride, int k, float* c, nint ldc, bool accumulate)
        where TRows : struct, IGemmBlockSize
    {
        int rows = TRows.Value;
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        Vector512<float> c60 = default, c61 = default, c70 = default, c71 = default;
        float* a0 = a;
        float* a1 = a0 + aRowStride;
        float* a2 = a1 + aRowStride;
        float* a3 = a2 + aRowStride;
        float* a4 = a3 + aRowStride;
        float* a5 = a4 + aRowStride;
        float* a6 = a5 + aRowStride;
        float* a7 = a6 + aRowStride;
        nint depth = 0;
        for (int p = 0; p < k; p++)
        {
            Vector512<float> b0 = Vector512.Load(b);
            Vector512<float> b1 = Vector512.Load(b + Lanes);
            b += bDepthStride;

            Vector512<float> av = Vector512.Create(a0[depth]);
            c00 = Avx512F.FusedMultiplyAdd(av, b0, c00);
            c01 = Avx512F.FusedMultiplyAdd(av, b1, c01);

            if (rows > 1)
            {
                av = Vector512.Create(a1[depth]);
                c10 = Avx512F.FusedMultiplyAdd(av, b0, c10);
                c11 = Avx512F.FusedMultiplyAdd(av, b1, c11);
            }

            if (rows > 2)
            {
                av = Vector512.Create(a2[depth]);
                c20 = Avx512F.FusedMultiplyAdd(av, b0, c20);
                c21 = Avx512F.FusedMultiplyAdd(av, b1, c21);
            }

            if (rows > 3)
            {
                av = Vector512.Create(a3[depth]);
                c30 = Avx512F.FusedMultiplyAdd(av, b0, c30);
                c31 = Avx512F.FusedMultiplyAdd(av, b1, c31);
            }

            if (rows > 4)
            {
                av = Vector512.Create(a4[depth]);
                c40 = Avx512F.FusedMultiplyAdd(av, b0, c40);
                c41 = Avx512F.FusedMultiplyAdd(av, b1, c41);
            }

            if (rows > 5)
            {
                av = Vector512.Create(a5[depth]);
                c50 = Avx512F.FusedMultiplyAdd(av, b0, c50);
                c51 = Avx512F.FusedMultiplyAdd(av, b1, c51);
            }

            if (rows > 6)
            {
                av = Vector512.Create(a6[depth]);
                c60 = Avx512F.FusedMultiplyAdd(av, b0, c60);
                c61 = Avx512F.FusedMultiplyAdd(av, b1, c61);
            }

            if (rows > 7)
            {
                av = Vector512.Create(a7[depth]);
                c70 = Avx512F.FusedMultiplyAdd(av, b0, c70);
                c71 = Avx512F.FusedMultiplyAdd(av, b1, c71);
            }

            depth += aDepthStride;
        }

        StoreRow(c, c00, c01, accumulate);

        if (rows > 1)
        {
            StoreRow(c + (1 * ldc), c10, c11, accumulate);
        }

        if (rows > 2)
        {
            StoreRow(c + (2 * ldc), c20, c21, accumulate);
        }

        if (rows > 3)
        {
            StoreRow(c + (3 * ldc), c30, c31, accumulate);
        }

        if (rows > 4)
        {
            StoreRow(c + (4 * ldc), c40, c41, accumulate);
        }

        if (rows > 5)
        {
            StoreRow(c + (5 * ldc), c50, c51, accumulate);
        }

        if (rows > 6)
        {
            StoreRow(c + (6 * ldc), c60, c61, accumulate);
        }

        if (rows > 7)
        {
            StoreRow(c + (7 * ldc), c70, c71, accumulate);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(float* c, Vector512<float> low, Vector512<float> high, bool accumulate)
    {
        if (accumulate)
        {
            low += Vector512.Load(c);
            high += Vector512.Load(c + Lanes);
        }

        low.Store(c);
        high.Store(c + Lanes);
    }
}
