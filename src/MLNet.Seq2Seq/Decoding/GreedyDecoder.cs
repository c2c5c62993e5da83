using MLNet.Seq2Seq.Engine.Layers;
using MLNet.Seq2Seq.Engine.Models;

namespace MLNet.Seq2Seq.Decoding;

/// <summary>
/// Batched greedy decoding: each step feeds back the most probable key, until every row has produced the end key or
/// the maximum output length is reached; attention models also record each kept step's attention weights. An instance
/// owns a workspace and serves one thread at a time.
/// </summary>
internal sealed class GreedyDecoder(Seq2SeqNetwork network, int startKey, int endKey)
{
    private const int ChunkRows = 64;
    private readonly NetworkWorkspace workspace = new(network);

    /// <summary>Decodes one source sequence on the calling thread.</summary>
    public DecodedSequence Decode(int[] source, int maxOutputLength)
    {
        var results = new DecodedSequence[1];
        DecodeChunk(workspace, [source], [0], maxOutputLength, results);
        return results[0];
    }

    /// <summary>Decodes many sources, in chunks spread over up to <paramref name="threads"/> threads.</summary>
    public DecodedSequence[] DecodeMany(IReadOnlyList<int[]> sources, int maxOutputLength, int threads)
    {
        var results = new DecodedSequence[sources.Count];
        int chunks = (sources.Count + ChunkRows - 1) / ChunkRows;
        var rows = Enumerable.Range(0, sources.Count).ToArray();
        var pool = new System.Collections.Concurrent.ConcurrentBag<NetworkWorkspace>([workspace]);
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, c =>
        {
            var ws = pool.TryTake(out var free) ? free : new NetworkWorkspace(network);
            int start = c * ChunkRows;
            DecodeChunk(ws, sources, rows.AsSpan(start, Math.Min(ChunkRows, sources.Count - start)), maxOutputLength, results);
            pool.Add(ws);
        });
        return results;
    }

    private void DecodeChunk(NetworkWorkspace ws, IReadOnlyList<int[]> sources, ReadOnlySpan<int> rows, int maxOutputLength, DecodedSequence[] results)
    {
        int batch = rows.Length, sourceSteps = 0, steps = maxOutputLength + 1;
        foreach (int row in rows)
        {
            sourceSteps = Math.Max(sourceSteps, sources[row].Length);
        }

        ws.Prepare(batch, sourceSteps, steps);
        ws.LoadSources(sources, rows);
        var keys = new List<int>[batch];
        var probabilities = new List<float>[batch];
        var attention = network.Attention is null ? null : new List<float>[batch];
        for (int r = 0; r < batch; r++)
        {
            attention?[r] = [];
            ws.DecoderLengths[r] = steps;
            ws.DecoderInputs[r] = startKey;
            keys[r] = [];
            probabilities[r] = [];
        }

        int v = network.Shape.TargetVocabularySize, running = batch;
        var ended = new bool[batch];
        Encoder.Forward(ws, null);
        Decoder.Begin(ws, steps);
        for (int t = 0; t < steps && running > 0; t++)
        {
            Decoder.Step(ws, t, null);
            for (int r = 0; r < batch; r++)
            {
                var (key, probability) = SoftmaxCrossEntropy.ArgMax(ws.Logits.AsSpan((t * batch + r) * v, v));
                if (t + 1 < steps)
                {
                    ws.DecoderInputs[(t + 1) * batch + r] = key;
                }

                if (ended[r])
                {
                    continue;
                }

                if (key == endKey || t == maxOutputLength)
                {
                    ended[r] = true;
                    running--;
                    continue;
                }

                keys[r].Add(key);
                probabilities[r].Add(probability);
                attention?[r].AddRange(ws.Attention!.WeightsAt(t).Slice(r * sourceSteps, ws.SourceLengths[r]));
            }
        }

        for (int r = 0; r < batch; r++)
        {
            results[rows[r]] = new DecodedSequence([.. keys[r]], [.. probabilities[r]], attention is null ? null : [.. attention[r]]);
        }
    }
}
