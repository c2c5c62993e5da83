using MLNet.Seq2Seq.Engine.Models;

namespace MLNet.Seq2Seq.Decoding;

/// <summary>
/// Batched beam search. Each source gets <c>beamWidth</c> rows of the workspace (batch = sources × width). At every
/// step each live hypothesis is extended by every key; per source the candidates are ranked by summed log-probability
/// and the best <c>beamWidth</c> that do not end become the next beam (rows reordered with
/// <see cref="Decoder.SelectRows"/>), while those among the best <c>beamWidth</c> that end with the end key are finished.
/// A source is done when it has <c>beamWidth</c> finished hypotheses; at the maximum output length every live one is
/// finished as it is. Finished hypotheses are ranked by <see cref="NormalizedScore"/>. With width 1 this is exactly
/// greedy decoding. An instance owns a workspace and serves one thread at a time.
/// </summary>
internal sealed class BeamSearchDecoder
{
    private const int ChunkRows = 64;
    private readonly Seq2SeqNetwork network;
    private readonly int startKey;
    private readonly int endKey;
    private readonly int beamWidth;
    private readonly int nBest;
    private readonly float lengthPenalty;
    private readonly NetworkWorkspace workspace;

    /// <summary>A decoder keeping <paramref name="beamWidth"/> hypotheses per source and returning the best <paramref name="nBest"/>.</summary>
    public BeamSearchDecoder(Seq2SeqNetwork network, int startKey, int endKey, int beamWidth, int nBest, float lengthPenalty)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(beamWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(nBest);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(nBest, beamWidth);
        if (!(lengthPenalty >= 0 && float.IsFinite(lengthPenalty)))
        {
            throw new ArgumentOutOfRangeException(nameof(lengthPenalty), lengthPenalty, "The length penalty must be a finite number, 0 or more.");
        }

        this.network = network;
        this.startKey = startKey;
        this.endKey = endKey;
        this.beamWidth = beamWidth;
        this.nBest = nBest;
        this.lengthPenalty = lengthPenalty;
        workspace = new NetworkWorkspace(network);
    }

    /// <summary>
    /// The score finished hypotheses are ranked by: log-probability / length^alpha, where length counts the output keys
    /// plus the end key when the hypothesis ended with one. Alpha 0 ranks by log-probability (favouring short outputs),
    /// alpha 1 by mean log-probability per key.
    /// </summary>
    public static float NormalizedScore(double logProbability, int length, float alpha) =>
        (float)(logProbability / Math.Pow(length, alpha));

    /// <summary>Decodes one source on the calling thread: its best hypotheses, best first.</summary>
    public ScoredSequence[] Decode(int[] source, int maxOutputLength)
    {
        var results = new ScoredSequence[1][];
        DecodeChunk(workspace, [source], [0], maxOutputLength, results);
        return results[0];
    }

    /// <summary>Decodes many sources, in chunks spread over up to <paramref name="threads"/> threads.</summary>
    public ScoredSequence[][] DecodeMany(IReadOnlyList<int[]> sources, int maxOutputLength, int threads)
    {
        var results = new ScoredSequence[sources.Count][];
        var rows = Enumerable.Range(0, sources.Count).ToArray();
        ParallelChunks.Run(sources.Count, Math.Max(1, ChunkRows / beamWidth), threads, workspace, () => new NetworkWorkspace(network),
            (ws, start, length) => DecodeChunk(ws, sources, rows.AsSpan(start, length), maxOutputLength, results));
        return results;
    }

    private void DecodeChunk(NetworkWorkspace ws, IReadOnlyList<int[]> sources, ReadOnlySpan<int> rows, int maxOutputLength, ScoredSequence[][] results)
    {
        int k = beamWidth, batch = rows.Length * k, sourceSteps = 0, steps = maxOutputLength + 1;
        var beamRows = new int[batch];
        for (int r = 0; r < batch; r++)
        {
            beamRows[r] = rows[r / k];
            sourceSteps = Math.Max(sourceSteps, sources[beamRows[r]].Length);
        }

        ws.Prepare(batch, sourceSteps, steps);
        ws.LoadSources(sources, beamRows);
        var beams = new BeamState(batch, maxOutputLength, network.Attention is null ? 0 : sourceSteps);
        for (int r = 0; r < batch; r++)
        {
            ws.DecoderLengths[r] = steps;
            ws.DecoderInputs[r] = startKey;
            beams.LogProbabilities[r] = r % k == 0 ? 0 : double.NegativeInfinity;
        }

        var done = new bool[rows.Length];
        var finished = new List<ScoredSequence>[rows.Length];
        for (int s = 0; s < rows.Length; s++)
        {
            finished[s] = [];
        }

        var parents = new int[batch];
        var candidates = new List<BeamCandidate>(2 * k * k);
        var rowBest = new BeamCandidate[Math.Min(2 * k, network.Shape.TargetVocabularySize)];
        int running = rows.Length;
        Encoder.Forward(ws, null);
        Decoder.Begin(ws, steps);
        for (int t = 0; t < steps && running > 0; t++)
        {
            Decoder.Step(ws, t, null);
            for (int s = 0; s < rows.Length; s++)
            {
                if (done[s])
                {
                    KeepRows(beams, parents, s * k, k);
                    continue;
                }

                if (t == maxOutputLength)
                {
                    for (int r = s * k; r < (s + 1) * k; r++)
                    {
                        if (!double.IsNegativeInfinity(beams.LogProbabilities[r]))
                        {
                            finished[s].Add(Finish(ws, beams, r, t, null));
                        }
                    }
                }
                else
                {
                    candidates.Clear();
                    for (int r = s * k; r < (s + 1) * k; r++)
                    {
                        if (!double.IsNegativeInfinity(beams.LogProbabilities[r]))
                        {
                            AddBestContinuations(ws, t, r, beams.LogProbabilities[r], rowBest, candidates);
                        }
                    }

                    candidates.Sort();
                    int live = Advance(ws, beams, candidates, finished[s], parents, s * k, t);
                    if (live > 0 && finished[s].Count < k)
                    {
                        continue;
                    }
                }

                done[s] = true;
                running--;
                KeepRows(beams, parents, s * k, k);
            }

            if (t + 1 < steps && running > 0)
            {
                Decoder.SelectRows(ws, t, parents);
                beams.Swap(ws.DecoderInputs.AsSpan((t + 1) * batch, batch));
            }
        }

        for (int s = 0; s < rows.Length; s++)
        {
            results[rows[s]] = [.. finished[s].OrderByDescending(h => h.Score).Take(nBest)];
        }
    }

