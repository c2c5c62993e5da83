using System.Numerics.Tensors;
using MLNet.Seq2Seq.Engine.Kernels;
using MLNet.Seq2Seq.Engine.Layers;

namespace MLNet.Seq2Seq.Engine.Models;

/// <summary>
/// The encoder pass: source keys [Ts, B] → embeddings [Ts, B, E] → recurrent layers, each row stopping at its own
/// length, so its final state (the context) is the state at its last real token whatever the padding.
/// </summary>
/// <remarks>
/// Bidirectional: each layer has a forward direction reading positions 0 … len − 1 and a backward direction reading
/// len − 1 … 0 of each row's own length, so padding enters neither. Layer l + 1 reads [forward; backward] [Ts, B, 2H]
/// in source order. The final [forward; backward] states (the forward direction after the last real token, the
/// backward one after the first) are projected to H by learned bridges (<see cref="StateBridge"/>: tanh for hidden
/// states, linear for cell states), and the top layer's per-step outputs by the top hidden bridge into the memory.
/// </remarks>
internal static class Encoder
{
    /// <summary>Runs the encoder over the workspace's loaded sources; <paramref name="dropout"/> is null at inference.</summary>
    public static void Forward(NetworkWorkspace ws, DropoutPlan? dropout)
    {
        var net = ws.Network;
        var values = net.Parameters.Values;
        int batch = ws.Batch, steps = ws.SourceSteps, e = net.Shape.EmbeddingSize;
        Embedding.Forward(net.SourceEmbedding.Of(values), e, ws.SourceTokens.AsSpan(0, steps * batch), ws.SourceEmbedded);
        var layers = net.EncoderLayers;
        var bi = ws.Bidirectional;
        for (int l = 0; l < layers.Length; l++)
        {
            int width = layers[l].InputSize;
            ReadOnlySpan<float> input = l == 0 ? ws.SourceEmbedded.AsSpan(0, steps * batch * e) : LayerOutputs(ws, l - 1);
            if (dropout is { } plan)
            {
                for (int t = 0; t < steps; t++)
                {
                    Dropout.ForwardRows(plan.Seed, plan.Rate, ws.RowKeys.AsSpan(0, batch), DropoutPlan.EncoderCoordinate(l, t),
                        input.Slice(t * batch * width, batch * width), width,
                        ws.EncoderMasks[l].AsSpan(t * batch * width, batch * width), ws.EncoderDropped[l].AsSpan(t * batch * width, batch * width));
                }

                input = ws.EncoderDropped[l].AsSpan(0, steps * batch * width);
            }

            Run(ws, layers[l], ws.Encoder[l], input, l == 0 && dropout is null ? ws.SourceGateTable : null);
            if (bi is not null)
            {
                var reversed = bi.Reversed.AsSpan(0, steps * batch * width);
                TimeMajorBlocks.Reverse(input, width, 0, reversed, width, 0, width, batch, steps, ws.SourceLengths, accumulate: false);
                Run(ws, net.EncoderBackwardLayers[l], bi.Backward[l], reversed);
                ConcatenateDirections(ws, bi, l);
            }
        }

        if (bi is not null)
        {
            BridgeForward(ws, bi);
        }
    }

    /// <summary>[B, H]: the context, the top layer's final hidden state.</summary>
    public static Span<float> Context(NetworkWorkspace ws) => FinalHidden(ws, ws.Network.Shape.Layers - 1);

    /// <summary>[B, H]: layer <paramref name="layer"/>'s final hidden state (bridged when bidirectional).</summary>
    public static Span<float> FinalHidden(NetworkWorkspace ws, int layer) => ws.Bidirectional is { } bi
        ? bi.BridgedHidden[layer].AsSpan(0, ws.Batch * ws.Network.Shape.HiddenSize)
        : ws.Encoder[layer].HiddenAfter(ws.SourceSteps - 1);

