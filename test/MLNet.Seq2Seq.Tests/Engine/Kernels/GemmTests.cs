using MLNet.Seq2Seq.Engine.Kernels;

namespace MLNet.Seq2Seq.Tests.Engine.Kernels;

[TestClass]
public sealed class GemmTests
{
    /// <summary>Allowed error relative to the sum of the magnitudes of an element's terms.</summary>
    private const double RelativeTolerance = 1e-5;

    private static readonly int[] EdgeSizes = [1, 2, 3, 5, 6, 7, 8, 9, 13, 15, 16, 17, 23, 31, 33, 64, 65];

    private static readonly (bool TransposeA, bool TransposeB)[] Forms = [(false, false), (false, true), (true, false), (true, true)];

    /// <summary>Which kernels a check runs on; the faster ones silently fall back where the machine lacks them.</summary>
    public enum KernelPath
    {
        /// <summary>The default: AVX-512 full panels with AVX2 edges, or AVX2 only, or portable.</summary>
        Fastest,

        /// <summary>AVX2 + FMA kernels only (AVX-512 disabled).</summary>
        Avx2Only,

        /// <summary>The portable fallback.</summary>
        Portable,
    }

    [TestMethod]
    [DataRow(KernelPath.Fastest)]
    [DataRow(KernelPath.Avx2Only)]
    [DataRow(KernelPath.Portable)]
    public void MatchesReferenceOnRandomShapes(KernelPath path)
    {
        RequireDistinctKernels(path);
        OnPath(path, () => CheckRandomShapes(seed: 1 + (int)path));
    }

    [TestMethod]
    public void MatchesReferenceOnEngineShapes()
    {
        // (m, n, k, transposeA, transposeB) as the LSTM engine calls them: forward, input gradient, weight gradient.
        (int M, int N, int K, bool TransposeA, bool TransposeB)[] shapes =
        [
            (32, 512, 144, false, false), (1, 512, 272, false, false), (7, 512, 16, false, false), (128, 512, 16, false, false),
            (32, 15, 128, false, false), (32, 20, 128, false, false),
            (32, 144, 512, false, true), (32, 16, 512, false, true), (32, 256, 15, false, true),
            (144, 512, 160, true, false), (16, 512, 224, true, false),
        ];
        var random = new Random(3);
        foreach (var (m, n, k, transposeA, transposeB) in shapes)
        {
            CheckAgainstReference(random, m, n, k, transposeA, transposeB, accumulate: random.Next(2) == 0, padding: 0);
        }
    }

    [TestMethod]
    public void MatchesReferenceForSingleRowsAndColumns()
    {
        var random = new Random(7);
        foreach (var (transposeA, transposeB) in Forms)
        {
            foreach (int size in new[] { 1, 7, 8, 9, 33, 130 })
            {
                CheckAgainstReference(random, 1, size, 37, transposeA, transposeB, accumulate: size % 2 == 0, padding: 2);
                CheckAgainstReference(random, 1, size, 2, transposeA, transposeB, accumulate: size % 2 == 1, padding: 0);
                CheckAgainstReference(random, size, 1, 19, transposeA, transposeB, accumulate: size % 2 == 0, padding: 1);
            }
        }
    }

    [TestMethod]
    [DataRow(KernelPath.Fastest)]
    [DataRow(KernelPath.Avx2Only)]
    [DataRow(KernelPath.Portable)]
    public void RowSplitsGiveBitIdenticalResults(KernelPath path)
    {
        RequireDistinctKernels(path);
        OnPath(path, CheckRowSplits);
    }

    [TestMethod]
    public void Avx512AndAvx2KernelsGiveBitIdenticalResults()
    {
        KernelAvailability.RequireAvx512();
        KernelAvailability.RequireAvx2();
        var random = new Random(8);
        foreach (var (transposeA, transposeB) in Forms)
        {
            foreach (var (m, n, k) in new[] { (32, 512, 144), (9, 70, 33), (1, 64, 5), (17, 96, 512), (1, 512, 144), (1, 300, 17), (1, 400, 23), (1, 1040, 9) })
            {
                float[] a = RandomArray(random, m * k);
                float[] b = RandomArray(random, k * n);
                float[] start = RandomArray(random, m * n);
                float[] fastest = (float[])start.Clone();
                float[] avx2 = (float[])start.Clone();
                OnPath(KernelPath.Fastest, () => Gemm.Multiply(a, transposeA ? m : k, transposeA, b, transposeB ? k : n, transposeB, fastest, n, m, n, k, accumulate: true));
                OnPath(KernelPath.Avx2Only, () => Gemm.Multiply(a, transposeA ? m : k, transposeA, b, transposeB ? k : n, transposeB, avx2, n, m, n, k, accumulate: true));
                CollectionAssert.AreEqual(avx2, fastest, $"m {m}, n {n}, k {k}, transposeA {transposeA}, transposeB {transposeB}");
            }
        }
    }

