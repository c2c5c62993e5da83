using System.Numerics.Tensors;
using MLNet.Seq2Seq.Engine.Kernels;
using MLNet.Seq2Seq.Engine.Layers;
using MLNet.Seq2Seq.Trainers;

namespace MLNet.Seq2Seq.Engine.Models;

/// <summary>
/// The decoder pass, one step at a time so that the caller chooses each next input (ground truth, sampled or greedy):
/// previous key [B] → embedding [B, E] → LSTM or GRU layers (initial state and static input per <see cref="DecoderForm"/>)
/// → logits [B, Vt] = h_top·W (+ context·Wc in the peeky form) + b; in the attention form the logits read the
/// attentional vector instead of h_top (see <see cref="AttentionDecoder"/>).
/// </summary>
internal static class Decoder
{
    /// <summary>Sets every layer's initial state and static input from the encoder, and the constant part of the logits.</summary>
    public static void Begin(NetworkWorkspace ws, int steps)
    {
        var net = ws.Network;
        var shape = net.Shape;
        var values = net.Parameters.Values;
        int batch = ws.Batch, v = shape.TargetVocabularySize;
        var context = Encoder.Context(ws);
        for (int l = 0; l < shape.Layers; l++)
        {
            ReadOnlySpan<float> h0 = shape.DecoderStartsFromContext ? Encoder.FinalHidden(ws, l) : default;
            ReadOnlySpan<float> c0 = shape.DecoderStartsFromCell ? Encoder.FinalCell(ws, l) : default;
            ReadOnlySpan<float> staticInput = net.DecoderLayers[l].StaticSize > 0 ? context : default;
            net.DecoderLayers[l].Begin(values, ws.Decoder[l], batch, steps, h0, c0, staticInput);
        }

        net.Attention?.Begin(values, ws.Attention!, batch, ws.SourceSteps, steps, Encoder.Memory(ws));

        var outputStatic = ws.OutputStatic.AsSpan(0, batch * v);
        var bias = net.OutputBias.Of(values);
        for (int r = 0; r < batch; r++)
        {
            bias.CopyTo(outputStatic.Slice(r * v, v));
        }

        if (net.OutputContextWeight is not null)
        {
            Gemm.Multiply(context, shape.HiddenSize, false, net.OutputContextWeight.Of(values), v, false,
                outputStatic, v, batch, v, shape.HiddenSize, accumulate: true);
        }
    }

    /// <summary>Step t: reads <see cref="NetworkWorkspace.DecoderInputs"/> at t and writes the logits [B, Vt] at t.</summary>
    public static void Step(NetworkWorkspace ws, int t, DropoutPlan? dropout)
    {
        var net = ws.Network;
        var values = net.Parameters.Values;
        int batch = ws.Batch, e = net.Shape.EmbeddingSize, v = net.Shape.TargetVocabularySize;
        var layers = net.DecoderLayers;
        if (net.TargetEmbedding is not null)
        {
            Embedding.Forward(net.TargetEmbedding.Of(values), e, ws.DecoderInputs.AsSpan(t * batch, batch),
                ws.TargetEmbedded.AsSpan(t * batch * e, batch * e));
        }

        for (int l = 0; l < layers.Length; l++)
        {
            int width = layers[l].InputSize;
            ReadOnlySpan<float> input = l > 0 ? ws.Decoder[l - 1].HiddenAfter(t)
                : net.Shape.FeedsAttention ? AttentionDecoder.FedInput(ws, t)
                : ws.TargetEmbedded.AsSpan(t * batch * e, batch * width);
            if (dropout is { } plan && width > 0)
            {
                var dropped = ws.DecoderDropped[l].AsSpan(t * batch * width, batch * width);
                Dropout.ForwardRows(plan.Seed, plan.Rate, ws.RowKeys.AsSpan(0, batch), DropoutPlan.DecoderCoordinate(l, t),
                    input, width, ws.DecoderMasks[l].AsSpan(t * batch * width, batch * width), dropped);
                input = dropped;
            }

            if (l == 0 && dropout is null && batch == 1 && ws.TargetGateTable is { } table && RowProduct.IsAvailable && layers[0] is LstmLayer lstm)
            {
                lstm.ContinueStep(values, (LstmActivations)ws.Decoder[0], t, input, table.Row(ws.DecoderInputs[t]), ws.DecoderLengths);
            }
            else
            {
                layers[l].Step(values, ws.Decoder[l], t, input, ws.DecoderLengths);
            }
        }

        ReadOnlySpan<float> top = ws.Decoder[^1].HiddenAfter(t);
        if (net.Attention is { } attention)
        {
            attention.Step(values, ws.Attention!, t, Encoder.Memory(ws), ws.SourceLengths, top);
            top = ws.Attention!.AttentionalAt(t);
        }

        var logits = ws.Logits.AsSpan(t * batch * v, batch * v);
        ws.OutputStatic.AsSpan(0, batch * v).CopyTo(logits);
        Gemm.Multiply(top, net.Shape.HiddenSize, false, net.OutputWeight.Of(values), v, false,
            logits, v, batch, v, net.Shape.HiddenSize, accumulate: true);
    }

