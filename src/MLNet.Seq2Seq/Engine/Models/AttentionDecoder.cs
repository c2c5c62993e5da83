using System.Numerics.Tensors;
using MLNet.Seq2Seq.Engine.Layers;
using MLNet.Seq2Seq.Trainers;

namespace MLNet.Seq2Seq.Engine.Models;

/// <summary>
/// The parts of the <see cref="DecoderForm.Attention"/> decoder that differ from the other forms: the first layer's
/// input with input feeding ([embedding; previous attentional vector], [B, E + H]) and the backward, which runs step
/// by step through every layer because input feeding makes step t's input depend on step t - 1's top output.
/// </summary>
internal static class AttentionDecoder
{
    /// <summary>[B, E + H]: step t's embedded previous key and step t - 1's attentional vector (zeros at t = 0).</summary>
    public static ReadOnlySpan<float> FedInput(NetworkWorkspace ws, int t)
    {
        var a = ws.Attention!;
        int batch = ws.Batch, e = ws.Network.Shape.EmbeddingSize, h = ws.Network.Shape.HiddenSize, width = e + h;
        var fed = a.FedInput.AsSpan(0, batch * width);
        var embedded = ws.TargetEmbedded.AsSpan(t * batch * e, batch * e);
        for (int r = 0; r < batch; r++)
        {
            var row = fed.Slice(r * width, width);
            embedded.Slice(r * e, e).CopyTo(row);
            if (t == 0)
            {
                row[e..].Clear();
            }
            else
            {
                a.AttentionalAt(t - 1).Slice(r * h, h).CopyTo(row[e..]);
            }
        }

        return fed;
    }

    /// <summary>
    /// Backpropagates <see cref="NetworkWorkspace.LogitGradients"/> over <paramref name="steps"/> steps, adding parameter
    /// gradients into <paramref name="gradients"/> and leaving the gradients of the encoder's final states and of its
    /// memory (<see cref="NetworkWorkspace.MemoryGradients"/>) in the workspace for <see cref="Encoder.Backward"/>.
    /// </summary>
    public static void Backward(NetworkWorkspace ws, int steps, DropoutPlan? dropout, float[] gradients)
    {
        var net = ws.Network;
        var shape = net.Shape;
        var values = net.Parameters.Values;
        var attention = net.Attention!;
        var a = ws.Attention!;
        int batch = ws.Batch, h = shape.HiddenSize, e = shape.EmbeddingSize, rows = steps * batch;
        var memory = Encoder.Memory(ws);
        var dMemory = ws.MemoryGradients.AsSpan(0, ws.SourceSteps * batch * h);
        var dAttentional = a.AttentionalGradients.AsSpan(0, rows * h);
        var dFed = a.FedGradient.AsSpan(0, batch * h);
        Decoder.OutputBackward(ws, steps, a.Attentional.AsSpan(0, rows * h), dAttentional, gradients);
        dMemory.Clear();
        ws.ContextGradient.AsSpan(0, batch * h).Clear();
        attention.BeginBackward(a);
        var layers = net.DecoderLayers;
        for (int l = 0; l < layers.Length; l++)
        {
            layers[l].BeginBackward(ws.Decoder[l], default, default);
        }

        for (int t = steps - 1; t >= 0; t--)
        {
            var dAttentionalAt = dAttentional.Slice(t * batch * h, batch * h);
            if (shape.InputFeeding && t + 1 < steps)
            {
                TensorPrimitives.Add(dAttentionalAt, dFed, dAttentionalAt);
            }

            var dTop = ws.TopHiddenGradients.AsSpan(t * batch * h, batch * h);
            attention.BackwardStep(values, a, t, memory, ws.SourceLengths, dAttentionalAt, dTop, dMemory, gradients);
            ReadOnlySpan<float> fromAbove = dTop;
            Span<float> dInput = default;
            for (int l = layers.Length - 1; l >= 0; l--)
            {
                int width = layers[l].InputSize;
                dInput = ((layers.Length - 1 - l) % 2 == 0 ? ws.InputGradientsA : ws.InputGradientsB).AsSpan(0, batch * width);
                layers[l].BackwardStep(values, ws.Decoder[l], t, ws.DecoderLengths, fromAbove, dInput);
                if (dropout is not null)
                {
                    Dropout.Apply(dInput, ws.DecoderMasks[l].AsSpan(t * batch * width, batch * width), dInput);
                }

                fromAbove = dInput;
            }

            int inputWidth = layers[0].InputSize;
            for (int r = 0; r < batch; r++)
            {
                var row = dInput.Slice(r * inputWidth, inputWidth);
                Embedding.Backward(ws.DecoderInputs.AsSpan(t * batch + r, 1), e, row[..e], net.TargetEmbedding!.Of(gradients));
                if (shape.InputFeeding)
                {
                    row[e..].CopyTo(dFed.Slice(r * h, h));
                }
            }
        }

        for (int l = 0; l < layers.Length; l++)
        {
            var dh0 = ws.FinalHiddenGradients[l].AsSpan(0, batch * h);
            var dc0 = ws.FinalCellGradients[l].AsSpan(0, batch * h);
            dc0.Clear();
            layers[l].EndBackward(values, ws.Decoder[l], steps, dh0, shape.Context == ContextKind.HiddenAndCell ? dc0 : default, default, gradients);
        }

        attention.EndBackward(values, a, steps, memory, dMemory, gradients);
    }
}