    [TestMethod]
    public void SingleRowProductsDoNotDependOnAlignment()
    {
        // The batch-1 path splits the columns at B's first 64-byte boundary; every split must give the same bits.
        var random = new Random(11);
        foreach (var (n, k) in new[] { (512, 37), (1040, 9), (2048, 5), (400, 23) })
        {
            float[] a = RandomArray(random, k);
            float[] b = RandomArray(random, k * n);
            float[] start = RandomArray(random, n);
            foreach (bool accumulate in new[] { false, true })
            {
                float[] expected = (float[])start.Clone();
                Gemm.Multiply(a, k, false, b, n, false, expected, n, 1, n, k, accumulate);
                for (int shift = 1; shift < 16; shift++)
                {
                    float[] bShifted = Shift(b, shift);
                    float[] c = (float[])start.Clone();
                    Gemm.Multiply(a, k, false, bShifted.AsSpan(shift), n, false, c, n, 1, n, k, accumulate);
                    CollectionAssert.AreEqual(expected, c, $"n {n}, k {k}, shift {shift}, accumulate {accumulate}");
                }
            }
        }
    }

    [TestMethod]
    public void ResultDoesNotDependOnAlignment()
    {
        var random = new Random(5);
        foreach (var (transposeA, transposeB) in Forms)
        {
            const int m = 13, n = 37, k = 41;
            float[] a = RandomArray(random, m * k);
            float[] b = RandomArray(random, k * n);
            float[] expected = new float[m * n];
            Gemm.Multiply(a, transposeA ? m : k, transposeA, b, transposeB ? k : n, transposeB, expected, n, m, n, k, accumulate: false);
            for (int shift = 1; shift < 8; shift++)
            {
                float[] aShifted = Shift(a, shift);
                float[] bShifted = Shift(b, 8 - shift);
                float[] cShifted = new float[(m * n) + shift];
                Gemm.Multiply(
                    aShifted.AsSpan(shift), transposeA ? m : k, transposeA, bShifted.AsSpan(8 - shift), transposeB ? k : n, transposeB,
                    cShifted.AsSpan(shift), n, m, n, k, accumulate: false);
                CollectionAssert.AreEqual(expected, cShifted.AsSpan(shift).ToArray(), $"shift {shift}, transposeA {transposeA}, transposeB {transposeB}");
            }
        }
    }

    [TestMethod]
    public void ZeroDepthOverwritesWithZerosOrLeavesCUnchanged()
    {
        float[] c = [1f, 2f, 3f, 4f, 5f, 6f];
        Gemm.Multiply([], 0, false, [], 3, false, c, 3, 2, 3, 0, accumulate: true);
        CollectionAssert.AreEqual(new[] { 1f, 2f, 3f, 4f, 5f, 6f }, c);

        float[] padded = [1f, 2f, 9f, 3f, 4f];
        Gemm.Multiply([], 0, false, [], 2, false, padded, 3, 2, 2, 0, accumulate: false);
        CollectionAssert.AreEqual(new[] { 0f, 0f, 9f, 0f, 0f }, padded);
    }

    [TestMethod]
    public void LeavesPaddingBetweenRowsOfCUntouched()
    {
        var random = new Random(6);
        const int m = 9, n = 19, k = 11, ldc = 24;
        float[] c = Enumerable.Repeat(-7f, ((m - 1) * ldc) + n).ToArray();
        Gemm.Multiply(RandomArray(random, m * k), k, false, RandomArray(random, k * n), n, false, c, ldc, m, n, k, accumulate: false);
        for (int i = 0; i < m - 1; i++)
        {
            for (int j = n; j < ldc; j++)
            {
                Assert.AreEqual(-7f, c[(i * ldc) + j], $"padding at row {i}, column {j}");
            }
        }
    }

    [TestMethod]
    public void RejectsSpansTooShortForTheShape()
    {
        var error = Assert.ThrowsExactly<ArgumentException>(
            () => Gemm.Multiply(new float[5], 3, false, new float[6], 2, false, new float[4], 2, 2, 2, 3, accumulate: false));
        Assert.AreEqual("a", error.ParamName);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(
            () => Gemm.Multiply(new float[6], 2, false, new float[6], 2, false, new float[4], 2, 2, 2, 3, accumulate: false));
        Assert.ThrowsExactly<ArgumentException>(
            () => Gemm.Multiply(new float[6], 3, false, new float[6], 2, false, new float[3], 2, 2, 2, 3, accumulate: false));
    }