    /// <summary>[B, H]: layer <paramref name="layer"/>'s final cell state (bridged when bidirectional); empty for GRU cells.</summary>
    public static Span<float> FinalCell(NetworkWorkspace ws, int layer)
    {
        if (!ws.Network.EncoderLayers[layer].HasCell)
        {
            return [];
        }

        return ws.Bidirectional is { } bi
            ? bi.BridgedCell[layer].AsSpan(0, ws.Batch * ws.Network.Shape.HiddenSize)
            : ws.Encoder[layer].CellAfter(ws.SourceSteps - 1);
    }

    /// <summary>
    /// [Ts, B, H]: the attention memory, the top layer's per-step outputs (projected by the top hidden bridge when
    /// bidirectional). Rows past a row's source length hold states that attention must mask.
    /// </summary>
    public static Span<float> Memory(NetworkWorkspace ws)
    {
        int size = ws.SourceSteps * ws.Batch * ws.Network.Shape.HiddenSize;
        return ws.Bidirectional is { } bi
            ? bi.Memory.AsSpan(0, size)
            : ws.Encoder[^1].Hidden.AsSpan(ws.Batch * ws.Network.Shape.HiddenSize, size);
    }

    /// <summary>
    /// Backpropagates the decoder's gradients of the final states (<see cref="NetworkWorkspace.FinalHiddenGradients"/>,
    /// <see cref="NetworkWorkspace.FinalCellGradients"/>), of the context (<see cref="NetworkWorkspace.ContextGradient"/>)
    /// and of the memory (<see cref="NetworkWorkspace.MemoryGradients"/>) down to the source embedding, adding
    /// parameter gradients into <paramref name="gradients"/>.
    /// </summary>
    public static void Backward(NetworkWorkspace ws, DropoutPlan? dropout, float[] gradients)
    {
        var net = ws.Network;
        var values = net.Parameters.Values;
        int batch = ws.Batch, steps = ws.SourceSteps, h = net.Shape.HiddenSize;
        var layers = net.EncoderLayers;
        var top = ws.FinalHiddenGradients[^1].AsSpan(0, batch * h);
        TensorPrimitives.Add(top, ws.ContextGradient.AsSpan(0, batch * h), top);
        var bi = ws.Bidirectional;

        ReadOnlySpan<float> fromAbove = net.Shape.HasAttention ? ws.MemoryGradients.AsSpan(0, steps * batch * h) : default;
        if (bi is not null)
        {
            var memoryGradient = bi.BridgeGradient.AsSpan(0, steps * batch * h);
            if (fromAbove.IsEmpty)
            {
                memoryGradient.Clear();
            }
            else
            {
                fromAbove.CopyTo(memoryGradient);
            }

            var dOutputs = ws.InputGradientsB.AsSpan(0, steps * batch * 2 * h);
            net.HiddenBridges[^1]!.Backward(values, bi.Outputs[^1], bi.Memory, memoryGradient, steps * batch, dOutputs, false, gradients);
            fromAbove = dOutputs;
        }

        Span<float> dInputs = default;
        for (int l = layers.Length - 1; l >= 0; l--)
        {
            int width = layers[l].InputSize;
            dInputs = ((layers.Length - 1 - l) % 2 == 0 ? ws.InputGradientsA : ws.InputGradientsB).AsSpan(0, steps * batch * width);
            if (bi is null)
            {
                layers[l].Backward(values, ws.Encoder[l], steps, ws.SourceLengths, fromAbove,
                    ws.FinalHiddenGradients[l].AsSpan(0, batch * h), ws.FinalCellGradients[l].AsSpan(0, batch * h),
                    dInputs, default, default, default, gradients);
            }
            else
            {
                BidirectionalLayerBackward(ws, bi, l, fromAbove, dInputs, gradients);
            }

            if (dropout is not null)
            {
                Dropout.Apply(dInputs, ws.EncoderMasks[l].AsSpan(0, dInputs.Length), dInputs);
            }

            fromAbove = dInputs;
        }

        Embedding.Backward(ws.SourceTokens.AsSpan(0, steps * batch), net.Shape.EmbeddingSize, dInputs, net.SourceEmbedding.Of(gradients));
    }