    /// <summary>
    /// Adds to <paramref name="candidates"/> the best min(2k, V) continuations of row <paramref name="row"/> at step
    /// <paramref name="t"/>: within a row the ranking is that of the logits, so width 1 picks exactly the greedy key.
    /// </summary>
    private void AddBestContinuations(NetworkWorkspace ws, int t, int row, double logProbability, BeamCandidate[] best, List<BeamCandidate> candidates)
    {
        int v = network.Shape.TargetVocabularySize;
        var logits = ws.Logits.AsSpan((t * ws.Batch + row) * v, v);
        float max = System.Numerics.Tensors.TensorPrimitives.Max(logits);
        double sum = 0;
        foreach (float logit in logits)
        {
            sum += Math.Exp(logit - max);
        }

        double logSum = Math.Log(sum);
        int count = 0;
        for (int key = 0; key < v; key++)
        {
            float logit = logits[key];
            if (count == best.Length && logit <= best[count - 1].Logit)
            {
                continue;
            }

            int at = Math.Min(count, best.Length - 1);
            while (at > 0 && best[at - 1].Logit < logit)
            {
                best[at] = best[at - 1];
                at--;
            }

            best[at] = new BeamCandidate(logProbability + ((double)logit - max) - logSum, logit, row, key, (float)(Math.Exp(logit - max) / sum));
            count = Math.Min(count + 1, best.Length);
        }

        candidates.AddRange(best.AsSpan(0, count));
    }

    /// <summary>
    /// Walks the ranked candidates of the source whose rows start at <paramref name="first"/>: end keys ranked within the
    /// best k finish, other keys fill the next beam until it holds k. Returns how many live hypotheses the beam holds.
    /// </summary>
    private int Advance(NetworkWorkspace ws, BeamState beams, List<BeamCandidate> candidates, List<ScoredSequence> finished, int[] parents, int first, int t)
    {
        int live = 0;
        for (int rank = 0; rank < candidates.Count && live < beamWidth; rank++)
        {
            var candidate = candidates[rank];
            if (candidate.Key == endKey)
            {
                if (rank < beamWidth)
                {
                    finished.Add(Finish(ws, beams, candidate.Row, t, candidate));
                }

                continue;
            }

            int slot = first + live++;
            parents[slot] = candidate.Row;
            beams.Extend(slot, candidate.Row, t, candidate.Key, candidate.Probability, candidate.LogProbability, AttentionAt(ws, t, candidate.Row));
        }

        for (int slot = first + live; slot < first + beamWidth; slot++)
        {
            parents[slot] = slot;
            beams.Extend(slot, slot, t, endKey, 0, double.NegativeInfinity, default);
        }

        return live;
    }

    /// <summary>Row <paramref name="row"/>'s hypothesis after <paramref name="t"/> keys, closed by the end-key candidate if given.</summary>
    private ScoredSequence Finish(NetworkWorkspace ws, BeamState beams, int row, int t, BeamCandidate? end)
    {
        double logProbability = end?.LogProbability ?? beams.LogProbabilities[row];
        int length = t + (end is null ? 0 : 1);
        return new ScoredSequence(beams.KeysOf(row, t), beams.ProbabilitiesOf(row, t), (float)logProbability,
            NormalizedScore(logProbability, Math.Max(1, length), lengthPenalty), beams.AttentionOf(row, t, ws.SourceLengths[row]));
    }

    /// <summary>[Ts] the attention weights of row <paramref name="row"/> at step <paramref name="t"/>; empty without attention.</summary>
    private static ReadOnlySpan<float> AttentionAt(NetworkWorkspace ws, int t, int row) =>
        ws.Attention is { } attention
            ? attention.WeightsAt(t).Slice(row * ws.SourceSteps, ws.SourceSteps)
            : default;

    /// <summary>Leaves the rows of a finished source as they are (their outputs are no longer read).</summary>
    private void KeepRows(BeamState beams, int[] parents, int first, int count)
    {
        for (int slot = first; slot < first + count; slot++)
        {
            parents[slot] = slot;
            beams.Extend(slot, slot, 0, endKey, 0, double.NegativeInfinity, default);
        }
    }
}