    /// <summary>
    /// For beam search: makes every row r continue from row <paramref name="parents"/>[r]'s decoder state after step
    /// <paramref name="t"/> (every layer's hidden and cell state, and the attentional vector that input feeding reads). Per-sequence inputs fixed by <see cref="Begin"/> (the
    /// context, the constant logits) are not moved, so a row's parent must decode the same source.
    /// </summary>
    public static void SelectRows(NetworkWorkspace ws, int t, ReadOnlySpan<int> parents)
    {
        if (parents.Length != ws.Batch)
        {
            throw new ArgumentException($"Expected one parent per row ({ws.Batch}); got {parents.Length}.", nameof(parents));
        }

        foreach (var layer in ws.Decoder)
        {
            layer.SelectRows(t, parents);
        }

        ws.Network.Attention?.SelectRows(ws.Attention!, t, parents);
    }

    /// <summary>
    /// Backpropagates <see cref="NetworkWorkspace.LogitGradients"/> over <paramref name="steps"/> steps, adding parameter
    /// gradients into <paramref name="gradients"/> and leaving the gradients of the encoder's final states and of the
    /// context in the workspace for <see cref="Encoder.Backward"/>.
    /// </summary>
    public static void Backward(NetworkWorkspace ws, int steps, DropoutPlan? dropout, float[] gradients)
    {
        var net = ws.Network;
        if (net.Attention is not null)
        {
            AttentionDecoder.Backward(ws, steps, dropout, gradients);
            return;
        }

        var shape = net.Shape;
        var values = net.Parameters.Values;
        int batch = ws.Batch, h = shape.HiddenSize, v = shape.TargetVocabularySize, rows = steps * batch;
        var dTop = ws.TopHiddenGradients.AsSpan(0, rows * h);
        var dLogitSum = OutputBackward(ws, steps, ws.Decoder[^1].Hidden.AsSpan(batch * h, rows * h), dTop, gradients);
        var dContext = ws.ContextGradient.AsSpan(0, batch * h);
        dContext.Clear();
        if (net.OutputContextWeight is not null)
        {
            var context = Encoder.Context(ws);
            Gemm.Multiply(context, h, true, dLogitSum, v, false, net.OutputContextWeight.Of(gradients), v, h, v, batch, accumulate: true);
            Gemm.Multiply(dLogitSum, v, false, net.OutputContextWeight.Of(values), v, true, dContext, h, batch, h, v, accumulate: true);
        }

        ReadOnlySpan<float> fromAbove = dTop;
        Span<float> dInputs = default;
        var layers = net.DecoderLayers;
        for (int l = layers.Length - 1; l >= 0; l--)
        {
            int width = layers[l].InputSize;
            dInputs = ((layers.Length - 1 - l) % 2 == 0 ? ws.InputGradientsA : ws.InputGradientsB).AsSpan(0, rows * width);
            var dh0 = ws.FinalHiddenGradients[l].AsSpan(0, batch * h);
            var dc0 = ws.FinalCellGradients[l].AsSpan(0, batch * h);
            dh0.Clear();
            dc0.Clear();
            layers[l].Backward(values, ws.Decoder[l], steps, ws.DecoderLengths, fromAbove, default, default, dInputs,
                shape.DecoderStartsFromContext ? dh0 : default,
                shape.DecoderStartsFromCell ? dc0 : default,
                layers[l].StaticSize > 0 ? dContext : default, gradients);
            if (dropout is not null && width > 0)
            {
                Dropout.Apply(dInputs, ws.DecoderMasks[l].AsSpan(0, dInputs.Length), dInputs);
            }

            fromAbove = dInputs;
        }

        if (net.TargetEmbedding is not null)
        {
            Embedding.Backward(ws.DecoderInputs.AsSpan(0, rows), shape.EmbeddingSize, dInputs, net.TargetEmbedding.Of(gradients));
        }
    }

    /// <summary>
    /// The output projection's backward over <paramref name="steps"/> steps: from <see cref="NetworkWorkspace.LogitGradients"/>
    /// and the projection's input [Td, B, H], writes dInput [Td, B, H] (overwritten), adds W's and b's gradients, and
    /// returns the logit gradients summed over steps [B, Vt].
    /// </summary>
    internal static Span<float> OutputBackward(NetworkWorkspace ws, int steps, ReadOnlySpan<float> input, Span<float> dInput, float[] gradients)
    {
        var net = ws.Network;
        var values = net.Parameters.Values;
        int batch = ws.Batch, h = net.Shape.HiddenSize, v = net.Shape.TargetVocabularySize, rows = steps * batch;
        var dLogits = ws.LogitGradients.AsSpan(0, rows * v);
        Gemm.Multiply(dLogits, v, false, net.OutputWeight.Of(values), v, true, dInput, h, rows, h, v, accumulate: false);
        Gemm.Multiply(input, h, true, dLogits, v, false, net.OutputWeight.Of(gradients), v, h, v, rows, accumulate: true);
        var dLogitSum = ws.LogitGradientSum.AsSpan(0, batch * v);
        dLogits[..(batch * v)].CopyTo(dLogitSum);
        for (int t = 1; t < steps; t++)
        {
            TensorPrimitives.Add(dLogitSum, dLogits.Slice(t * batch * v, batch * v), dLogitSum);
        }

        var dBias = net.OutputBias.Of(gradients);
        for (int r = 0; r < batch; r++)
        {
            TensorPrimitives.Add(dBias, dLogitSum.Slice(r * v, v), dBias);
        }

        return dLogitSum;
    }
}
