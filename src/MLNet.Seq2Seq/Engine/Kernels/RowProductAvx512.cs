using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MLNet.Seq2Seq.Engine.Kernels;

/// <summary>
/// c[1, n] (+)= a[1, k] · B[k, n] on AVX-512 for a single row of C (batch-1 inference: the LSTM's [x; h] · W, the output
/// layer), every column's sum in a register while the rows of B stream past, so no sum is loaded or stored inside the
/// loop over p. Each sum is the same FMA chain over p = 0..k-1 from zero as in every other kernel, then written or added
/// to C, so the results are bit-identical to theirs.
/// </summary>
/// <remarks>
/// Managed arrays start 16 bytes into a 64-byte line, and a weight is a slice at any offset of the parameter array, so a
/// 512-bit load at column 0 of a row would straddle two lines (about 1.8x slower from L2). When every row has the same
/// offset in its line (ldb a multiple of 16), the vectors are taken at the line boundaries instead: the first vector
/// starts up to 15 lanes before column 0 and the last one may end past column n - 1, and their lanes outside the row
/// are masked off (masked loads and stores neither read nor write them, nor fault). A row of n columns is then
/// ceil((n + offset) / 16) vectors, computed in passes of at most 16 vectors (registers: 16 sums, the broadcast of
/// a[p], loads), balanced so that no pass is a short one, as a pass of one or two vectors would wait on FMA latency.
/// </remarks>
internal static unsafe class RowProductAvx512
{
    /// <summary>Floats in one AVX-512 register.</summary>
    private const int Lanes = 16;

    /// <summary>Most vectors of sums one pass keeps in registers.</summary>
    private const int MaxVectors = 16;

    /// <summary>
    /// c[1, n] (+)= a[1, k] · B[k, n] (callers check <see cref="Gemm.UsesAvx512"/>), B not transposed (rows <paramref name="ldb"/> apart), a[p] at
    /// a + p · <paramref name="aDepthStride"/>; n and k positive. A non-null <paramref name="initial"/> [n] holds the
    /// sums to continue from instead of zero: the chain of an earlier product over rows before these (see
    /// <see cref="RowProduct.ContinueAndAdd"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(float* a, nint aDepthStride, float* b, nint ldb, int k, float* c, int n, bool accumulate, float* initial = null)
    {
        // Lanes of the first vector before column 0: B's offset in its line when every row shares it, else none (the
        // loads then straddle lines but stay correct).
        int offset = (ldb & (Lanes - 1)) == 0 && ((nint)b & 3) == 0 ? (int)(((nint)b & 63) >> 2) : 0;
        int lanes = n + offset;
        int vectors = (lanes + Lanes - 1) / Lanes;
        int passes = (vectors + MaxVectors - 1) / MaxVectors;
        int lastLanes = lanes - ((vectors - 1) * Lanes);
        float* b0 = b - offset;
        float* c0 = c - offset;
        float* initial0 = initial is null ? null : initial - offset;
        int done = 0;
        for (int pass = 0; pass < passes; pass++)
        {
            int count = (vectors - done) / (passes - pass);
            int from = pass == 0 ? offset : 0;
            int to = done + count == vectors ? lastLanes : Lanes;
            float* start = initial0 is null ? null : initial0 + ((nint)done * Lanes);
            Pass(count, a, aDepthStride, b0 + ((nint)done * Lanes), ldb, k, c0 + ((nint)done * Lanes), start, from, to, accumulate);
            done += count;
        }
    }

