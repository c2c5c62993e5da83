namespace MLNet.Seq2Seq.Engine.Kernels;

/// <summary>
/// Stateless random numbers keyed by a seed and a position (a counter-based generator built on SplitMix64 mixing).
/// The value drawn for (seed, a, b, c) never depends on which thread asks or in which order, which keeps
/// dropout masks, scheduled sampling and shuffles identical whatever the thread count.
/// </summary>
internal static class CounterRandom
{
    /// <summary>Mixes a 64-bit value into a well-distributed 64-bit value.</summary>
    public static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A 64-bit value for the given seed and coordinates.</summary>
    public static ulong Bits(ulong seed, ulong a, ulong b = 0, ulong c = 0) =>
        Mix(Mix(Mix(Mix(seed) ^ a) ^ b) ^ c);

    /// <summary>A uniform float in [0, 1) for the given seed and coordinates.</summary>
    public static float Uniform(ulong seed, ulong a, ulong b = 0, ulong c = 0) =>
        (Bits(seed, a, b, c) >> 40) * (1f / (1 << 24));

    /// <summary>A standard normal float (Box-Muller) for the given seed and coordinates.</summary>
    public static float Normal(ulong seed, ulong a, ulong b = 0)
    {
        double u1 = ((Bits(seed, a, b, 1) >> 11) + 1.0) / (1UL << 53);
        double u2 = (Bits(seed, a, b, 2) >> 11) / (double)(1UL << 53);
        return (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }
}
