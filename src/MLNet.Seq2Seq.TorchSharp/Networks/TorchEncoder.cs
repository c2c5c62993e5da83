using static TorchSharp.torch;
using static TorchSharp.torch.nn.utils.rnn;

namespace MLNet.Seq2Seq.TorchSharp.Networks;

/// <summary>
/// The encoder pass of <see cref="Engine.Models.Encoder"/> on libtorch: embeddings, then each layer over the packed
/// sources, so every row stops at its own length (and a bidirectional layer's reverse direction starts at the row's
/// last real token) and the final states are each row's own; bidirectional final states and the top layer's outputs
/// go through the learned bridges to H.
/// </summary>
internal static class TorchEncoder
{
    /// <summary>Encodes <paramref name="sources"/>; dropout (the shape's rate) applies to every layer's input when <paramref name="training"/>.</summary>
    public static EncodedSources Forward(TorchNetwork net, SourceBatch sources, bool training)
    {
        var shape = net.Shape;
        long steps = sources.Steps, batch = sources.Batch;
        var x = net.SourceEmbedding.index_select(0, sources.Tokens.flatten()).view(steps, batch, shape.EmbeddingSize);
        var finalHidden = new Tensor?[shape.Layers];
        var finalCell = new Tensor?[shape.Layers];
        for (int l = 0; l < shape.Layers; l++)
        {
            if (training && shape.Dropout > 0)
            {
                x = nn.functional.dropout(x, shape.Dropout, training: true);
            }

            var (packed, hidden, cell) = net.EncoderLayers[l].Run(pack_padded_sequence(x, sources.Lengths, enforce_sorted: false));
            x = pad_packed_sequence(packed, total_length: steps).Item1;
            if (shape.Bidirectional)
            {
                finalHidden[l] = net.HiddenBridges[l] is { } h ? tanh(cat([hidden[0], hidden[1]], -1).matmul(h.Weight) + h.Bias) : null;
                finalCell[l] = net.CellBridges[l] is { } c ? cat([cell![0], cell[1]], -1).matmul(c.Weight) + c.Bias : null;
            }
            else
            {
                finalHidden[l] = hidden[0];
                finalCell[l] = cell?[0];
            }
        }

        var memory = net.HiddenBridges[^1] is { } top ? tanh(x.matmul(top.Weight) + top.Bias) : x;
        return new EncodedSources(finalHidden, finalCell, finalHidden[^1]!, memory, net.Attention?.Keys(memory), sources.Padding);
    }
}
