using MLNet.Seq2Seq.Decoding;
using static TorchSharp.torch;

namespace MLNet.Seq2Seq.TorchSharp.Networks;

/// <summary>
/// Batched greedy decoding on libtorch, as <see cref="GreedyDecoder"/> does it: every step feeds back each row's most
/// probable key, a row ends at the end key or after the maximum output length, and the decoded keys carry their
/// probabilities and, for attention models, each kept step's attention weights over the row's source.
/// </summary>
internal static class TorchGreedyDecoder
{
    /// <summary>Decodes <paramref name="sources"/> in batches of at most <paramref name="batchRows"/>; results are in the order of the sources.</summary>
    public static DecodedSequence[] DecodeInBatches(TorchNetwork net, IReadOnlyList<int[]> sources, int startKey, int endKey, int maxOutputLength, int batchRows)
    {
        var results = new DecodedSequence[sources.Count];
        for (int first = 0; first < sources.Count; first += batchRows)
        {
            var batch = sources.Skip(first).Take(batchRows).ToArray();
            Decode(net, batch, startKey, endKey, maxOutputLength).CopyTo(results, first);
        }

        return results;
    }

    /// <summary>Decodes <paramref name="sources"/> in one batch; results are in the order of the sources.</summary>
    public static DecodedSequence[] Decode(TorchNetwork net, IReadOnlyList<int[]> sources, int startKey, int endKey, int maxOutputLength)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        int batch = sources.Count;
        var encoded = TorchEncoder.Forward(net, SourceBatch.Create(sources, net.Device), training: false);
        var state = TorchDecoder.Begin(net, encoded);
        var keys = Enumerable.Range(0, batch).Select(_ => new List<int>()).ToArray();
        var probabilities = Enumerable.Range(0, batch).Select(_ => new List<float>()).ToArray();
        var attention = net.Attention is null ? null : Enumerable.Range(0, batch).Select(_ => new List<float>()).ToArray();
        var ended = new bool[batch];
        int running = batch;
        var input = full(1, batch, startKey, dtype: ScalarType.Int64, device: net.Device);
        for (int t = 0; t <= maxOutputLength && running > 0; t++)
        {
            var (logits, weights) = TorchDecoder.Run(net, state, input, encoded, training: false);
            var (best, chosen) = logits[0].softmax(-1).max(-1);
            var chosenKeys = chosen.cpu().data<long>().ToArray();
            var chosenProbabilities = best.cpu().data<float>().ToArray();
            var stepWeights = weights?.cpu().data<float>().ToArray();
            for (int r = 0; r < batch; r++)
            {
                if (ended[r])
                {
                    continue;
                }

                int key = (int)chosenKeys[r];
                if (key == endKey || t == maxOutputLength)
                {
                    ended[r] = true;
                    running--;
                    continue;
                }

                keys[r].Add(key);
                probabilities[r].Add(chosenProbabilities[r]);
                if (attention is not null)
                {
                    int sourceSteps = (int)encoded.Padding.shape[1];
                    attention[r].AddRange(stepWeights.AsSpan(r * sourceSteps, sources[r].Length).ToArray());
                }
            }

            input = chosen.unsqueeze(0);
        }

        return Enumerable.Range(0, batch)
            .Select(r => new DecodedSequence([.. keys[r]], [.. probabilities[r]], attention is null ? null : [.. attention[r]]))
            .ToArray();
    }
}