    /// <summary>[Ts, B, H or 2H]: layer <paramref name="layer"/>'s per-step outputs in source order.</summary>
    private static ReadOnlySpan<float> LayerOutputs(NetworkWorkspace ws, int layer)
    {
        int size = ws.SourceSteps * ws.Batch * ws.Network.Shape.EncoderOutputSize;
        return ws.Bidirectional is { } bi
            ? bi.Outputs[layer].AsSpan(0, size)
            : ws.Encoder[layer].Hidden.AsSpan(ws.Batch * ws.Network.Shape.HiddenSize, size);
    }

    /// <summary>Runs one layer over the source steps; a single row reads its input rows' sums from <paramref name="table"/> when given.</summary>
    private static void Run(NetworkWorkspace ws, IRecurrentLayer layer, IRecurrentActivations activations, ReadOnlySpan<float> input,
        InputGateTable? table = null)
    {
        var values = ws.Network.Parameters.Values;
        int batch = ws.Batch, steps = ws.SourceSteps, width = layer.InputSize;
        layer.Begin(values, activations, batch, steps, default, default, default);
        if (table is not null && batch == 1 && RowProduct.IsAvailable && layer is LstmLayer lstm)
        {
            lstm.RunFromTable(values, (LstmActivations)activations, steps, input[..(steps * width)], table, ws.SourceTokens.AsSpan(0, steps), ws.SourceLengths);
            return;
        }

        layer.Run(values, activations, steps, input[..(steps * batch * width)], ws.SourceLengths);
    }

    /// <summary>Writes layer <paramref name="layer"/>'s [forward; backward] outputs [Ts, B, 2H] in source order.</summary>
    private static void ConcatenateDirections(NetworkWorkspace ws, BidirectionalBuffers bi, int layer)
    {
        int batch = ws.Batch, steps = ws.SourceSteps, h = ws.Network.Shape.HiddenSize;
        var outputs = bi.Outputs[layer].AsSpan(0, steps * batch * 2 * h);
        TimeMajorBlocks.Copy(ws.Encoder[layer].Hidden.AsSpan(batch * h), h, 0, outputs, 2 * h, 0, h, steps * batch);
        TimeMajorBlocks.Reverse(bi.Backward[layer].Hidden.AsSpan(batch * h), h, 0, outputs, 2 * h, h, h, batch, steps, ws.SourceLengths, accumulate: false);
    }

    /// <summary>Projects every read layer's final [forward; backward] states, and the top layer's outputs, to H.</summary>
    private static void BridgeForward(NetworkWorkspace ws, BidirectionalBuffers bi)
    {
        var net = ws.Network;
        var values = net.Parameters.Values;
        int batch = ws.Batch, last = ws.SourceSteps - 1, h = net.Shape.HiddenSize;
        for (int l = 0; l < net.Shape.Layers; l++)
        {
            if (net.HiddenBridges[l] is { } hiddenBridge)
            {
                var final = bi.FinalHidden[l].AsSpan(0, batch * 2 * h);
                TimeMajorBlocks.Copy(ws.Encoder[l].HiddenAfter(last), h, 0, final, 2 * h, 0, h, batch);
                TimeMajorBlocks.Copy(bi.Backward[l].HiddenAfter(last), h, 0, final, 2 * h, h, h, batch);
                hiddenBridge.Forward(values, final, batch, bi.BridgedHidden[l]);
            }

            if (net.CellBridges[l] is { } cellBridge)
            {
                var final = bi.FinalCell[l].AsSpan(0, batch * 2 * h);
                TimeMajorBlocks.Copy(ws.Encoder[l].CellAfter(last), h, 0, final, 2 * h, 0, h, batch);
                TimeMajorBlocks.Copy(bi.Backward[l].CellAfter(last), h, 0, final, 2 * h, h, h, batch);
                cellBridge.Forward(values, final, batch, bi.BridgedCell[l]);
            }
        }

        net.HiddenBridges[^1]!.Forward(values, bi.Outputs[^1], ws.SourceSteps * batch, bi.Memory);
    }