    /// <summary>One pass of <paramref name="count"/> vectors (1 to 16): the generic kernel for that count.</summary>
    private static void Pass(int count, float* a, nint aDepthStride, float* b, nint ldb, int k, float* c, float* initial, int from, int to, bool accumulate)
    {
        switch (count)
        {

            case 16: Pass<GemmBlock16>(a, aDepthStride, b, ldb, k, c, initial, from, to, accumulate); break;
            case 15: Pass<GemmBlock15>(a, aDepthStride, b, ldb, k, c, initial, from, to, accumulate); break;
            case 14: Pass<GemmBlock14>(a, aDepthStride, b, ldb, k, c, initial, from, to, accumulate); break;
            case 13: Pass<GemmBlock13>(a, aDepthStride, b, ldb, k, c, initial, from, to, accumulate); break;
            case 12: Pass<GemmBlock12>(a, aDepthStride, b, ldb, k, c, initial, from, to, accumulate); break;
            case 11: Pass<GemmBlock11>(a, aDepthStride, b, ldb, k, c, initial, from, to, accumulate); break;
            case 10: Pass<GemmBlock10>(a, aDepthStride, b, ldb, k, c, initial, from, to, accumulate); break;
            case 9: Pass<GemmBlock9>(a, aDepthStride, b, ldb, k, c, initial, from, to, accumulate); break;
            case 8: Pass<GemmBlock8>(a, aDepthStride, b, ldb, k, c, initial, from, to, accumulate); break;
            case 7: Pass<GemmBlock7>(a, aDepthStride, b, ldb, k, c, initial, from, to, accumulate); break;
            case 6: Pass<GemmBlock6>(a, aDepthStride, b, ldb, k, c, initial, from, to, accumulate); break;
            case 5: Pass<GemmBlock5>(a, aDepthStride, b, ldb, k, c, initial, from, to, accumulate); break;
            case 4: Pass<GemmBlock4>(a, aDepthStride, b, ldb, k, c, initial, from, to, accumulate); break;
            case 3: Pass<GemmBlock3>(a, aDepthStride, b, ldb, k, c, initial, from, to, accumulate); break;
            case 2: Pass<GemmBlock2>(a, aDepthStride, b, ldb, k, c, initial, from, to, accumulate); break;
            default: Pass<GemmBlock1>(a, aDepthStride, b, ldb, k, c, initial, from, to, accumulate); break;
        }
    }

