using MLNet.Seq2Seq.Engine.Kernels;
using MLNet.Seq2Seq.Engine.Layers;
using MLNet.Seq2Seq.Engine.Models;

namespace MLNet.Seq2Seq.Decoding;

/// <summary>
/// Batched greedy decoding: each step feeds back the most probable key, until every row has produced the end key or
/// the maximum output length is reached; attention models also record each kept step's attention weights. A row that
/// has ended stops updating its state (its decoder length is cut to the steps it ran), and many sources are decoded in
/// chunks of similar source length so that little work goes to padding. An instance owns a workspace and serves one
/// thread at a time.
/// </summary>
internal sealed class GreedyDecoder(Seq2SeqNetwork network, int startKey, int endKey)
{
    private const int ChunkRows = 64;
    private readonly NetworkWorkspace workspace = new(network);
    private readonly ChunkOutputs outputs = new();
    private readonly int[][] singleSource = new int[1][];
    private readonly DecodedSequence[] singleResult = new DecodedSequence[1];
    private bool usesGateTables;

    /// <summary>
    /// Decodes one source sequence on the calling thread. The first call computes each token's input-gate sums from the
    /// network's values (<see cref="NetworkWorkspace.UseInputGateTables"/>), which later calls keep: the network must not
    /// change while this decoder is used.
    /// </summary>
    public DecodedSequence Decode(int[] source, int maxOutputLength)
    {
        if (!usesGateTables)
        {
            workspace.UseInputGateTables();
            usesGateTables = true;
        }

        singleSource[0] = source;
        DecodeChunk(workspace, outputs, singleSource, [0], maxOutputLength, singleResult);
        return singleResult[0];
    }

    /// <summary>
    /// Decodes many sources, in chunks of rows sorted by source length (longest first), spread over up to
    /// <paramref name="threads"/> threads. Results are in the order of <paramref name="sources"/>.
    /// </summary>
    public DecodedSequence[] DecodeMany(IReadOnlyList<int[]> sources, int maxOutputLength, int threads)
    {
        var results = new DecodedSequence[sources.Count];
        int[] rows = ByDescendingLength(sources);
        ParallelChunks.Run(sources.Count, ChunkRows, threads, (Workspace: workspace, Outputs: outputs),
            () => (Workspace: new NetworkWorkspace(network), Outputs: new ChunkOutputs()),
            (scratch, start, length) => DecodeChunk(scratch.Workspace, scratch.Outputs, sources, rows.AsSpan(start, length), maxOutputLength, results));
        return results;
    }

    /// <summary>Row indices ordered by source length, longest first (ties in input order).</summary>
    private static int[] ByDescendingLength(IReadOnlyList<int[]> sources)
    {
        var rows = new int[sources.Count];
        var order = new long[sources.Count];
        for (int r = 0; r < rows.Length; r++)
        {
            rows[r] = r;
            order[r] = ((long)(int.MaxValue - sources[r].Length) << 32) | (uint)r;
        }

        Array.Sort(order, rows);
        return rows;
    }

    private void DecodeChunk(NetworkWorkspace ws, ChunkOutputs chunk, IReadOnlyList<int[]> sources, ReadOnlySpan<int> rows,
        int maxOutputLength, DecodedSequence[] results)
    {
        int batch = rows.Length, sourceSteps = 0, steps = maxOutputLength + 1;
        foreach (int row in rows)
        {
            sourceSteps = Math.Max(sourceSteps, sources[row].Length);
        }

        ws.Prepare(batch, sourceSteps, steps);
        ws.LoadSources(sources, rows);
        chunk.Prepare(batch, steps);
        var attention = network.Attention is null ? null : new List<float>[batch];
        for (int r = 0; r < batch; r++)
        {
            attention?[r] = [];
            ws.DecoderLengths[r] = steps;
            ws.DecoderInputs[r] = startKey;
        }

        int v = network.Shape.TargetVocabularySize, running = batch;
        Encoder.Forward(ws, null);
        Decoder.Begin(ws, steps);
        for (int t = 0; t < steps && running > 0; t++)
        {
            Decoder.Step(ws, t, null);
            for (int r = 0; r < batch; r++)
            {
                if (chunk.Ended[r])
                {
                    // The row's state no longer changes (its length is cut); any valid key will do as its next input.
                    if (t + 1 < steps)
                    {
                        ws.DecoderInputs[(t + 1) * batch + r] = endKey;
                    }

                    continue;
                }

                var (key, probability) = SoftmaxCrossEntropy.ArgMax(ws.Logits.AsSpan((t * batch + r) * v, v));
                if (t + 1 < steps)
                {
                    ws.DecoderInputs[(t + 1) * batch + r] = key;
                }

                if (key == endKey || t == maxOutputLength)
                {
                    chunk.Ended[r] = true;
                    ws.DecoderLengths[r] = t + 1;
                    running--;
                    continue;
                }

                chunk.Keys[t * batch + r] = key;
                chunk.Probabilities[t * batch + r] = probability;
                chunk.Lengths[r] = t + 1;
                attention?[r].AddRange(ws.Attention!.WeightsAt(t).Slice(r * sourceSteps, ws.SourceLengths[r]));
            }
        }

        for (int r = 0; r < batch; r++)
        {
            var keys = new int[chunk.Lengths[r]];
            var probabilities = new float[keys.Length];
            for (int t = 0; t < keys.Length; t++)
            {
                keys[t] = chunk.Keys[t * batch + r];
                probabilities[t] = chunk.Probabilities[t * batch + r];
            }

            results[rows[r]] = new DecodedSequence(keys, probabilities, attention is null ? null : [.. attention[r]]);
        }
    }

    /// <summary>What a chunk has decoded so far, reused across chunks: [T, B] keys and probabilities, [B] lengths and flags.</summary>
    private sealed class ChunkOutputs
    {
        public int[] Keys { get; private set; } = [];

        public float[] Probabilities { get; private set; } = [];

        public int[] Lengths { get; private set; } = [];

        public bool[] Ended { get; private set; } = [];

        public void Prepare(int batch, int steps)
        {
            Keys = Buffers.Grow(Keys, steps * batch);
            Probabilities = Buffers.Grow(Probabilities, steps * batch);
            Lengths = Buffers.Grow(Lengths, batch);
            Ended = Buffers.Grow(Ended, batch);
            Array.Clear(Lengths, 0, batch);
            Array.Clear(Ended, 0, batch);
        }
    }
}
