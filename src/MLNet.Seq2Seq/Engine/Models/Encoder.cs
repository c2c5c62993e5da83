using System.Numerics.Tensors;
using MLNet.Seq2Seq.Engine.Layers;

namespace MLNet.Seq2Seq.Engine.Models;

/// <summary>
/// The encoder pass: source keys [Ts, B] → embeddings [Ts, B, E] → LSTM layers, each row stopping at its own length,
/// so its final state (the context) is the state at its last real token whatever the padding.
/// </summary>
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
        for (int l = 0; l < layers.Length; l++)
        {
            layers[l].Begin(values, ws.Encoder[l], batch, steps, default, default, default);
        }

        for (int t = 0; t < steps; t++)
        {
            for (int l = 0; l < layers.Length; l++)
            {
                int width = layers[l].InputSize;
                ReadOnlySpan<float> input = l == 0
                    ? ws.SourceEmbedded.AsSpan(t * batch * e, batch * e)
                    : ws.Encoder[l - 1].HiddenAfter(t);
                if (dropout is { } plan)
                {
                    var dropped = ws.EncoderDropped[l].AsSpan(t * batch * width, batch * width);
                    Dropout.ForwardRows(plan.Seed, plan.Rate, ws.RowKeys.AsSpan(0, batch), DropoutPlan.EncoderCoordinate(l, t),
                        input, width, ws.EncoderMasks[l].AsSpan(t * batch * width, batch * width), dropped);
                    input = dropped;
                }

                layers[l].Step(values, ws.Encoder[l], t, input, ws.SourceLengths);
            }
        }
    }

    /// <summary>[B, H]: the context, the top layer's final hidden state.</summary>
    public static Span<float> Context(NetworkWorkspace ws) => ws.Encoder[^1].HiddenAfter(ws.SourceSteps - 1);

    /// <summary>
    /// [Ts, B, H]: the memory that attention reads, the top layer's output after every step (a row past its length
    /// repeats its last state).
    /// </summary>
    public static Span<float> Memory(NetworkWorkspace ws)
    {
        int size = ws.Batch * ws.Network.Shape.HiddenSize;
        return ws.Encoder[^1].Hidden.AsSpan(size, ws.SourceSteps * size);
    }

    /// <summary>
    /// Backpropagates the decoder's gradients of the final states (<see cref="NetworkWorkspace.FinalHiddenGradients"/>,
    /// <see cref="NetworkWorkspace.FinalCellGradients"/>), of the context (<see cref="NetworkWorkspace.ContextGradient"/>)
    /// and, with attention, of the memory (<see cref="NetworkWorkspace.MemoryGradients"/>) down to the source embedding, adding parameter gradients into <paramref name="gradients"/>.
    /// </summary>
    public static void Backward(NetworkWorkspace ws, DropoutPlan? dropout, float[] gradients)
    {
        var net = ws.Network;
        var values = net.Parameters.Values;
        int batch = ws.Batch, steps = ws.SourceSteps, h = net.Shape.HiddenSize;
        var layers = net.EncoderLayers;
        var top = ws.FinalHiddenGradients[^1].AsSpan(0, batch * h);
        TensorPrimitives.Add(top, ws.ContextGradient.AsSpan(0, batch * h), top);

        ReadOnlySpan<float> fromAbove = net.Shape.HasAttention ? ws.MemoryGradients.AsSpan(0, steps * batch * h) : default;
        Span<float> dInputs = default;
        for (int l = layers.Length - 1; l >= 0; l--)
        {
            int width = layers[l].InputSize;
            dInputs = ((layers.Length - 1 - l) % 2 == 0 ? ws.InputGradientsA : ws.InputGradientsB).AsSpan(0, steps * batch * width);
            layers[l].Backward(values, ws.Encoder[l], steps, ws.SourceLengths, fromAbove,
                ws.FinalHiddenGradients[l].AsSpan(0, batch * h), ws.FinalCellGradients[l].AsSpan(0, batch * h),
                dInputs, default, default, default, gradients);
            if (dropout is not null)
            {
                Dropout.Apply(dInputs, ws.EncoderMasks[l].AsSpan(0, dInputs.Length), dInputs);
            }

            fromAbove = dInputs;
        }

        Embedding.Backward(ws.SourceTokens.AsSpan(0, steps * batch), net.Shape.EmbeddingSize, dInputs, net.SourceEmbedding.Of(gradients));
    }
}
