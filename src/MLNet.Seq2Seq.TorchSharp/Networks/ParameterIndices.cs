using MLNet.Seq2Seq.Engine.Layers;
using MLNet.Seq2Seq.Engine.Models;

namespace MLNet.Seq2Seq.TorchSharp.Networks;

/// <summary>
/// Builds the managed index of every element of a libtorch tensor (see <see cref="ParameterMap"/>): the identity for
/// tensors kept in the managed layout, and the transposed, gate-reordered layout of nn.LSTM and nn.GRU weights.
/// </summary>
internal static class ParameterIndices
{
    /// <summary>A tensor shaped and laid out like <paramref name="parameter"/>.</summary>
    public static int[] Same(Parameter parameter) => Enumerable.Range(parameter.Offset, parameter.Length).ToArray();

    /// <summary>
    /// libtorch's weight_ih, weight_hh, bias_ih and bias_hh of one direction of a one-layer nn.LSTM or nn.GRU
    /// standing for <paramref name="layer"/>, whose input is [per-step input; static input] (the static input, such as
    /// a peeky decoder's context, repeated at every step).
    /// </summary>
    /// <remarks>
    /// Managed weights are [rows, G·H] row-major with gate blocks along the columns; libtorch's are [G·H, columns],
    /// the transpose. LSTM: W [D + H, 4H] holds the input rows then the hidden rows, gates i, f, g, o as in libtorch;
    /// its one bias b becomes bias_ih and bias_hh stays zero (-1: frozen). GRU: Wx [D, 3H], Wh [H, 3H], bx, bh with
    /// gates z, r, n, where libtorch orders r, z, n; the reset gate multiplies (h·Wh_n + bh_n) in both.
    /// </remarks>
    public static (int[] InputWeight, int[] HiddenWeight, int[] InputBias, int[] HiddenBias) Recurrent(IRecurrentLayer layer)
    {
        int h = layer.HiddenSize;
        switch (layer)
        {
            case LstmLayer lstm:
            {
                int[] order = [0, 1, 2, 3];
                var inputs = new List<(Parameter, int)>();
                if (lstm.InputSize > 0)
                {
                    inputs.Add((lstm.Weight, 0));
                }

                if (lstm.StaticWeight is { } lstmStatic)
                {
                    inputs.Add((lstmStatic, 0));
                }

                return (Weight(inputs, RowCounts(lstm), order, h),
                    Weight([(lstm.Weight, lstm.InputSize)], [h], order, h),
                    Bias(lstm.Bias, order, h),
                    Enumerable.Repeat(-1, 4 * h).ToArray());
            }

            case GruLayer gru:
            {
                int[] order = [1, 0, 2];
                var inputs = new List<(Parameter, int)>();
                if (gru.InputWeight is { } inputWeight)
                {
                    inputs.Add((inputWeight, 0));
                }

                if (gru.StaticWeight is { } gruStatic)
                {
                    inputs.Add((gruStatic, 0));
                }

                return (Weight(inputs, RowCounts(gru), order, h),
                    Weight([(gru.HiddenWeight, 0)], [h], order, h),
                    Bias(gru.InputBias, order, h),
                    Bias(gru.HiddenBias, order, h));
            }

            default:
                throw new NotSupportedException($"No libtorch mapping for {layer.GetType().Name}.");
        }
    }

    /// <summary>Rows each input block contributes: the per-step input (when any), then the static input (when any).</summary>
    private static int[] RowCounts(IRecurrentLayer layer) =>
        new[] { layer.InputSize, layer.StaticSize }.Where(rows => rows > 0).ToArray();

    /// <summary>
    /// [G·H, Σ rows] libtorch weight from managed blocks [rows, G·H] (block b starts at row firstRow of its parameter);
    /// libtorch gate block k holds managed gate block order[k].
    /// </summary>
    private static int[] Weight(IReadOnlyList<(Parameter Parameter, int FirstRow)> blocks, int[] rows, int[] order, int h)
    {
        int gates = order.Length * h, columns = rows.Sum();
        var indices = new int[gates * columns];
        int column = 0;
        for (int b = 0; b < blocks.Count; b++)
        {
            var (parameter, firstRow) = blocks[b];
            for (int i = 0; i < rows[b]; i++)
            {
                for (int k = 0; k < order.Length; k++)
                {
                    for (int u = 0; u < h; u++)
                    {
                        indices[(k * h + u) * columns + column + i] = parameter.Offset + (firstRow + i) * gates + order[k] * h + u;
                    }
                }
            }

            column += rows[b];
        }

        return indices;
    }

    /// <summary>[G·H] libtorch bias from a managed [G·H] bias, gate blocks reordered.</summary>
    private static int[] Bias(Parameter bias, int[] order, int h)
    {
        var indices = new int[order.Length * h];
        for (int k = 0; k < order.Length; k++)
        {
            for (int u = 0; u < h; u++)
            {
                indices[k * h + u] = bias.Offset + order[k] * h + u;
            }
        }

        return indices;
    }
}