    /// <summary>
    /// A row of a path the CPU lacks would run the fallback that another row already checks: Fastest is AVX2 where
    /// AVX-512 is missing, and Avx2Only is portable where AVX2 + FMA are missing. Such rows are Inconclusive, not green.
    /// </summary>
    private static void RequireDistinctKernels(KernelPath path)
    {
        if (path == KernelPath.Fastest)
        {
            KernelAvailability.RequireAvx512();
        }
        else if (path == KernelPath.Avx2Only)
        {
            KernelAvailability.RequireAvx2();
        }
    }

    private static void OnPath(KernelPath path, Action check)
    {
        bool previousPortable = Gemm.ForcePortable;
        bool previousAvx512 = Gemm.DisableAvx512;
        Gemm.ForcePortable = path == KernelPath.Portable;
        Gemm.DisableAvx512 = path != KernelPath.Fastest;
        try
        {
            Assert.AreEqual(path != KernelPath.Portable && System.Runtime.Intrinsics.X86.Fma.IsSupported, Gemm.UsesAvx2);
            Assert.AreEqual(path == KernelPath.Fastest && System.Runtime.Intrinsics.X86.Avx512F.IsSupported, Gemm.UsesAvx512);
            check();
        }
        finally
        {
            Gemm.ForcePortable = previousPortable;
            Gemm.DisableAvx512 = previousAvx512;
        }
    }

    private static void CheckRandomShapes(int seed)
    {
        var random = new Random(seed);
        for (int trial = 0; trial < 160; trial++)
        {
            int m = PickSize(random);
            int n = PickSize(random);
            int k = trial % 20 == 0 ? 0 : PickSize(random);
            var (transposeA, transposeB) = Forms[trial % Forms.Length];
            CheckAgainstReference(random, m, n, k, transposeA, transposeB, accumulate: trial % 3 == 0, padding: random.Next(3) * 3);
        }
    }

    private static void CheckRowSplits()
    {
        var random = new Random(4);
        foreach (var (transposeA, transposeB) in Forms)
        {
            foreach (int split in new[] { 1, 5, 7, 13, 32 })
            {
                const int m = 64, n = 45, k = 70;
                int lda = transposeA ? m : k;
                int ldb = transposeB ? k : n;
                float[] a = RandomArray(random, m * k);
                float[] b = RandomArray(random, k * n);
                float[] start = RandomArray(random, m * n);
                bool accumulate = split % 2 == 1;
                float[] whole = (float[])start.Clone();
                Gemm.Multiply(a, lda, transposeA, b, ldb, transposeB, whole, n, m, n, k, accumulate);

                float[] pieces = (float[])start.Clone();
                for (int first = 0; first < m; first += split)
                {
                    int rows = Math.Min(split, m - first);
                    ReadOnlySpan<float> aRows = transposeA ? a.AsSpan(first) : a.AsSpan(first * lda);
                    Gemm.Multiply(aRows, lda, transposeA, b, ldb, transposeB, pieces.AsSpan(first * n), n, rows, n, k, accumulate);
                }

                CollectionAssert.AreEqual(whole, pieces, $"split {split}, transposeA {transposeA}, transposeB {transposeB}");
            }
        }
    }

    private static void CheckAgainstReference(Random random, int m, int n, int k, bool transposeA, bool transposeB, bool accumulate, int padding)
    {
        int lda = (transposeA ? m : k) + padding;
        int ldb = (transposeB ? k : n) + padding;
        int ldc = n + padding;
        float[] a = RandomArray(random, StoredLength(transposeA ? k : m, lda));
        float[] b = RandomArray(random, StoredLength(transposeB ? n : k, ldb));
        float[] c = RandomArray(random, StoredLength(m, ldc));
        var (expected, magnitudes) = ReferenceGemm.Multiply(a, lda, transposeA, b, ldb, transposeB, c, ldc, m, n, k, accumulate);

        Gemm.Multiply(a, lda, transposeA, b, ldb, transposeB, c, ldc, m, n, k, accumulate);

        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double error = Math.Abs(c[(i * ldc) + j] - expected[(i * n) + j]);
                if (error > RelativeTolerance * Math.Max(magnitudes[(i * n) + j], 1e-30))
                {
                    Assert.Fail(
                        $"C[{i}, {j}] = {c[(i * ldc) + j]}, expected {expected[(i * n) + j]} for m {m}, n {n}, k {k}, " +
                        $"transposeA {transposeA}, transposeB {transposeB}, accumulate {accumulate}, padding {padding}");
                }
            }
        }
    }

    private static int PickSize(Random random) => random.Next(4) == 0 ? random.Next(1, 130) : EdgeSizes[random.Next(EdgeSizes.Length)];

    private static int StoredLength(int rows, int leadingDimension) => Math.Max(((rows - 1) * leadingDimension) + leadingDimension, 0);

    private static float[] RandomArray(Random random, int length)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return values;
    }

    private static float[] Shift(float[] values, int shift)
    {
        var shifted = new float[values.Length + shift];
        values.CopyTo(shifted, shift);
        return shifted;
    }
}