    /// <summary>
    /// TCount vectors of sums, vector v covering b[.., 16v .. 16v + 15] (b 64-byte aligned when the rows are): the first
    /// vector's lanes from <paramref name="from"/> on and the last vector's lanes below <paramref name="to"/> are
    /// read and written, all lanes of the others; the sums start at zero or, when <paramref name="initial"/> is not
    /// null, at its values (laid out like c).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Pass<TCount>(float* a, nint aDepthStride, float* b, nint ldb, int k, float* c, float* initial, int from, int to, bool accumulate)
        where TCount : struct, IGemmBlockSize
    {
        int count = TCount.Value;
        Vector512<int> lane = Vector512<int>.Indices;
        Vector512<float> lastMask = Vector512.LessThan(lane, Vector512.Create(to)).AsSingle();
        Vector512<float> firstMask = Vector512.GreaterThanOrEqual(lane, Vector512.Create(from)).AsSingle();
        if (count == 1)
        {
            firstMask &= lastMask;
        }

        Vector512<float> zero = Vector512<float>.Zero;

        Vector512<float> s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default, s6 = default, s7 = default;
        Vector512<float> s8 = default, s9 = default, s10 = default, s11 = default, s12 = default, s13 = default, s14 = default, s15 = default;
        if (initial is not null)
        {
            s0 = Avx512F.MaskLoad(initial, firstMask, zero);
            if (count > 1)
            {
                s1 = count == 2 ? Avx512F.MaskLoad(initial + (1 * Lanes), lastMask, zero) : Vector512.Load(initial + (1 * Lanes));
            }

            if (count > 2)
            {
                s2 = count == 3 ? Avx512F.MaskLoad(initial + (2 * Lanes), lastMask, zero) : Vector512.Load(initial + (2 * Lanes));
            }

            if (count > 3)
            {
                s3 = count == 4 ? Avx512F.MaskLoad(initial + (3 * Lanes), lastMask, zero) : Vector512.Load(initial + (3 * Lanes));
            }

            if (count > 4)
            {
                s4 = count == 5 ? Avx512F.MaskLoad(initial + (4 * Lanes), lastMask, zero) : Vector512.Load(initial + (4 * Lanes));
            }

            if (count > 5)
            {
                s5 = count == 6 ? Avx512F.MaskLoad(initial + (5 * Lanes), lastMask, zero) : Vector512.Load(initial + (5 * Lanes));
            }

            if (count > 6)
            {
                s6 = count == 7 ? Avx512F.MaskLoad(initial + (6 * Lanes), lastMask, zero) : Vector512.Load(initial + (6 * Lanes));
            }

            if (count > 7)
            {
                s7 = count == 8 ? Avx512F.MaskLoad(initial + (7 * Lanes), lastMask, zero) : Vector512.Load(initial + (7 * Lanes));
            }

            if (count > 8)
            {
                s8 = count == 9 ? Avx512F.MaskLoad(initial + (8 * Lanes), lastMask, zero) : Vector512.Load(initial + (8 * Lanes));
            }

            if (count > 9)
            {
                s9 = count == 10 ? Avx512F.MaskLoad(initial + (9 * Lanes), lastMask, zero) : Vector512.Load(initial + (9 * Lanes));
            }

            if (count > 10)
            {
                s10 = count == 11 ? Avx512F.MaskLoad(initial + (10 * Lanes), lastMask, zero) : Vector512.Load(initial + (10 * Lanes));
            }

            if (count > 11)
            {
                s11 = count == 12 ? Avx512F.MaskLoad(initial + (11 * Lanes), lastMask, zero) : Vector512.Load(initial + (11 * Lanes));
            }

            if (count > 12)
            {
                s12 = count == 13 ? Avx512F.MaskLoad(initial + (12 * Lanes), lastMask, zero) : Vector512.Load(initial + (12 * Lanes));
            }

            if (count > 13)
            {
                s13 = count == 14 ? Avx512F.MaskLoad(initial + (13 * Lanes), lastMask, zero) : Vector512.Load(initial + (13 * Lanes));
            }

            if (count > 14)
            {
                s14 = count == 15 ? Avx512F.MaskLoad(initial + (14 * Lanes), lastMask, zero) : Vector512.Load(initial + (14 * Lanes));
            }

            if (count > 15)
            {
                s15 = count == 16 ? Avx512F.MaskLoad(initial + (15 * Lanes), lastMask, zero) : Vector512.Load(initial + (15 * Lanes));
            }

        }

        float* row = b;
        float* ap = a;
        for (int p = 0; p < k; p++, row += ldb, ap += aDepthStride)
        {
            Vector512<float> av = Vector512.Create(*ap);
            s0 = Avx512F.FusedMultiplyAdd(av, Avx512F.MaskLoad(row, firstMask, zero), s0);
            if (count > 1)
            {
                s1 = Avx512F.FusedMultiplyAdd(count == 2 ? Avx512F.MaskLoad(row + (1 * Lanes), lastMask, zero) : Avx512F.LoadVector512(row + (1 * Lanes)), av, s1);
            }

            if (count > 2)
            {
                s2 = Avx512F.FusedMultiplyAdd(count == 3 ? Avx512F.MaskLoad(row + (2 * Lanes), lastMask, zero) : Avx512F.LoadVector512(row + (2 * Lanes)), av, s2);
            }

            if (count > 3)
            {
                s3 = Avx512F.FusedMultiplyAdd(count == 4 ? Avx512F.MaskLoad(row + (3 * Lanes), lastMask, zero) : Avx512F.LoadVector512(row + (3 * Lanes)), av, s3);
            }

            if (count > 4)
            {
                s4 = Avx512F.FusedMultiplyAdd(count == 5 ? Avx512F.MaskLoad(row + (4 * Lanes), lastMask, zero) : Avx512F.LoadVector512(row + (4 * Lanes)), av, s4);
            }

            if (count > 5)
            {
                s5 = Avx512F.FusedMultiplyAdd(count == 6 ? Avx512F.MaskLoad(row + (5 * Lanes), lastMask, zero) : Avx512F.LoadVector512(row + (5 * Lanes)), av, s5);
            }

            if (count > 6)
            {
                s6 = Avx512F.FusedMultiplyAdd(count == 7 ? Avx512F.MaskLoad(row + (6 * Lanes), lastMask, zero) : Avx512F.LoadVector512(row + (6 * Lanes)), av, s6);
            }

            if (count > 7)
            {
                s7 = Avx512F.FusedMultiplyAdd(count == 8 ? Avx512F.MaskLoad(row + (7 * Lanes), lastMask, zero) : Avx512F.LoadVector512(row + (7 * Lanes)), av, s7);
            }

            if (count > 8)
            {
                s8 = Avx512F.FusedMultiplyAdd(count == 9 ? Avx512F.MaskLoad(row + (8 * Lanes), lastMask, zero) : Avx512F.LoadVector512(row + (8 * Lanes)), av, s8);
            }

            if (count > 9)
            {
                s9 = Avx512F.FusedMultiplyAdd(count == 10 ? Avx512F.MaskLoad(row + (9 * Lanes), lastMask, zero) : Avx512F.LoadVector512(row + (9 * Lanes)), av, s9);
            }

            if (count > 10)
            {
                s10 = Avx512F.FusedMultiplyAdd(count == 11 ? Avx512F.MaskLoad(row + (10 * Lanes), lastMask, zero) : Avx512F.LoadVector512(row + (10 * Lanes)), av, s10);
            }

            if (count > 11)
            {
                s11 = Avx512F.FusedMultiplyAdd(count == 12 ? Avx512F.MaskLoad(row + (11 * Lanes), lastMask, zero) : Avx512F.LoadVector512(row + (11 * Lanes)), av, s11);
            }

            if (count > 12)
            {
                s12 = Avx512F.FusedMultiplyAdd(count == 13 ? Avx512F.MaskLoad(row + (12 * Lanes), lastMask, zero) : Avx512F.LoadVector512(row + (12 * Lanes)), av, s12);
            }

            if (count > 13)
            {
                s13 = Avx512F.FusedMultiplyAdd(count == 14 ? Avx512F.MaskLoad(row + (13 * Lanes), lastMask, zero) : Avx512F.LoadVector512(row + (13 * Lanes)), av, s13);
            }

            if (count > 14)
            {
                s14 = Avx512F.FusedMultiplyAdd(count == 15 ? Avx512F.MaskLoad(row + (14 * Lanes), lastMask, zero) : Avx512F.LoadVector512(row + (14 * Lanes)), av, s14);
            }

            if (count > 15)
            {
                s15 = Avx512F.FusedMultiplyAdd(count == 16 ? Avx512F.MaskLoad(row + (15 * Lanes), lastMask, zero) : Avx512F.LoadVector512(row + (15 * Lanes)), av, s15);
            }

        }

        Store(c, s0, firstMask, accumulate);
        if (count > 1)
        {
            Store(c + (1 * Lanes), s1, count == 2 ? lastMask : default, accumulate, masked: count == 2);
        }

        if (count > 2)
        {
            Store(c + (2 * Lanes), s2, count == 3 ? lastMask : default, accumulate, masked: count == 3);
        }

        if (count > 3)
        {
            Store(c + (3 * Lanes), s3, count == 4 ? lastMask : default, accumulate, masked: count == 4);
        }

        if (count > 4)
        {
            Store(c + (4 * Lanes), s4, count == 5 ? lastMask : default, accumulate, masked: count == 5);
        }

        if (count > 5)
        {
            Store(c + (5 * Lanes), s5, count == 6 ? lastMask : default, accumulate, masked: count == 6);
        }

        if (count > 6)
        {
            Store(c + (6 * Lanes), s6, count == 7 ? lastMask : default, accumulate, masked: count == 7);
        }

        if (count > 7)
        {
            Store(c + (7 * Lanes), s7, count == 8 ? lastMask : default, accumulate, masked: count == 8);
        }

        if (count > 8)
        {
            Store(c + (8 * Lanes), s8, count == 9 ? lastMask : default, accumulate, masked: count == 9);
        }

        if (count > 9)
        {
            Store(c + (9 * Lanes), s9, count == 10 ? lastMask : default, accumulate, masked: count == 10);
        }

        if (count > 10)
        {
            Store(c + (10 * Lanes), s10, count == 11 ? lastMask : default, accumulate, masked: count == 11);
        }

        if (count > 11)
        {
            Store(c + (11 * Lanes), s11, count == 12 ? lastMask : default, accumulate, masked: count == 12);
        }

        if (count > 12)
        {
            Store(c + (12 * Lanes), s12, count == 13 ? lastMask : default, accumulate, masked: count == 13);
        }

        if (count > 13)
        {
            Store(c + (13 * Lanes), s13, count == 14 ? lastMask : default, accumulate, masked: count == 14);
        }

        if (count > 14)
        {
            Store(c + (14 * Lanes), s14, count == 15 ? lastMask : default, accumulate, masked: count == 15);
        }

        if (count > 15)
        {
            Store(c + (15 * Lanes), s15, count == 16 ? lastMask : default, accumulate, masked: count == 16);
        }

    }

    /// <summary>Writes (or adds) the lanes of <paramref name="mask"/> of one vector of sums into C.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* c, Vector512<float> sums, Vector512<float> mask, bool accumulate)
    {
        if (accumulate)
        {
            sums = Avx512F.MaskLoad(c, mask, Vector512<float>.Zero) + sums;
        }

        Avx512F.MaskStore(c, mask, sums);
    }

    /// <summary>Writes (or adds) one vector of sums into C: all 16 lanes, or when <paramref name="masked"/> those of <paramref name="mask"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* c, Vector512<float> sums, Vector512<float> mask, bool accumulate, bool masked)
    {
        if (masked)
        {
            Store(c, sums, mask, accumulate);
            return;
        }

        if (accumulate)
        {
            sums = Vector512.Load(c) + sums;
        }

        sums.Store(c);
    }
}
