using MLNet.Seq2Seq.Engine.Kernels;
using MLNet.Seq2Seq.Engine.Models;

namespace MLNet.Seq2Seq.Engine.Layers;

/// <summary>
/// Each token's part of the gates of an LSTM layer that reads an embedding: e_v·W[0..D) [V, 4H], every gate's FMA chain
/// over the D input rows from zero, as <see cref="Gemm"/> computes it. A single-row step continues a row of it over the
/// hidden rows (<see cref="LstmLayer.ContinueStep"/>), so it reads neither the token's embedding nor W's input rows, and
/// its gates are the same, bit for bit, as those of the product over [x; h]. The table holds the values it was computed
/// from: it is valid only while they do not change.
/// </summary>
internal sealed class InputGateTable
{
    /// <summary>Most floats a table may hold (4 MiB): a larger vocabulary would cost more memory than its rows save time.</summary>
    public const int MaximumFloats = 1 << 20;

    private readonly float[] sums;
    private readonly int gateSize;

    private InputGateTable(float[] sums, int gateSize)
    {
        this.sums = sums;
        this.gateSize = gateSize;
    }

    /// <summary>
    /// The table of <paramref name="layer"/> reading <paramref name="embedding"/> [V, D] in <paramref name="values"/>;
    /// null where the continuing row product is missing (<see cref="RowProduct.IsAvailable"/>), the layer reads more
    /// than the embedding, or the table would exceed <see cref="MaximumFloats"/>.
    /// </summary>
    public static InputGateTable? TryCreate(float[] values, Parameter embedding, LstmLayer layer)
    {
        int vocabulary = embedding.Shape[0], width = embedding.Shape[1], gateSize = 4 * layer.HiddenSize;
        if (!RowProduct.IsAvailable || width != layer.InputSize || (long)vocabulary * gateSize > MaximumFloats)
        {
            return null;
        }

        var sums = new float[vocabulary * gateSize];
        Gemm.Multiply(embedding.Of(values), width, false, layer.Weight.Of(values), gateSize, false,
            sums, gateSize, vocabulary, gateSize, width, accumulate: false);
        return new InputGateTable(sums, gateSize);
    }

    /// <summary>[4H]: the input rows' sums of token <paramref name="token"/>.</summary>
    public ReadOnlySpan<float> Row(int token) => sums.AsSpan(token * gateSize, gateSize);
}
