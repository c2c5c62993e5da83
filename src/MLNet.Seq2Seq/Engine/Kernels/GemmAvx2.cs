using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MLNet.Seq2Seq.Engine.Kernels;

/// <summary>
/// The AVX2 + FMA path of <see cref="Gemm"/>. op(B) is cut into column panels of 16 (or 8 at the right edge); a
/// register-blocked micro-kernel computes up to 6 rows by one panel of C with up to 12 accumulator registers,
/// broadcasting op(A) straight from its storage (either layout is a strided read, so A is not packed). When more than
/// two row blocks reuse a panel, or B is transposed, the panel is first packed, zero-padded, into a per-thread buffer
/// [k, panelWidth]; otherwise it is read in place. A single row (m = 1, B not transposed) streams B row by row instead.
/// Every element is one fused-multiply-add chain over p = 0..k-1 starting from zero, so the result depends neither on
/// the blocking nor on which kernel computed it.
/// </summary>
internal static unsafe class GemmAvx2
{
    /// <summary>Rows of C computed by one micro-kernel call.</summary>
    private const int RowBlock = 6;

    /// <summary>Floats in one AVX2 register.</summary>
    private const int Lanes = 8;

    /// <summary>Columns of the widest panel: two registers.</summary>
    private const int PanelWidth = 2 * Lanes;

    /// <summary>
    /// Rows of B that <see cref="Pack"/> copies into every panel before going on: 32 rows of a 32-column panel make one
    /// 4 KiB run of the copy, and each source row's page serves all the panels it holds while it is in the TLB.
    /// </summary>
    private const int PackRowBlock = 32;

    /// <summary>Size of a packed copy (in floats: 4 MiB) above which <see cref="Pack"/> writes it with streaming stores.</summary>
    private const int StreamingPackFloats = 1 << 20;

    /// <summary>Whether this machine has the instructions the path needs.</summary>
    public static bool IsSupported => Avx2.IsSupported && Fma.IsSupported;

