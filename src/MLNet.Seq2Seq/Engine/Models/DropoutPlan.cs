namespace MLNet.Seq2Seq.Engine.Models;

/// <summary>Dropout to apply during a training pass: the rate and the seed its masks are drawn from.</summary>
internal readonly record struct DropoutPlan(ulong Seed, float Rate)
{
    /// <summary>Coordinate of an encoder layer's input at a step, for mask keys.</summary>
    public static ulong EncoderCoordinate(int layer, int t) => ((ulong)layer << 32) | (uint)t;

    /// <summary>Coordinate of a decoder layer's input at a step, for mask keys.</summary>
    public static ulong DecoderCoordinate(int layer, int t) => (1UL << 63) | ((ulong)layer << 32) | (uint)t;
}
