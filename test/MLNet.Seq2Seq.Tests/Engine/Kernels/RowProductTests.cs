using MLNet.Seq2Seq.Engine.Kernels;

namespace MLNet.Seq2Seq.Tests.Engine.Kernels;

/// <summary>
/// The batch-1 product c[1, n] (+)= a · B[k, n]: every element must be the scalar FMA chain over p = 0..k-1 from zero,
/// then written or added, whatever B's offset in its cache line, the width (partial first and last vectors, one-vector
/// rows, passes of several vectors), the row stride, or a's stride; and nothing outside c's n columns is written.
/// </summary>
[TestClass]
public sealed class RowProductTests
{
    private static readonly int[] Widths = [1, 3, 12, 15, 16, 17, 31, 33, 47, 100, 116, 128, 250, 255, 256, 257, 500, 511, 512, 513, 600, 1024];

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void EqualsTheScalarFmaChainAtEveryOffsetAndWidth(bool avx512Disabled)
    {
        if (!avx512Disabled)
        {
            KernelAvailability.RequireAvx512();
        }

        KernelAvailability.RequireAvx2();
        var random = new Random(21);
        bool previous = Gemm.DisableAvx512;
        Gemm.DisableAvx512 = avx512Disabled;
        try
        {
            foreach (int n in Widths)
            {
                int k = 1 + random.Next(40);
                for (int offset = 0; offset < 16; offset++)
                {
                    Check(random, n, k, ldb: n, offset, aStride: 1, accumulate: offset % 2 == 0);
                }
            }
        }
        finally
        {
            Gemm.DisableAvx512 = previous;
        }
    }

    [TestMethod]
    public void EqualsTheScalarFmaChainForPaddedRowsAndStridedA()
    {
        // Rows whose stride is not a multiple of 16 have different offsets in their lines (loads straddle lines there).
        var random = new Random(22);
        foreach (var (n, ldb) in new[] { (14, 14), (512, 513), (512, 528), (100, 107), (33, 48), (257, 260) })
        {
            for (int offset = 0; offset < 16; offset += 5)
            {
                Check(random, n, 37, ldb, offset, aStride: 3, accumulate: false);
                Check(random, n, 144, ldb, offset, aStride: 1, accumulate: true);
            }
        }
    }

    [TestMethod]
    public void EngineShapesEqualTheScalarFmaChain()
    {
        // The LSTM's [x; h] · W at hidden 128 and 256 and the output layer's h · W for small vocabularies.
        var random = new Random(23);
        foreach (var (n, k) in new[] { (512, 144), (512, 128), (1024, 272), (14, 128), (20, 128), (384, 144) })
        {
            for (int offset = 0; offset < 16; offset += 3)
            {
                Check(random, n, k, n, offset, aStride: 1, accumulate: true);
            }
        }
    }

    /// <summary>
    /// B sits <paramref name="offset"/> floats into a 64-byte-aligned block, between NaNs that share its first and last
    /// cache lines (a masked-off lane read as a value would turn a sum into NaN); c sits between guard values that must
    /// stay as they are.
    /// </summary>
    private static unsafe void Check(Random random, int n, int k, int ldb, int offset, int aStride, bool accumulate)
    {
        const int Guard = 32;
        float[] a = new float[k * aStride];
        for (int p = 0; p < k; p++)
        {
            a[p * aStride] = (float)(random.NextDouble() - 0.5);
        }

        float[] storage = GC.AllocateUninitializedArray<float>(((k - 1) * ldb) + n + (3 * Guard), pinned: true);
        fixed (float* start = storage)
        {
            int skip = (int)(((64 - ((nint)start & 63)) & 63) >> 2) + offset;
            storage.AsSpan().Fill(float.NaN);
            var b = storage.AsSpan(skip, ((k - 1) * ldb) + n);
            for (int p = 0; p < k; p++)
            {
                for (int j = 0; j < n; j++)
                {
                    b[(p * ldb) + j] = (float)(random.NextDouble() - 0.5);
                }
            }

            float[] c = new float[n + (2 * Guard)];
            for (int j = 0; j < c.Length; j++)
            {
                c[j] = (float)random.NextDouble();
            }

            float[] expected = (float[])c.Clone();
            for (int j = 0; j < n; j++)
            {
                float sum = 0f;
                for (int p = 0; p < k; p++)
                {
                    sum = MathF.FusedMultiplyAdd(a[p * aStride], b[(p * ldb) + j], sum);
                }

                expected[Guard + j] = accumulate ? expected[Guard + j] + sum : sum;
            }

            Gemm.Multiply(a, aStride > 1 ? aStride : k, aStride > 1, b, ldb, false, c.AsSpan(Guard, n), n, 1, n, k, accumulate);
            CollectionAssert.AreEqual(expected, c, $"n {n}, k {k}, ldb {ldb}, offset {offset}, a stride {aStride}, accumulate {accumulate}");
        }
    }
}
