using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MLNet.Seq2Seq.Engine.Kernels;

/// <summary>
/// The engine's sigmoid and tanh, 16 lanes at a time, so that a fused cell activates its gates in registers instead of
/// one library call per gate. Every lane is the same sequence of IEEE operations (multiply, add, fused multiply-add,
/// divide, each rounded to nearest even), whatever the vector hardware (without AVX-512 the runtime computes each
/// <see cref="Vector512{T}"/> as narrower halves), so the results are the same on every machine and wherever a row
/// starts. Against the exact value rounded to float: exp within 1 ulp, sigmoid and tanh within 2 ulp (the tests sweep
/// their ranges).
/// </summary>
internal static class ActivationFunctions
{
    /// <summary>Lanes per vector.</summary>
    public const int Width = 16;

    // ln 2 = Ln2High + Ln2Low to about 2^-48, so that r = x - n·ln 2 keeps its low bits.
    private const float Ln2High = 0.693145752f;
    private const float Ln2Low = 1.42860677e-6f;
    private const float Log2E = 1.44269504f;
    private const float RoundingBias = 12582912f + 127f;

    // e^x stays a normal float for x in [ExpFloor, ExpCeiling]; tanh(x) is 1 in float for |x| ≥ 10, where e^-2|x| is
    // below TanhExpFloor.
    private const float ExpFloor = -87f;
    private const float ExpCeiling = 88f;
    private const float TanhExpFloor = -20f;

    /// <summary>
    /// e^x, for x clamped to [-87, 88]: x = n·ln 2 + r with |r| ≤ ln 2 / 2, e^r by its Taylor series to r^7 (truncation
    /// under 6e-9 relative), times 2^n built in the exponent bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x)
    {
        x = Clamp(x, ExpFloor, ExpCeiling);
        var (twoToN, r) = Reduce(x);
        var p = ExpSeries(Vector512.Create(1f / 5040f), r);
        return Vector512.FusedMultiplyAdd(p, r, Vector512<float>.One) * twoToN;
    }

    /// <summary>σ(x) = 1 / (1 + e^-x).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sigmoid(Vector512<float> x) => Vector512<float>.One / (Vector512<float>.One + Exp(-x));

    /// <summary>
    /// tanh(x) = sign(x)·(-m / (2 + m)) with m = e^-2|x| - 1, which keeps full relative precision near 0 because m is
    /// computed as 2^n·(e^r - 1) + (2^n - 1), e^r - 1 by its Taylor series to r^8 (n = 0 for |x| below about 0.17).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh(Vector512<float> x)
    {
        var y = Vector512.MaxNative(Vector512.Create(TanhExpFloor), Vector512.Create(-2f) * Vector512.Abs(x));
        var (scale, r) = Reduce(y);
        var p = ExpSeries(Vector512.FusedMultiplyAdd(Vector512.Create(1f / 40320f), r, Vector512.Create(1f / 5040f)), r);
        var m = Vector512.FusedMultiplyAdd(scale, p * r, scale - Vector512<float>.One);
        var magnitude = -m / (Vector512.Create(2f) + m);
        return Vector512.CopySign(magnitude, x);
    }

    /// <summary>σ of every element of <paramref name="x"/> into <paramref name="y"/> (which may be the same span).</summary>
    public static void Sigmoid(ReadOnlySpan<float> x, Span<float> y)
    {
        for (int k = 0; k < x.Length; k += Width)
        {
            Store(Sigmoid(Load(x[k..])), y[k..]);
        }
    }

    /// <summary>tanh of every element of <paramref name="x"/> into <paramref name="y"/> (which may be the same span).</summary>
    public static void Tanh(ReadOnlySpan<float> x, Span<float> y)
    {
        for (int k = 0; k < x.Length; k += Width)
        {
            Store(Tanh(Load(x[k..])), y[k..]);
        }
    }

    /// <summary>The first <see cref="Width"/> elements of <paramref name="x"/>, or all of a shorter span followed by zeros.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(ReadOnlySpan<float> x)
    {
        return x.Length >= Width ? Vector512.Create(x) : LoadPartial(x);
    }

    /// <summary>Writes the first <see cref="Width"/> lanes of <paramref name="v"/>, or as many as a shorter <paramref name="y"/> holds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<float> v, Span<float> y)
    {
        if (y.Length >= Width)
        {
            v.CopyTo(y);
        }
        else
        {
            StorePartial(v, y);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector512<float> LoadPartial(ReadOnlySpan<float> x)
    {
        Span<float> lanes = stackalloc float[Width];
        lanes.Clear();
        x.CopyTo(lanes);
        return Vector512.Create(lanes);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void StorePartial(Vector512<float> v, Span<float> y)
    {
        Span<float> lanes = stackalloc float[Width];
        v.CopyTo(lanes);
        lanes[..y.Length].CopyTo(y);
    }

    /// <summary>
    /// (e^r - 1) / r = 1 + r/2! + r²/3! + ... by Horner's rule, continued from <paramref name="higherTerms"/>, the sum of
    /// the series from its r^6/7! term on divided by r^6.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> ExpSeries(Vector512<float> higherTerms, Vector512<float> r)
    {
        var p = Vector512.FusedMultiplyAdd(higherTerms, r, Vector512.Create(1f / 720f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1f / 120f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1f / 24f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1f / 6f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(0.5f));
        return Vector512.FusedMultiplyAdd(p, r, Vector512<float>.One);
    }

    /// <summary>
    /// x limited to [low, high], NaN kept: the native minimum and maximum (one instruction each, where IEEE's need several)
    /// return their second operand when either is NaN on x86, and NaN on Arm. The tanh relies on the same order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Clamp(Vector512<float> x, float low, float high) =>
        Vector512.MinNative(Vector512.Create(high), Vector512.MaxNative(Vector512.Create(low), x));

    /// <summary>
    /// x = n·ln 2 + r with n the nearest integer to x / ln 2 and |r| ≤ ln 2 / 2; returns 2^n and r. Adding 1.5·2^23 rounds
    /// x / ln 2 to the nearest integer in the low bits of the sum, which shifted into the exponent field give 2^n
    /// (the exponent's bias, 127, is part of the added constant); n must lie in [-126, 127].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<float> TwoToN, Vector512<float> R) Reduce(Vector512<float> x)
    {
        var biased = Vector512.FusedMultiplyAdd(x, Vector512.Create(Log2E), Vector512.Create(RoundingBias));
        var n = biased - Vector512.Create(RoundingBias);
        var r = Vector512.FusedMultiplyAdd(-n, Vector512.Create(Ln2High), x);
        r = Vector512.FusedMultiplyAdd(-n, Vector512.Create(Ln2Low), r);
        return (Vector512.ShiftLeft(biased.AsInt32(), 23).AsSingle(), r);
    }
}
