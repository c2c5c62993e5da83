namespace MLNet.Seq2Seq.Engine.Kernels;

/// <summary>
/// A single-row product that continues FMA chains an earlier product started: the LSTM encoder computes the input
/// rows' part of every step's gates at once ([T, D] · W[0..D), one batched product), and each step then continues each
/// gate's chain over the hidden rows W[D..D + H) from there, so every gate is still the one chain over p = 0..D + H - 1
/// from zero that <see cref="Gemm"/> computes, while W's input rows are read once per sequence instead of once a step.
/// </summary>
internal static class RowProduct
{
    /// <summary>
    /// Whether <see cref="ContinueAndAdd"/> runs on the current thread: it needs the AVX-512 row kernel, and the chains it
    /// continues must be the fused ones that <see cref="Gemm"/> computes there.
    /// </summary>
    public static bool IsAvailable => Gemm.UsesAvx512;

    /// <summary>
    /// c[j] = c[j] + s[j], where s[j] continues from <paramref name="initial"/>[j] the chain s = fma(a[p], B[p, j], s)
    /// for p = 0..k-1 (n and k positive): with <paramref name="initial"/> the result of <see cref="Gemm.Multiply"/> over earlier rows of the
    /// same B, s is bit-identical to one product over all of them. B is [k, n], rows <paramref name="ldb"/> apart.
    /// </summary>
    public static unsafe void ContinueAndAdd(ReadOnlySpan<float> a, ReadOnlySpan<float> b, int ldb, ReadOnlySpan<float> initial, Span<float> c, int n, int k)
    {
        if (!IsAvailable)
        {
            throw new InvalidOperationException("The continuing row product needs the AVX-512 kernels (see RowProduct.IsAvailable).");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        ArgumentOutOfRangeException.ThrowIfLessThan(a.Length, k, nameof(a));
        ArgumentOutOfRangeException.ThrowIfLessThan(initial.Length, n, nameof(initial));
        ArgumentOutOfRangeException.ThrowIfLessThan(c.Length, n, nameof(c));
        ArgumentOutOfRangeException.ThrowIfLessThan(ldb, n, nameof(ldb));
        ArgumentOutOfRangeException.ThrowIfLessThan(b.Length, ((k - 1) * ldb) + n, nameof(b));
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pi = initial)
        fixed (float* pc = c)
        {
            RowProductAvx512.Multiply(pa, 1, pb, ldb, k, pc, n, accumulate: true, pi);
        }
    }
}
