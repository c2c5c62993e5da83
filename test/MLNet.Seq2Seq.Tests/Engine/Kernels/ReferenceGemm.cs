namespace MLNet.Seq2Seq.Tests.Engine.Kernels;

/// <summary>The textbook triple loop in double precision, with the error scale each element is allowed.</summary>
internal static class ReferenceGemm
{
    /// <summary>
    /// Returns C (+)= op(A) · op(B) as doubles [m, n] (leading dimension n), and for each element the sum of the
    /// magnitudes of its terms (including the old C when accumulating), which bounds the float rounding error.
    /// </summary>
    public static (double[] Values, double[] Magnitudes) Multiply(
        float[] a, int lda, bool transposeA, float[] b, int ldb, bool transposeB, float[] c, int ldc,
        int m, int n, int k, bool accumulate)
    {
        var values = new double[m * n];
        var magnitudes = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = accumulate ? c[(i * ldc) + j] : 0d;
                double magnitude = Math.Abs(sum);
                for (int p = 0; p < k; p++)
                {
                    double av = transposeA ? a[(p * lda) + i] : a[(i * lda) + p];
                    double bv = transposeB ? b[(j * ldb) + p] : b[(p * ldb) + j];
                    sum += av * bv;
                    magnitude += Math.Abs(av * bv);
                }

                values[(i * n) + j] = sum;
                magnitudes[(i * n) + j] = magnitude;
            }
        }

        return (values, magnitudes);
    }
}
