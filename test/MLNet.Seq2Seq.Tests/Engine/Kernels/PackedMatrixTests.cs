using MLNet.Seq2Seq.Engine.Kernels;

namespace MLNet.Seq2Seq.Tests.Engine.Kernels;

[TestClass]
public sealed class PackedMatrixTests
{
    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void PackedProductsAreBitIdenticalToUnpackedOnes(bool avx512Disabled)
    {
        if (!avx512Disabled)
        {
            // Without AVX-512 this row would repeat the other one (packed AVX2 panels) and prove nothing new.
            KernelAvailability.RequireAvx512();
        }

        bool previous = Gemm.DisableAvx512;
        Gemm.DisableAvx512 = avx512Disabled;
        try
        {
            var random = new Random(5);
            // (20, 1060, 1000) is large enough for Pack's streaming stores, with a narrow edge panel.
            foreach (var (m, n, k) in new[] { (32, 512, 144), (33, 2048, 528), (17, 15, 128), (64, 72, 9), (2, 40, 33), (1, 512, 16), (20, 1060, 1000) })
            {
                foreach (bool transposeA in new[] { false, true })
                {
                    int lda = (transposeA ? m : k) + 3, ldb = n + 5;
                    float[] a = Random(random, ((transposeA ? k : m) * lda) + 3);
                    float[] b = Random(random, k * ldb);
                    float[] start = Random(random, m * n);
                    var packed = new PackedMatrix();
                    packed.Pack(b, ldb, k, n);
                    float[] expected = (float[])start.Clone(), actual = (float[])start.Clone();
                    Gemm.Multiply(a, lda, transposeA, b, ldb, false, expected, n, m, n, k, accumulate: true);
                    Gemm.MultiplyPacked(a, lda, transposeA, b, ldb, packed, actual, n, m, n, k, accumulate: true);
                    CollectionAssert.AreEqual(expected, actual, $"m {m}, n {n}, k {k}, transposeA {transposeA}");
                }
            }
        }
        finally
        {
            Gemm.DisableAvx512 = previous;
        }
    }

    [TestMethod]
    public void PanelsOfAnotherKernelPathAreNotRead()
    {
        // Packing for one path and multiplying on the other needs both paths on this CPU.
        KernelAvailability.RequireAvx512();
        var (a, b, packed) = PackedProblem();
        bool previous = Gemm.DisableAvx512;
        Gemm.DisableAvx512 = !previous;
        try
        {
            // Packed for the other kernels: the product must fall back to B itself.
            float[] expected = new float[M * N], actual = new float[M * N];
            Gemm.Multiply(a, K, false, b, N, false, expected, N, M, N, K, accumulate: false);
            Gemm.MultiplyPacked(a, K, false, b, N, packed, actual, N, M, N, K, accumulate: false);
            CollectionAssert.AreEqual(expected, actual);
        }
        finally
        {
            Gemm.DisableAvx512 = previous;
        }
    }

    [TestMethod]
    public void ClearedPanelsAreNotRead()
    {
        var (a, b, packed) = PackedProblem();
        packed.Clear();
        b[0] += 1f;
        float[] direct = new float[M * N], cleared = new float[M * N];
        Gemm.Multiply(a, K, false, b, N, false, direct, N, M, N, K, accumulate: false);
        Gemm.MultiplyPacked(a, K, false, b, N, packed, cleared, N, M, N, K, accumulate: false);
        CollectionAssert.AreEqual(direct, cleared, "cleared panels must not be read");
    }

    [TestMethod]
    public void TransposeSwapsRowsAndColumns()
    {
        var random = new Random(2);
        foreach (var (rows, columns) in new[] { (1, 1), (8, 8), (144, 32), (13, 21), (3, 40) })
        {
            int ldSrc = columns + 2, ldDst = rows + 1;
            float[] src = Random(random, rows * ldSrc);
            float[] dst = new float[columns * ldDst];
            MatrixTranspose.Transpose(src, ldSrc, dst, ldDst, rows, columns);
            for (int i = 0; i < rows; i++)
            {
                for (int j = 0; j < columns; j++)
                {
                    Assert.AreEqual(src[(i * ldSrc) + j], dst[(j * ldDst) + i], $"[{i}, {j}] of {rows} x {columns}");
                }
            }
        }
    }

    private const int M = 32, N = 96, K = 20;

    private static (float[] A, float[] B, PackedMatrix Packed) PackedProblem()
    {
        var random = new Random(9);
        float[] a = Random(random, M * K), b = Random(random, K * N);
        var packed = new PackedMatrix();
        packed.Pack(b, N, K, N);
        return (a, b, packed);
    }

    private static float[] Random(Random random, int length) =>
        [.. Enumerable.Range(0, length).Select(_ => (float)((random.NextDouble() * 2) - 1))];
}