    /// <summary>
    /// One bidirectional layer's backward: from the gradient of its outputs dOutputs [Ts, B, 2H] (source order) and of
    /// its bridged final states to the gradient of its input dInputs [Ts, B, D] (overwritten).
    /// </summary>
    private static void BidirectionalLayerBackward(NetworkWorkspace ws, BidirectionalBuffers bi, int layer,
        ReadOnlySpan<float> dOutputs, Span<float> dInputs, float[] gradients)
    {
        var net = ws.Network;
        var values = net.Parameters.Values;
        int batch = ws.Batch, steps = ws.SourceSteps, h = net.Shape.HiddenSize, width = net.EncoderLayers[layer].InputSize;
        var lengths = ws.SourceLengths;
        var forwardOutputs = bi.ForwardOutputGradients.AsSpan(0, steps * batch * h);
        var backwardOutputs = bi.BackwardOutputGradients.AsSpan(0, steps * batch * h);
        TimeMajorBlocks.Copy(dOutputs, 2 * h, 0, forwardOutputs, h, 0, h, steps * batch);
        TimeMajorBlocks.Reverse(dOutputs, 2 * h, h, backwardOutputs, h, 0, h, batch, steps, lengths, accumulate: false);

        var finals = bi.DirectionFinalGradients;
        bool hidden = BridgeBackward(ws, bi, net.HiddenBridges[layer], bi.FinalHidden[layer], bi.BridgedHidden[layer],
            ws.FinalHiddenGradients[layer], finals[0], finals[1], gradients);
        bool cell = BridgeBackward(ws, bi, net.CellBridges[layer], bi.FinalCell[layer], bi.BridgedCell[layer],
            ws.FinalCellGradients[layer], finals[2], finals[3], gradients);
        ReadOnlySpan<float> Final(int i, bool used) => used ? finals[i].AsSpan(0, batch * h) : default;

        net.EncoderLayers[layer].Backward(values, ws.Encoder[layer], steps, lengths, forwardOutputs,
            Final(0, hidden), Final(2, cell), dInputs, default, default, default, gradients);
        var reversedInputs = bi.Reversed.AsSpan(0, steps * batch * width);
        net.EncoderBackwardLayers[layer].Backward(values, bi.Backward[layer], steps, lengths, backwardOutputs,
            Final(1, hidden), Final(3, cell), reversedInputs, default, default, default, gradients);
        TimeMajorBlocks.Reverse(reversedInputs, width, 0, dInputs, width, 0, width, batch, steps, lengths, accumulate: true);
    }

    /// <summary>
    /// Backpropagates a final-state bridge (if any): from the gradient of its output to the forward and backward
    /// directions' final-state gradients [B, H]. Returns false when the layer has no such bridge.
    /// </summary>
    private static bool BridgeBackward(NetworkWorkspace ws, BidirectionalBuffers bi, StateBridge? bridge, float[] input,
        float[] output, float[] outputGradient, float[] forwardFinal, float[] backwardFinal, float[] gradients)
    {
        if (bridge is null)
        {
            return false;
        }

        int batch = ws.Batch, h = ws.Network.Shape.HiddenSize;
        var dy = bi.BridgeGradient.AsSpan(0, batch * h);
        outputGradient.AsSpan(0, batch * h).CopyTo(dy);
        var dx = bi.FinalGradient.AsSpan(0, batch * 2 * h);
        bridge.Backward(ws.Network.Parameters.Values, input, output, dy, batch, dx, false, gradients);
        TimeMajorBlocks.Copy(dx, 2 * h, 0, forwardFinal, h, 0, h, batch);
        TimeMajorBlocks.Copy(dx, 2 * h, h, backwardFinal, h, 0, h, batch);
        return true;
    }
}