    /// <summary>
    /// C[m, n] (+)= op(A) · op(B) on raw storage; arguments as in <see cref="Gemm.Multiply"/>, already validated, k &gt; 0.
    /// <paramref name="prepacked"/>, when not null, holds op(B) already in the panel layout of <see cref="Pack"/> (made
    /// on a thread with the same kernels), so no panel is packed here; the products are the same either way.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(
        float* a, nint lda, bool transposeA,
        float* b, nint ldb, bool transposeB,
        float* c, nint ldc,
        int m, int n, int k, bool accumulate, float* prepacked = null)
    {
        // op(A)[i, p] lives at a + i * aRowStride + p * aDepthStride.
        nint aRowStride = transposeA ? 1 : lda;
        nint aDepthStride = transposeA ? lda : 1;

        if (m == 1 && !transposeB)
        {
            // A matrix-vector product: with AVX-512 every sum stays in a register at 64-byte-aligned loads of B; without
            // it, B streams through a row of running sums.
            if (Gemm.UsesAvx512)
            {
                RowProductAvx512.Multiply(a, aDepthStride, b, ldb, k, c, n, accumulate);
            }
            else
            {
                RowStreaming(a, aDepthStride, b, ldb, k, c, n, accumulate);
            }

            return;
        }

        int firstColumn = Gemm.UsesAvx512
            ? GemmAvx512.MultiplyFullPanels(a, aRowStride, aDepthStride, b, ldb, transposeB, c, ldc, m, n, k, accumulate, prepacked)
            : 0;

        // With at most two row blocks each element of B is read at most twice, so a packing pass would not pay for itself.
        bool readBInPlace = !transposeB && m <= 2 * RowBlock;
        float[] scratch = GemmScratch.Rent(k * PanelWidth);
        fixed (float* unaligned = scratch)
        {
            float* packed = GemmScratch.Align(unaligned);
            int width;
            for (int j = firstColumn; j < n; j += width)
            {
                int columns = Math.Min(PanelWidth, n - j);
                width = columns > Lanes ? PanelWidth : Lanes;
                float* panel;
                nint panelStride;
                if (prepacked is not null)
                {
                    // Panels are stored one after another, [k, width] each, all 16 wide but possibly the last.
                    panel = prepacked + ((nint)j * k);
                    panelStride = width;
                }
                else if (readBInPlace && columns == width)
                {
                    panel = b + j;
                    panelStride = ldb;
                }
                else
                {
                    if (transposeB)
                    {
                        PackTransposed(b + (j * ldb), ldb, k, columns, width, packed);
                    }
                    else
                    {
                        PackRows(b + j, ldb, k, columns, width, packed);
                    }

                    panel = packed;
                    panelStride = width;
                }

                int rows;
                for (int i = 0; i < m; i += rows)
                {
                    rows = RowsInBlock(m - i);
                    float* aBlock = a + (i * aRowStride);
                    float* cBlock = c + (i * ldc) + j;
                    if (width == PanelWidth)
                    {
                        KernelForRows<GemmBlock2>(rows, aBlock, aRowStride, aDepthStride, panel, panelStride, k, cBlock, ldc, columns, accumulate);
                    }
                    else
                    {
                        KernelForRows<GemmBlock1>(rows, aBlock, aRowStride, aDepthStride, panel, panelStride, k, cBlock, ldc, columns, accumulate);
                    }
                }
            }
        }
    }

    /// <summary>Floats that <see cref="Pack"/> writes for a [k, n] matrix.</summary>
    public static int PackedLength(int k, int n) => k * (n + PanelWidth);

    /// <summary>
    /// Packs B [k, n] (rows <paramref name="ldb"/> apart, not transposed) into the panels <see cref="Multiply"/> reads:
    /// the full 32-column AVX-512 panels when <paramref name="avx512"/>, then 16-column panels (8 for a last narrow
    /// one), each [k, width], zero-padded, panel starting at column j stored at packed + j·k. <paramref name="packed"/>
    /// must be 32-byte aligned (a large copy is written with aligned streaming stores).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pack(float* b, nint ldb, int k, int n, bool avx512, float* packed)
    {
        // A copy too large for L2 goes to memory with streaming stores, which do not first read the lines they replace.
        bool streaming = (long)k * n > StreamingPackFloats;
        for (int p0 = 0; p0 < k; p0 += PackRowBlock)
        {
            int rows = Math.Min(PackRowBlock, k - p0);
            float* source = b + (p0 * ldb);
            int j = 0;
            if (avx512)
            {
                for (; j + (2 * PanelWidth) <= n; j += 2 * PanelWidth)
                {
                    PackRows(source + j, ldb, rows, 2 * PanelWidth, 2 * PanelWidth, packed + ((nint)j * k) + ((nint)p0 * 2 * PanelWidth), streaming);
                }
            }

            for (; j < n; j += PanelWidth)
            {
                int columns = Math.Min(PanelWidth, n - j);
                int width = columns > Lanes ? PanelWidth : Lanes;
                PackRows(source + j, ldb, rows, columns, width, packed + ((nint)j * k) + ((nint)p0 * width), streaming);
            }
        }

        if (streaming)
        {
            Sse.StoreFence();
        }
    }

    /// <summary>
    /// Rows for the next micro-kernel call given the rows left: blocks of 6, except that a short tail is balanced with
    /// the block before it (8 = 4 + 4, not 6 + 2), since a kernel of fewer than 4 rows cannot hide FMA latency.
    /// </summary>
    private static int RowsInBlock(int remaining) => remaining switch
    {
        <= RowBlock => remaining,
        < RowBlock + 4 => (remaining + 1) / 2,
        _ => RowBlock,
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void KernelForRows<TVectors>(
        int rows, float* a, nint aRowStride, nint aDepthStride, float* b, nint bDepthStride, int k,
        float* c, nint ldc, int columns, bool accumulate)
        where TVectors : struct, IGemmBlockSize
    {
        switch (rows)
        {
            case 6: Kernel<GemmBlock6, TVectors>(a, aRowStride, aDepthStride, b, bDepthStride, k, c, ldc, columns, accumulate); break;
            case 5: Kernel<GemmBlock5, TVectors>(a, aRowStride, aDepthStride, b, bDepthStride, k, c, ldc, columns, accumulate); break;
            case 4: Kernel<GemmBlock4, TVectors>(a, aRowStride, aDepthStride, b, bDepthStride, k, c, ldc, columns, accumulate); break;
            case 3: Kernel<GemmBlock3, TVectors>(a, aRowStride, aDepthStride, b, bDepthStride, k, c, ldc, columns, accumulate); break;
            case 2: Kernel<GemmBlock2, TVectors>(a, aRowStride, aDepthStride, b, bDepthStride, k, c, ldc, columns, accumulate); break;
            default: Kernel<GemmBlock1, TVectors>(a, aRowStride, aDepthStride, b, bDepthStride, k, c, ldc, columns, accumulate); break;
        }
    }

    /// <summary>
    /// C[TRows, columns] (+)= A[TRows, k] · B[k, 8 * TVectors]: one accumulator register per row and vector.
    /// B rows are <paramref name="bDepthStride"/> apart and hold at least 8 * TVectors readable floats.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel<TRows, TVectors>(
        float* a, nint aRowStride, nint aDepthStride, float* b, nint bDepthStride, int k,
        float* c, nint ldc, int columns, bool accumulate)
        where TRows : struct, IGemmBlockSize
        where TVectors : struct, IGemmBlockSize
    {
        int rows = TRows.Value;
        bool two = TVectors.Value == 2;
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        float* a0 = a;
        float* a1 = a0 + aRowStride;
        float* a2 = a1 + aRowStride;
        float* a3 = a2 + aRowStride;
        float* a4 = a3 + aRowStride;
        float* a5 = a4 + aRowStride;
        nint depth = 0;
        for (int p = 0; p < k; p++)
        {
            Vector256<float> b0 = Avx.LoadVector256(b);
            Vector256<float> b1 = two ? Avx.LoadVector256(b + Lanes) : default;
            b += bDepthStride;

            Vector256<float> av = Vector256.Create(a0[depth]);
            c00 = Fma.MultiplyAdd(av, b0, c00);
            if (two)
            {
                c01 = Fma.MultiplyAdd(av, b1, c01);
            }

            if (rows > 1)
            {
                av = Vector256.Create(a1[depth]);
                c10 = Fma.MultiplyAdd(av, b0, c10);
                if (two)
                {
                    c11 = Fma.MultiplyAdd(av, b1, c11);
                }
            }

            if (rows > 2)
            {
                av = Vector256.Create(a2[depth]);
                c20 = Fma.MultiplyAdd(av, b0, c20);
                if (two)
                {
                    c21 = Fma.MultiplyAdd(av, b1, c21);
                }
            }

            if (rows > 3)
            {
                av = Vector256.Create(a3[depth]);
                c30 = Fma.MultiplyAdd(av, b0, c30);
                if (two)
                {
                    c31 = Fma.MultiplyAdd(av, b1, c31);
                }
            }

            if (rows > 4)
            {
                av = Vector256.Create(a4[depth]);
                c40 = Fma.MultiplyAdd(av, b0, c40);
                if (two)
                {
                    c41 = Fma.MultiplyAdd(av, b1, c41);
                }
            }

            if (rows > 5)
            {
                av = Vector256.Create(a5[depth]);
                c50 = Fma.MultiplyAdd(av, b0, c50);
                if (two)
                {
                    c51 = Fma.MultiplyAdd(av, b1, c51);
                }
            }

            depth += aDepthStride;
        }

        StoreRow(c, c00, c01, two, columns, accumulate);
        if (rows > 1)
        {
            StoreRow(c + ldc, c10, c11, two, columns, accumulate);
        }

        if (rows > 2)
        {
            StoreRow(c + (2 * ldc), c20, c21, two, columns, accumulate);
        }

        if (rows > 3)
        {
            StoreRow(c + (3 * ldc), c30, c31, two, columns, accumulate);
        }

        if (rows > 4)
        {
            StoreRow(c + (4 * ldc), c40, c41, two, columns, accumulate);
        }

        if (rows > 5)
        {
            StoreRow(c + (5 * ldc), c50, c51, two, columns, accumulate);
        }
    }

    /// <summary>Writes (or adds) the first <paramref name="columns"/> lanes of one row of accumulators into C.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(float* c, Vector256<float> low, Vector256<float> high, bool two, int columns, bool accumulate)
    {
        if (columns == (two ? PanelWidth : Lanes))
        {
            if (accumulate)
            {
                low = Avx.Add(Avx.LoadVector256(c), low);
                if (two)
                {
                    high = Avx.Add(Avx.LoadVector256(c + Lanes), high);
                }
            }

            Avx.Store(c, low);
            if (two)
            {
                Avx.Store(c + Lanes, high);
            }

            return;
        }

        StorePartial(c, low, columns, accumulate);
        if (two)
        {
            StorePartial(c + Lanes, high, columns - Lanes, accumulate);
        }
    }

    /// <summary>
    /// Writes (or adds) the first <paramref name="columns"/> lanes (none when not positive) with masked loads and stores,
    /// which never touch memory past the edge of C.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StorePartial(float* c, Vector256<float> sums, int columns, bool accumulate)
    {
        Vector256<float> mask = Vector256.LessThan(Vector256<int>.Indices, Vector256.Create(columns)).AsSingle();
        if (accumulate)
        {
            sums = Avx.Add(Avx.MaskLoad(c, mask), sums);
        }

        Avx.MaskStore(c, mask, sums);
    }

    /// <summary>
    /// c[1, n] (+)= a[1, k] · B[k, n] for a single row of C (a matrix-vector product). B is streamed in place, four
    /// rows at a time, through a row of n running sums (L1-resident), so each sum is loaded and stored once per four
    /// FMAs and B is read contiguously: the speed is bounded by the cache level B comes from, as each of its elements
    /// is used once. The sums see the same FMA chain over p as in <see cref="Kernel"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RowStreaming(float* a, nint aDepthStride, float* b, nint ldb, int k, float* c, int n, bool accumulate)
    {
        int vectorColumns = n & ~(Lanes - 1);
        float[] scratch = GemmScratch.Rent(n);
        fixed (float* unaligned = scratch)
        {
            float* buffer = GemmScratch.Align(unaligned);
            // Overwriting C keeps the running sums in C itself; accumulating keeps them apart and adds them at the end.
            float* sums = accumulate ? buffer : c;
            new Span<float>(sums, n).Clear();
            int p = 0;
            for (; p + 4 <= k; p += 4)
            {
                float* b0 = b + (p * ldb);
                float* b1 = b0 + ldb;
                float* b2 = b1 + ldb;
                float* b3 = b2 + ldb;
                float a0 = a[p * aDepthStride];
                float a1 = a[(p + 1) * aDepthStride];
                float a2 = a[(p + 2) * aDepthStride];
                float a3 = a[(p + 3) * aDepthStride];
                Vector256<float> a0v = Vector256.Create(a0), a1v = Vector256.Create(a1), a2v = Vector256.Create(a2), a3v = Vector256.Create(a3);
                int j = 0;
                for (; j < vectorColumns; j += Lanes)
                {
                    Vector256<float> sum = Avx.LoadVector256(sums + j);
                    sum = Fma.MultiplyAdd(a0v, Avx.LoadVector256(b0 + j), sum);
                    sum = Fma.MultiplyAdd(a1v, Avx.LoadVector256(b1 + j), sum);
                    sum = Fma.MultiplyAdd(a2v, Avx.LoadVector256(b2 + j), sum);
                    sum = Fma.MultiplyAdd(a3v, Avx.LoadVector256(b3 + j), sum);
                    Avx.Store(sums + j, sum);
                }

                for (; j < n; j++)
                {
                    float sum = MathF.FusedMultiplyAdd(a0, b0[j], sums[j]);
                    sum = MathF.FusedMultiplyAdd(a1, b1[j], sum);
                    sum = MathF.FusedMultiplyAdd(a2, b2[j], sum);
                    sums[j] = MathF.FusedMultiplyAdd(a3, b3[j], sum);
                }
            }

            for (; p < k; p++)
            {
                float* bRow = b + (p * ldb);
                float ap = a[p * aDepthStride];
                Vector256<float> apv = Vector256.Create(ap);
                int j = 0;
                for (; j < vectorColumns; j += Lanes)
                {
                    Avx.Store(sums + j, Fma.MultiplyAdd(apv, Avx.LoadVector256(bRow + j), Avx.LoadVector256(sums + j)));
                }

                for (; j < n; j++)
                {
                    sums[j] = MathF.FusedMultiplyAdd(ap, bRow[j], sums[j]);
                }
            }

            if (accumulate)
            {
                int j = 0;
                for (; j < vectorColumns; j += Lanes)
                {
                    Avx.Store(c + j, Avx.Add(Avx.LoadVector256(c + j), Avx.LoadVector256(sums + j)));
                }

                for (; j < n; j++)
                {
                    c[j] += sums[j];
                }
            }
        }
    }

    /// <summary>
    /// Packs B[k, columns] (rows <paramref name="ldb"/> apart) into packed[k, width], width a multiple of 8,
    /// zero-filling columns past the edge; <paramref name="streaming"/> writes it with non-temporal stores (packed must
    /// then be 32-byte aligned).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void PackRows(float* b, nint ldb, int k, int columns, int width, float* packed, bool streaming = false)
    {
        int fullGroups = Math.Min(columns, width) / Lanes;

        // Masked loads read only the columns inside B and give zeros for the rest.
        Vector256<float> edgeMask = Vector256.LessThan(Vector256<int>.Indices, Vector256.Create(columns - (fullGroups * Lanes))).AsSingle();
        for (int p = 0; p < k; p++, b += ldb, packed += width)
        {
            int group = 0;
            for (; group < fullGroups * Lanes; group += Lanes)
            {
                Store(packed + group, Avx.LoadVector256(b + group), streaming);
            }

            if (group < width)
            {
                Store(packed + group, Avx.MaskLoad(b + group, edgeMask), streaming);
                group += Lanes;
            }

            for (; group < width; group += Lanes)
            {
                Store(packed + group, Vector256<float>.Zero, streaming);
            }
        }
    }

    /// <summary>Stores 8 floats, with a non-temporal store when <paramref name="streaming"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* target, Vector256<float> value, bool streaming)
    {
        if (streaming)
        {
            Avx.StoreAlignedNonTemporal(target, value);
        }
        else
        {
            Avx.Store(target, value);
        }
    }

    /// <summary>
    /// Packs op(B) = Bᵀ for B stored [columns, k] (rows <paramref name="ldb"/> apart) into packed[k, width], zero-filling
    /// columns past the edge; width is a multiple of 8. Full groups of 8 columns are transposed 8×8 in registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void PackTransposed(float* b, nint ldb, int k, int columns, int width, float* packed)
    {
        for (int group = 0; group < width; group += Lanes)
        {
            int groupColumns = Math.Min(Lanes, columns - group);
            float* source = b + (group * ldb);
            float* target = packed + group;
            if (groupColumns < Lanes)
            {
                PackTransposedScalar(source, ldb, k, groupColumns, target, width);
                continue;
            }

            int p = 0;
            for (; p + Lanes <= k; p += Lanes)
            {
                Transpose8x8(source + p, ldb, target + (p * width), width, Lanes);
            }

            if (p < k)
            {
                Transpose8x8(source + p, ldb, target + (p * width), width, k - p);
            }
        }
    }

    /// <summary>Packs a group of fewer than 8 columns of op(B) = Bᵀ one element at a time, zero-filling the rest of the group.</summary>
    private static void PackTransposedScalar(float* source, nint ldb, int k, int groupColumns, float* target, nint width)
    {
        for (int p = 0; p < k; p++)
        {
            int j = 0;
            for (; j < groupColumns; j++)
            {
                target[(p * width) + j] = source[(j * ldb) + p];
            }

            for (; j < Lanes; j++)
            {
                target[(p * width) + j] = 0f;
            }
        }
    }

    /// <summary>
    /// Writes the transpose of the 8×<paramref name="depth"/> block at <paramref name="source"/> (8 rows, the first
    /// <paramref name="depth"/> ≤ 8 floats of each, read with masked loads that never touch the rest) as
    /// <paramref name="depth"/> rows of 8 at <paramref name="target"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Transpose8x8(float* source, nint sourceStride, float* target, nint targetStride, int depth)
    {
        Vector256<float> r0, r1, r2, r3, r4, r5, r6, r7;
        if (depth == Lanes)
        {
            r0 = Avx.LoadVector256(source);
            r1 = Avx.LoadVector256(source + sourceStride);
            r2 = Avx.LoadVector256(source + (2 * sourceStride));
            r3 = Avx.LoadVector256(source + (3 * sourceStride));
            r4 = Avx.LoadVector256(source + (4 * sourceStride));
            r5 = Avx.LoadVector256(source + (5 * sourceStride));
            r6 = Avx.LoadVector256(source + (6 * sourceStride));
            r7 = Avx.LoadVector256(source + (7 * sourceStride));
        }
        else
        {
            Vector256<float> mask = Vector256.LessThan(Vector256<int>.Indices, Vector256.Create(depth)).AsSingle();
            r0 = Avx.MaskLoad(source, mask);
            r1 = Avx.MaskLoad(source + sourceStride, mask);
            r2 = Avx.MaskLoad(source + (2 * sourceStride), mask);
            r3 = Avx.MaskLoad(source + (3 * sourceStride), mask);
            r4 = Avx.MaskLoad(source + (4 * sourceStride), mask);
            r5 = Avx.MaskLoad(source + (5 * sourceStride), mask);
            r6 = Avx.MaskLoad(source + (6 * sourceStride), mask);
            r7 = Avx.MaskLoad(source + (7 * sourceStride), mask);
        }

        // Interleave row pairs: t0 = r0[0] r1[0] r0[1] r1[1] | r0[4] r1[4] r0[5] r1[5], and so on.
        Vector256<float> t0 = Avx.UnpackLow(r0, r1);
        Vector256<float> t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3);
        Vector256<float> t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5);
        Vector256<float> t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7);
        Vector256<float> t7 = Avx.UnpackHigh(r6, r7);

        // Gather four rows per column within each 128-bit lane: s0 = r0..r3[0] | r0..r3[4].
        Vector256<float> s0 = Avx.Shuffle(t0, t2, 0x44);
        Vector256<float> s1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> s2 = Avx.Shuffle(t1, t3, 0x44);
        Vector256<float> s3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> s4 = Avx.Shuffle(t4, t6, 0x44);
        Vector256<float> s5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> s6 = Avx.Shuffle(t5, t7, 0x44);
        Vector256<float> s7 = Avx.Shuffle(t5, t7, 0xEE);

        // Join the lanes of rows 0..3 and 4..7; column q of the block becomes target row q.
        Vector256<float> q0 = Avx.Permute2x128(s0, s4, 0x20);
        Vector256<float> q1 = Avx.Permute2x128(s1, s5, 0x20);
        Vector256<float> q2 = Avx.Permute2x128(s2, s6, 0x20);
        Vector256<float> q3 = Avx.Permute2x128(s3, s7, 0x20);
        Vector256<float> q4 = Avx.Permute2x128(s0, s4, 0x31);
        Vector256<float> q5 = Avx.Permute2x128(s1, s5, 0x31);
        Vector256<float> q6 = Avx.Permute2x128(s2, s6, 0x31);
        Vector256<float> q7 = Avx.Permute2x128(s3, s7, 0x31);
        Avx.Store(target, q0);
        if (depth > 1)
        {
            Avx.Store(target + targetStride, q1);
        }

        if (depth > 2)
        {
            Avx.Store(target + (2 * targetStride), q2);
        }

        if (depth > 3)
        {
            Avx.Store(target + (3 * targetStride), q3);
        }

        if (depth > 4)
        {
            Avx.Store(target + (4 * targetStride), q4);
        }

        if (depth > 5)
        {
            Avx.Store(target + (5 * targetStride), q5);
        }

        if (depth > 6)
        {
            Avx.Store(target + (6 * targetStride), q6);
        }

        if (depth > 7)
        {
            Avx.Store(target + (7 * targetStride), q7);
        }
    }
}
