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

    /// <summary>Floats in one 64-byte cache line.</summary>
    private const int LineFloats = 16;

    /// <summary>Columns of one panel: two registers.</summary>
    private const int PanelWidth = 2 * Lanes;

    /// <summary>How many tiles ahead a row of tiles asks for the lines of C it will write (see Kernel).</summary>
    private const int TilesAhead = 4;

    /// <summary>Most depth steps in one pass over a tile: a [256, 32] panel of B is 32 KiB, which stays in L1 (48 KiB).</summary>
    private const int DepthBlock = 256;

    /// <summary>
    /// Most floats of a pass's block of B [depth, columns] for which the row blocks go outermost: 32 KiB, so the whole
    /// block stays in L1 while a row block crosses it.
    /// </summary>
    private const int ShallowBlockFloats = 8 * 1024;

    /// <summary>Fewest columns in a block for which a pass packs A (four panels reuse each copied float).</summary>
    private const int PackedAMinimumColumns = 4 * PanelWidth;

    /// <summary>Most columns of B packed together: a [256, 512] block is 512 KiB, which stays in L2 (2 MiB).</summary>
    private const int ColumnBlock = 512;

    /// <summary>
    /// Most floats of a block of B for a product so shallow that even 512 columns make a shallow block (k &lt;= 16: the
    /// one-GEMM input projection from an embedding): such a product goes as blocks of up to 256 KiB, which stay in L2,
    /// because with so few steps per element the time goes into writing C, which goes fastest in long runs of whole rows.
    /// </summary>
    private const int WideShallowBlockFloats = 64 * 1024;

    /// <summary>Whether this machine has the instructions the path needs.</summary>
    public static bool IsSupported => Avx512F.IsSupported && Fma.IsSupported;

    /// <summary>
    /// Computes the columns of C up to the last full 32-column panel and returns how many that is; arguments as in
    /// <see cref="GemmAvx2.Multiply"/>, with op(A)[i, p] at a + i * aRowStride + p * aDepthStride; a non-null
    /// <paramref name="prepacked"/> holds the panels already packed (<see cref="GemmAvx2.Pack"/>).
    /// </summary>
    /// <remarks>
    /// The columns go in blocks of up to <see cref="ColumnBlock"/> (of up to <see cref="WideShallowBlockFloats"/> floats of
    /// B when k &lt;= 16), and the depth in passes of up to
    /// <see cref="DepthBlock"/> steps, so that one pass's [depth, 32] panel of B (32 KiB at most) stays in L1 while every
    /// row block of A reuses it (a panel packed here is packed just before its use, a transposed B's whole block at once),
    /// and the kernels ask for the B of the next panel or pass while they compute. A pass ends by storing each
    /// element's running sum s, and the next pass loads it and continues the same chain, so the chain over p = 0..k-1
    /// is unchanged: the sums live in C itself when overwriting (C = s in the end either way), and in a separate
    /// [m, columns] buffer when accumulating, so that C + s is applied once, by the last pass.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int MultiplyFullPanels(
        float* a, nint aRowStride, nint aDepthStride, float* b, nint ldb, bool transposeB, float* c, nint ldc,
        int m, int n, int k, bool accumulate, float* prepacked)
    {
        int fullColumns = n - (n % PanelWidth);
        if (fullColumns == 0)
        {
            return 0;
        }

        // With at most two row blocks each element of B is read at most twice, so a packing pass would not pay for itself.
        bool readBInPlace = prepacked is null && !transposeB && m <= 2 * RowBlock;
        bool packHere = prepacked is null && !readBInPlace;

        // Passes of equal depth (k = 272 as 136 + 136, not 256 + 16), so no pass is too short to amortise its tile's
        // loads and stores.
        // With few panels (the input gradient W·dGatesᵀ has one) a copy of A would cost as much as the reads it saves,
        // and with B transposed a pass's packing would read B in rows of 1 KiB, too short for the prefetchers: there
        // the panels go one at a time over the whole depth, A read in place, each panel packed just before its use.
        bool packA = !transposeB && Math.Min(ColumnBlock, fullColumns) >= PackedAMinimumColumns;
        bool wideShallow = packA && (nint)k * ColumnBlock <= ShallowBlockFloats;
        int columnStep = !packA ? PanelWidth
            : wideShallow ? Math.Min(fullColumns, Math.Max(ColumnBlock, WideShallowBlockFloats / k / PanelWidth * PanelWidth))
            : Math.Min(ColumnBlock, fullColumns);
        int passes = packA ? (k + DepthBlock - 1) / DepthBlock : 1;
        int depthStep = (k + passes - 1) / passes;
        bool separateSums = accumulate && passes > 1;
        int rowBlocks = (m + RowBlock - 1) / RowBlock;

        // One buffer: the packed block of B [depthStep, columnStep] (a multiple of 32 floats, so the sums after it
        // start on a 64-byte boundary too), then the running sums [m, columnStep] where they cannot live in C.
        // Then the micro-panels of A [m, depthStep], rounded up to whole 64-byte lines.
        int packLength = packHere ? depthStep * columnStep : 0;
        int sumLength = separateSums ? m * columnStep : 0;
        float[] scratch = GemmScratch.Rent(packLength + sumLength + (packA ? ((m * depthStep) + Lanes - 1) & ~(Lanes - 1) : 0));
        fixed (float* unaligned = scratch)
        {
            float* packed = GemmScratch.Align(unaligned);
            float* packedA = packed + packLength + sumLength;
            for (int jc = 0; jc < fullColumns; jc += columnStep)
            {
                int columns = Math.Min(columnStep, fullColumns - jc);
                float* sums = separateSums ? packed + packLength : c + jc;
                nint sumStride = separateSums ? columns : ldc;
                for (int pc = 0; pc < k; pc += depthStep)
                {
                    int depth = Math.Min(depthStep, k - pc);
                    bool first = pc == 0;
                    bool last = pc + depth == k;
                    // A shallow pass's whole block of B fits in L1 (or, wide and shallow, in L2), so the row blocks go
                    // outermost and each writes its rows of C from left to right; otherwise each panel of B stays in L1
                    // while all the row blocks pass over it.
                    bool rowsOutermost = wideShallow || (nint)depth * columns <= ShallowBlockFloats;
                    int panelsPerCall = rowsOutermost ? columns / PanelWidth : 1;

                    // Where panels go one at a time, each is packed just before its use, so its copy is written into
                    // L1 and read from there by every row block; B transposed is packed a block at a time (see above).
                    bool packPanels = packHere && !rowsOutermost && !transposeB;
                    if (packHere && !packPanels)
                    {
                        PackBlock(b, ldb, transposeB, pc, depth, jc, columns, packed);
                    }

                    // A's rows are lda apart (a multiple of 4 KiB puts all 8 rows of a block in one L1 set), so where
                    // several panels reuse them each pass copies them, per row block, into [depth, rows] micro-panels:
                    // the broadcasts of a step then read consecutive floats. (A last narrow column block copies A
                    // too: its passes are as deep as the others', and it is a small part of the work.)
                    if (packA)
                    {
                        PackRowBlocks(a + (pc * aDepthStride), aRowStride, aDepthStride, m, depth, packedA);
                    }

                    // Where panel q + 1 starts relative to panel q.
                    nint panelStep = prepacked is not null ? (nint)k * PanelWidth : readBInPlace ? PanelWidth : (nint)depth * PanelWidth;
                    for (int jj = 0; jj < columns; jj += panelsPerCall * PanelWidth)
                    {
                        float* panel;
                        nint panelStride = PanelWidth;
                        if (prepacked is not null)
                        {
                            // Prepacked panels are [k, 32] each, the one of column j at prepacked + j * k.
                            panel = prepacked + ((nint)(jc + jj) * k) + ((nint)pc * PanelWidth);
                        }
                        else if (readBInPlace)
                        {
                            panel = b + (pc * ldb) + jc + jj;
                            panelStride = ldb;
                        }
                        else if (packPanels)
                        {
                            panel = packed;
                            PackPanel(b + (pc * ldb) + jc + jj, ldb, depth, panel);
                        }
                        else
                        {
                            panel = packed + ((nint)jj * depth);
                        }

                        // B comes from beyond L2 when it is large, and a kernel call (or a packing) that had to wait
                        // for its panel would lose most of its time to it: so the calls ask, a slice each, for what comes
                        // next to be brought into L2. Prepacked, that is the next panel, spread over this panel's calls;
                        // packing here, the rows of B that the next pass packs, whole rows of its block (one page walk a
                        // row rather than one a panel), spread over all the calls of this pass.
                        float* next = null;
                        int nextLines = 0;
                        int rowLines = int.MaxValue;
                        nint rowStride = 0;
                        int sharingCalls = rowBlocks;
                        int callOffset = 0;
                        if (prepacked is not null && !rowsOutermost)
                        {
                            (int row, int column, int nextDepth) = NextPanel(jj, pc, depth, jc, columns, k, depthStep, fullColumns);
                            next = prepacked + ((nint)column * k) + ((nint)row * PanelWidth);
                            nextLines = nextDepth * PanelWidth / LineFloats;
                        }
                        else if (packPanels)
                        {
                            (int row, int column, int nextDepth) = NextPanel(columns, pc, depth, jc, columns, k, depthStep, fullColumns);
                            float* start = b + (row * ldb) + column;
                            int misalignment = (int)((nuint)start / sizeof(float) % LineFloats);
                            next = start - misalignment;
                            rowLines = (misalignment + Math.Min(columnStep, fullColumns - column) + LineFloats - 1) / LineFloats;
                            rowStride = ldb;
                            nextLines = nextDepth * rowLines;
                            sharingCalls = rowBlocks * columns / PanelWidth;
                            callOffset = jj / PanelWidth * rowBlocks;
                        }

                        int linesPerCall = Math.Min((depth + 1) / 2, (nextLines + sharingCalls - 1) / sharingCalls);
                        int rows;
                        int call = 0;
                        for (int i = 0; i < m; i += rows, call++)
                        {
                            rows = RowsInBlock(m - i);
                            int firstLine = Math.Min(nextLines, (callOffset + call) * linesPerCall);
                            int lineInRow = firstLine % rowLines;
                            float* resume = first ? null : sums + jj + (i * sumStride);
                            float* target = last ? c + jc + jj + (i * ldc) : sums + jj + (i * sumStride);
                            KernelForRows(
                                rows,
                                packA ? packedA + ((nint)i * depth) : a + (i * aRowStride) + (pc * aDepthStride),
                                packA ? 1 : aRowStride,
                                packA ? rows : aDepthStride,
                                panel, panelStride, depth,
                                resume, sumStride, target, last ? ldc : sumStride, last && accumulate, panelsPerCall, panelStep,
                                next + (firstLine / rowLines * rowStride) + ((nint)lineInRow * LineFloats),
                                Math.Min(nextLines - firstLine, linesPerCall), rowLines - lineInRow, rowLines, rowStride - ((nint)rowLines * LineFloats));
                        }
                    }
                }
            }
        }

        return fullColumns;
    }

    /// <summary>
    /// Copies op(A)[0 .. m, 0 .. depth] (op(A)[i, p] at a + i * aRowStride + p * aDepthStride) into one micro-panel per row
    /// block of <see cref="RowsInBlock"/>: the block of rows i .. i + rows as [depth, rows] at packed + i * depth.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackRowBlocks(float* a, nint aRowStride, nint aDepthStride, int m, int depth, float* packed)
    {
        int rows;
        for (int i = 0; i < m; i += rows)
        {
            rows = RowsInBlock(m - i);
            float* source = a + (i * aRowStride);
            float* target = packed + ((nint)i * depth);
            if (rows == RowBlock && aDepthStride == 1)
            {
                // Rows of A stored [m, k]: 8 × 8 transposes in registers.
                for (int p = 0; p < depth; p += RowBlock)
                {
                    GemmAvx2.Transpose8x8(source + p, aRowStride, target + (p * RowBlock), RowBlock, Math.Min(RowBlock, depth - p));
                }
            }
            else if (rows == RowBlock && aRowStride == 1)
            {
                // A stored [k, m] (used transposed): the 8 rows of a step are 8 consecutive floats.
                for (int p = 0; p < depth; p++)
                {
                    Vector256.Load(source + (p * aDepthStride)).Store(target + (p * RowBlock));
                }
            }
            else
            {
                for (int p = 0; p < depth; p++)
                {
                    for (int q = 0; q < rows; q++)
                    {
                        target[(p * rows) + q] = source[(q * aRowStride) + (p * aDepthStride)];
                    }
                }
            }
        }
    }

    /// <summary>
    /// Packs op(B)[pc .. pc + depth, jc .. jc + columns] (columns a multiple of 32) into consecutive [depth, 32] panels at
    /// <paramref name="packed"/>, the panel of column jc + jj at packed + jj * depth. Not transposed, each row of B is read
    /// once from left to right (a whole row of the block per page, which the TLB and the prefetchers follow better than
    /// 128 bytes of every row at a time).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackBlock(float* b, nint ldb, bool transposeB, int pc, int depth, int jc, int columns, float* packed)
    {
        if (transposeB)
        {
            // B is stored [n, k]: op(B)[p, j] = b[j * ldb + p].
            for (int jj = 0; jj < columns; jj += PanelWidth)
            {
                GemmAvx2.PackTransposed(b + ((jc + jj) * ldb) + pc, ldb, depth, PanelWidth, PanelWidth, packed + ((nint)jj * depth));
            }

            return;
        }

        float* row = b + (pc * ldb) + jc;
        for (int p = 0; p < depth; p++, row += ldb)
        {
            float* target = packed + ((nint)p * PanelWidth);
            for (int jj = 0; jj < columns; jj += PanelWidth, target += (nint)depth * PanelWidth)
            {
                Vector512.Load(row + jj).Store(target);
                Vector512.Load(row + jj + Lanes).Store(target + Lanes);
            }
        }
    }

    /// <summary>
    /// Where the panel after the one of columns jc + jj of the pass from row pc starts (row, column) and its depth: the
    /// next panel of the block, or the first of the next pass, or of the next column block; depth 0 after the last.
    /// </summary>
    private static (int Row, int Column, int Depth) NextPanel(int jj, int pc, int depth, int jc, int columns, int k, int depthStep, int fullColumns) =>
        jj + PanelWidth < columns ? (pc, jc + jj + PanelWidth, depth)
        : pc + depth < k ? (pc + depth, jc, Math.Min(depthStep, k - pc - depth))
        : jc + columns < fullColumns ? (0, jc + columns, Math.Min(depthStep, k))
        : (0, 0, 0);

    /// <summary>
    /// Copies B[0 .. depth, 0 .. 32] (rows <paramref name="ldb"/> apart) into one [depth, 32] panel: the full-width case of
    /// <see cref="GemmAvx2.PackRows"/> in two 512-bit copies a row, which makes Gemm.Multiply 3-6 points faster at
    /// hidden 128 than the general copy in 256-bit pieces.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackPanel(float* b, nint ldb, int depth, float* panel)
    {
        for (int p = 0; p < depth; p++, b += ldb, panel += PanelWidth)
        {
            Vector512.Load(b).Store(panel);
            Vector512.Load(b + Lanes).Store(panel + Lanes);
        }
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
        int rows, float* a, nint aRowStride, nint aDepthStride, float* b, nint bDepthStride, int k,
        float* resume, nint resumeStride, float* c, nint ldc, bool accumulate, int panels, nint panelStep,
        float* prefetch, int prefetchLines, int prefetchLeftInRow, int prefetchRowLines, nint prefetchRowSkip)
    {
        switch (rows)
        {
            case 8: Kernel<GemmBlock8>(a, aRowStride, aDepthStride, b, bDepthStride, k, resume, resumeStride, c, ldc, accumulate, panels, panelStep, prefetch, prefetchLines, prefetchLeftInRow, prefetchRowLines, prefetchRowSkip); break;
            case 7: Kernel<GemmBlock7>(a, aRowStride, aDepthStride, b, bDepthStride, k, resume, resumeStride, c, ldc, accumulate, panels, panelStep, prefetch, prefetchLines, prefetchLeftInRow, prefetchRowLines, prefetchRowSkip); break;
            case 6: Kernel<GemmBlock6>(a, aRowStride, aDepthStride, b, bDepthStride, k, resume, resumeStride, c, ldc, accumulate, panels, panelStep, prefetch, prefetchLines, prefetchLeftInRow, prefetchRowLines, prefetchRowSkip); break;
            case 5: Kernel<GemmBlock5>(a, aRowStride, aDepthStride, b, bDepthStride, k, resume, resumeStride, c, ldc, accumulate, panels, panelStep, prefetch, prefetchLines, prefetchLeftInRow, prefetchRowLines, prefetchRowSkip); break;
            case 4: Kernel<GemmBlock4>(a, aRowStride, aDepthStride, b, bDepthStride, k, resume, resumeStride, c, ldc, accumulate, panels, panelStep, prefetch, prefetchLines, prefetchLeftInRow, prefetchRowLines, prefetchRowSkip); break;
            case 3: Kernel<GemmBlock3>(a, aRowStride, aDepthStride, b, bDepthStride, k, resume, resumeStride, c, ldc, accumulate, panels, panelStep, prefetch, prefetchLines, prefetchLeftInRow, prefetchRowLines, prefetchRowSkip); break;
            case 2: Kernel<GemmBlock2>(a, aRowStride, aDepthStride, b, bDepthStride, k, resume, resumeStride, c, ldc, accumulate, panels, panelStep, prefetch, prefetchLines, prefetchLeftInRow, prefetchRowLines, prefetchRowSkip); break;
            default: Kernel<GemmBlock1>(a, aRowStride, aDepthStride, b, bDepthStride, k, resume, resumeStride, c, ldc, accumulate, panels, panelStep, prefetch, prefetchLines, prefetchLeftInRow, prefetchRowLines, prefetchRowSkip); break;
        }
    }

    /// <summary>
    /// C[TRows, 32] (+)= S + A[TRows, k] · B[k, 32]: two accumulator registers per row, which start from the running sums
    /// S [TRows, 32] at <paramref name="resume"/> (rows <paramref name="resumeStride"/> apart) to continue their chains,
    /// or from zero when it is null. Then the same for each of the next <paramref name="panels"/> - 1 panels, the panel q
    /// of B at b + q * <paramref name="panelStep"/> and of C and S 32 columns on: one call crosses a whole block of a
    /// shallow pass, where the work of a call is too small to pay for its entry and exit. Along the way it asks for
    /// <paramref name="prefetchLines"/> lines to be brought into L2, one every other step, from <paramref name="prefetch"/>
    /// on: <paramref name="prefetchLeftInRow"/> lines, then <paramref name="prefetchRowSkip"/> floats further rows of
    /// <paramref name="prefetchRowLines"/> lines each.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel<TRows>(
        float* a, nint aRowStride, nint aDepthStride, float* b, nint bDepthStride, int k,
        float* resume, nint resumeStride, float* c, nint ldc, bool accumulate, int panels, nint panelStep,
        float* prefetch, int prefetchLines, int prefetchLeftInRow, int prefetchRowLines, nint prefetchRowSkip)
        where TRows : struct, IGemmBlockSize
    {
        int prefetchSteps = 2 * prefetchLines;
        int rows = TRows.Value;
        float* panel = b;
        float* cStart = c;
        for (int q = 0; ; q++)
        {
            // Across a row of tiles (a shallow product, whose time goes into writing C), each tile asks for the lines of
            // C it will write TilesAhead tiles on (in the next row block near the end of the row), so that those stores
            // find their lines in L1 instead of each waiting for its own.
            float* cAhead = q + TilesAhead < panels
                ? c + (TilesAhead * PanelWidth)
                : cStart + (rows * ldc) + ((q + TilesAhead - panels) * PanelWidth);
            int cAheadSteps = panels > 1 ? 2 * rows : 0;
            Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
            Vector512<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
            Vector512<float> c60 = default, c61 = default, c70 = default, c71 = default;
            b = panel;
            if (resume is not null)
            {
                LoadRow(resume, out c00, out c01);
                if (rows > 1)
                {
                    LoadRow(resume + resumeStride, out c10, out c11);
                }

                if (rows > 2)
                {
                    LoadRow(resume + (2 * resumeStride), out c20, out c21);
                }

                if (rows > 3)
                {
                    LoadRow(resume + (3 * resumeStride), out c30, out c31);
                }

                if (rows > 4)
                {
                    LoadRow(resume + (4 * resumeStride), out c40, out c41);
                }

                if (rows > 5)
                {
                    LoadRow(resume + (5 * resumeStride), out c50, out c51);
                }

                if (rows > 6)
                {
                    LoadRow(resume + (6 * resumeStride), out c60, out c61);
                }

                if (rows > 7)
                {
                    LoadRow(resume + (7 * resumeStride), out c70, out c71);
                }
            }

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
                if (p < cAheadSteps)
                {
                    Sse.Prefetch0(cAhead + ((p >> 1) * ldc) + ((p & 1) * LineFloats));
                }

                if ((p & 1) == 0 && p < prefetchSteps)
                {
                    // One line every other step, row after row of the region.
                    Sse.Prefetch1(prefetch);
                    prefetch += LineFloats;
                    if (--prefetchLeftInRow == 0)
                    {
                        prefetch += prefetchRowSkip;
                        prefetchLeftInRow = prefetchRowLines;
                    }
                }

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

            if (q + 1 == panels)
            {
                return;
            }

            // The next panel: the same rows of A, the next 32 columns of B, C and the running sums.
            panel += panelStep;
            c += PanelWidth;
            if (resume is not null)
            {
                resume += PanelWidth;
            }
        }
    }

    /// <summary>Loads one row of 32 running sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LoadRow(float* sums, out Vector512<float> low, out Vector512<float> high)
    {
        low = Vector512.Load(sums);
        high = Vector512.Load(sums + Lanes);
    }

    /// <summary>Writes one row of 32 sums into C, or adds them to it.</summary>
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
