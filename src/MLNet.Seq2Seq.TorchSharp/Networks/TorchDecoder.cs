using static TorchSharp.torch;

namespace MLNet.Seq2Seq.TorchSharp.Networks;

/// <summary>
/// The decoder pass of <see cref="Engine.Models.Decoder"/> on libtorch, over any number of steps whose input keys are
/// known (all of them with teacher forcing, one at a time where an input depends on the decoder's own output: greedy
/// decoding and input feeding): embedding → layers (initial state and static context per decoder form) → logits from
/// the top state (+ context·Wc for peeky) or, with attention, from the attentional vector.
/// </summary>
internal static class TorchDecoder
{
    /// <summary>The initial state: each layer from the encoder's matching final state where the form says so.</summary>
    public static DecoderState Begin(TorchNetwork net, EncodedSources encoded)
    {
        var shape = net.Shape;
        var hidden = new Tensor?[shape.Layers];
        var cell = new Tensor?[shape.Layers];
        for (int l = 0; l < shape.Layers; l++)
        {
            hidden[l] = shape.DecoderStartsFromContext ? encoded.FinalHidden[l]!.unsqueeze(0) : null;
            cell[l] = shape.DecoderStartsFromCell ? encoded.FinalCell[l]!.unsqueeze(0) : null;
        }

        var fed = shape.FeedsAttention ? zeros(1, encoded.Context.shape[0], shape.HiddenSize, device: net.Device) : null;
        return new DecoderState(hidden, cell, fed);
    }

    /// <summary>
    /// Runs the steps whose input keys are <paramref name="keys"/> [T, B] (T = 1 with input feeding) from
    /// <paramref name="state"/>, which it advances; returns the logits [T, B, Vt] and, with attention, the weights
    /// [B, T, Ts]. Dropout (the shape's rate) applies to every layer's per-step input when <paramref name="training"/>.
    /// </summary>
    public static (Tensor Logits, Tensor? Weights) Run(TorchNetwork net, DecoderState state, Tensor keys, EncodedSources encoded, bool training)
    {
        var shape = net.Shape;
        long steps = keys.shape[0], batch = keys.shape[1];
        Tensor? x = net.TargetEmbedding?.index_select(0, keys.flatten()).view(steps, batch, shape.EmbeddingSize);
        if (state.Fed is { } fed)
        {
            x = cat([x!, fed], -1);
        }

        var context = encoded.Context.unsqueeze(0).expand(steps, batch, shape.HiddenSize);
        Tensor top = null!;
        for (int l = 0; l < shape.Layers; l++)
        {
            Tensor? input = l == 0 ? x : top;
            if (input is not null && training && shape.Dropout > 0)
            {
                input = nn.functional.dropout(input, shape.Dropout, training: true);
            }

            if (net.Layout.DecoderLayers[l].StaticSize > 0)
            {
                input = input is null ? context : cat([input, context], -1);
            }

            (top, var hidden, var cell) = net.DecoderLayers[l].Run(input!, state.Hidden[l], state.Cell[l]);
            state.Hidden[l] = hidden;
            state.Cell[l] = cell;
        }

        Tensor? weights = null;
        if (net.Attention is { } attention)
        {
            (top, weights) = attention.Forward(top, encoded.Memory, encoded.Keys!, encoded.Padding);
            if (state.Fed is not null)
            {
                state.Fed = top;
            }
        }

        var logits = top.matmul(net.OutputWeight) + net.OutputBias;
        if (net.OutputContextWeight is { } contextWeight)
        {
            logits = logits + encoded.Context.matmul(contextWeight);
        }

        return (logits, weights);
    }
}
