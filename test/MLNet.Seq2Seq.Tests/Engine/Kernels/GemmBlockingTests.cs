using MLNet.Seq2Seq.Engine.Kernels;

namespace MLNet.Seq2Seq.Tests.Engine.Kernels;

/// <summary>
/// The blocked AVX-512 path (<see cref="GemmAvx512.MultiplyFullPanels"/>): depth passes of at most 256 steps whose running
/// sums live in C or in scratch, column blocks of 512 (wider for k &lt;= 16), packed micro-panels of A, and calls that
/// cross all the panels of a shallow pass. Every element must still be exactly <c>s = 0; s = fma(A[i, p], B[p, j], s) for p = 0..k-1</c>, then
/// C = s or C = C + s, on every kernel path that fuses the multiply-add.
/// </summary>
[TestClass]
public sealed class GemmBlockingTests
{
    private static readonly (bool TransposeA, bool TransposeB)[] Forms = [(false, false), (false, true), (true, false), (true, true)];

    /// <summary>
    /// (m, n, k): several depth passes with a partial column block and a right edge for the AVX2 kernels; m up to 16 (B
    /// read in place) with passes; k = 257 (two uneven halves); shallow passes over two column blocks; k = 1 and 2;
    /// row counts that are not multiples of 8; products of depth 16 and 8 wide enough for two wide shallow blocks.
    /// </summary>
    private static readonly (int M, int N, int K)[] Shapes =
    [
        (40, 1100, 600), (17, 545, 257), (9, 96, 513), (3, 64, 300), (100, 1056, 16), (25, 70, 1), (13, 33, 2),
        (129, 608, 272), (2, 32, 1), (33, 1024, 16), (10, 4128, 16), (12, 8256, 8),
    ];

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void ElementsAreOneFusedChainOverTheDepth(bool avx512Disabled)
    {
        if (!avx512Disabled)
        {
            KernelAvailability.RequireAvx512();
        }

        KernelAvailability.RequireAvx2();
        OnAvx512(!avx512Disabled, () =>
        {
            var random = new Random(21);
            foreach (var (m, n, k) in Shapes)
            {
                foreach (var (transposeA, transposeB) in Forms)
                {
                    foreach (bool accumulate in new[] { false, true })
                    {
                        int lda = (transposeA ? m : k) + 1, ldb = (transposeB ? k : n) + 3, ldc = n + 2;
                        float[] a = RandomArray(random, (transposeA ? k : m) * lda);
                        float[] b = RandomArray(random, (transposeB ? n : k) * ldb);
                        float[] c = RandomArray(random, m * ldc);
                        float[] expected = FusedChains(a, lda, transposeA, b, ldb, transposeB, c, ldc, m, n, k, accumulate);
                        Gemm.Multiply(a, lda, transposeA, b, ldb, transposeB, c, ldc, m, n, k, accumulate);
                        CollectionAssert.AreEqual(expected, c, $"m {m}, n {n}, k {k}, transposeA {transposeA}, transposeB {transposeB}, accumulate {accumulate}");
                    }
                }
            }
        });
    }

    [TestMethod]
    public void RowAndColumnSplitsOfDeepProductsGiveBitIdenticalResults()
    {
        KernelAvailability.RequireAvx512();
        var random = new Random(22);
        const int m = 45, n = 1090, k = 530;
        foreach (var (transposeA, transposeB) in Forms)
        {
            foreach (bool accumulate in new[] { false, true })
            {
                int lda = transposeA ? m : k, ldb = transposeB ? k : n;
                float[] a = RandomArray(random, m * k);
                float[] b = RandomArray(random, k * n);
                float[] start = RandomArray(random, m * n);
                float[] whole = (float[])start.Clone();
                Gemm.Multiply(a, lda, transposeA, b, ldb, transposeB, whole, n, m, n, k, accumulate);

                // Rows [0, 19) and [19, 45); columns [0, 544) and [544, 1090), so the column blocks fall elsewhere.
                float[] pieces = (float[])start.Clone();
                foreach (var (row, rows) in new[] { (0, 19), (19, m - 19) })
                {
                    foreach (var (column, columns) in new[] { (0, 544), (544, n - 544) })
                    {
                        ReadOnlySpan<float> aRows = transposeA ? a.AsSpan(row) : a.AsSpan(row * lda);
                        ReadOnlySpan<float> bColumns = transposeB ? b.AsSpan(column * ldb) : b.AsSpan(column);
                        Gemm.Multiply(aRows, lda, transposeA, bColumns, ldb, transposeB, pieces.AsSpan((row * n) + column), n, rows, columns, k, accumulate);
                    }
                }

                CollectionAssert.AreEqual(whole, pieces, $"transposeA {transposeA}, transposeB {transposeB}, accumulate {accumulate}");
            }
        }
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void DeepPackedProductsAreBitIdenticalToUnpackedOnes(bool accumulate)
    {
        KernelAvailability.RequireAvx512();
        var random = new Random(23);
        foreach (var (m, n, k) in new[] { (32, 1100, 600), (17, 545, 257), (40, 2048, 16), (128, 512, 272) })
        {
            foreach (bool transposeA in new[] { false, true })
            {
                int lda = transposeA ? m : k;
                float[] a = RandomArray(random, m * k);
                float[] b = RandomArray(random, k * n);
                float[] start = RandomArray(random, m * n);
                var packed = new PackedMatrix();
                packed.Pack(b, n, k, n);
                float[] expected = (float[])start.Clone(), actual = (float[])start.Clone();
                Gemm.Multiply(a, lda, transposeA, b, n, false, expected, n, m, n, k, accumulate);
                Gemm.MultiplyPacked(a, lda, transposeA, b, n, packed, actual, n, m, n, k, accumulate);
                CollectionAssert.AreEqual(expected, actual, $"m {m}, n {n}, k {k}, transposeA {transposeA}");
            }
        }
    }

    /// <summary>C as the contract defines it: one FMA chain per element from zero, in increasing p, then C = s or C + s.</summary>
    private static float[] FusedChains(
        float[] a, int lda, bool transposeA, float[] b, int ldb, bool transposeB, float[] c, int ldc, int m, int n, int k, bool accumulate)
    {
        float[] result = (float[])c.Clone();
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                float s = 0f;
                for (int p = 0; p < k; p++)
                {
                    float av = transposeA ? a[(p * lda) + i] : a[(i * lda) + p];
                    float bv = transposeB ? b[(j * ldb) + p] : b[(p * ldb) + j];
                    s = MathF.FusedMultiplyAdd(av, bv, s);
                }

                result[(i * ldc) + j] = accumulate ? c[(i * ldc) + j] + s : s;
            }
        }

        return result;
    }

    private static void OnAvx512(bool enabled, Action check)
    {
        bool previous = Gemm.DisableAvx512;
        Gemm.DisableAvx512 = !enabled;
        try
        {
            Assert.AreEqual(enabled, Gemm.UsesAvx512);
            check();
        }
        finally
        {
            Gemm.DisableAvx512 = previous;
        }
    }

    private static float[] RandomArray(Random random, int length)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return values;
    }
}
