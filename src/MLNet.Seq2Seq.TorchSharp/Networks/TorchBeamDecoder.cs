using MLNet.Seq2Seq.Decoding;
using static TorchSharp.torch;

namespace MLNet.Seq2Seq.TorchSharp.Networks;

/// <summary>
/// Batched beam search on libtorch with the semantics of <see cref="BeamSearchDecoder"/>: each source gets k = beam
/// width rows (batch B = sources × k), encoded once and repeated over its rows. Every step runs the decoder for all
/// rows on the device, takes the log-softmax in double precision (as the managed decoder sums log-probabilities) and
/// adds each row's summed log-probability, giving per source the scores of its k·V continuations. Only the candidates
/// scoring at or above a source's 2k-th best leave the device: the managed walk never reads past its 2k-th candidate
/// (one end key per row, so 2k candidates hold k that do not end), and keeping every candidate tied with the 2k-th
/// lets the CPU rank them with the managed order (score, then logit, row and key) so ties break as they do there. The
/// CPU then finishes and extends hypotheses as the managed decoder does, and the recurrent and input-feeding state
/// follow each new hypothesis's parent row through index_select.
/// </summary>
internal sealed class TorchBeamDecoder
{
    private readonly BeamSettings beam;
    private readonly int endKey;
    private readonly IReadOnlyList<int[]> sources;
    private readonly int sourceSteps;
    private readonly BeamState beams;
    private readonly bool[] done;
    private readonly List<ScoredSequence>[] finished;
    private readonly List<BeamCandidate> candidates;

    /// <summary>[B] after <see cref="Advance"/>: the row each next hypothesis continues (its own row where there is none).</summary>
    private readonly int[] parents;

    /// <summary>Sources still searching.</summary>
    private int running;

    private TorchBeamDecoder(BeamSettings beam, int endKey, IReadOnlyList<int[]> sources, int sourceSteps, bool attention, int maxOutputLength)
    {
        int batch = sources.Count * beam.BeamWidth;
        this.beam = beam;
        this.endKey = endKey;
        this.sources = sources;
        this.sourceSteps = sourceSteps;
        beams = new BeamState(batch, maxOutputLength, attention ? sourceSteps : 0);
        for (int r = 0; r < batch; r++)
        {
            beams.LogProbabilities[r] = r % beam.BeamWidth == 0 ? 0 : double.NegativeInfinity;
        }

        done = new bool[sources.Count];
        finished = [.. sources.Select(_ => new List<ScoredSequence>())];
        candidates = new List<BeamCandidate>(2 * beam.BeamWidth);
        parents = new int[batch];
        running = sources.Count;
    }

    /// <summary>
    /// Checks <paramref name="beam"/> as <see cref="BeamSearchDecoder"/>'s constructor does, so that settings it refuses
    /// fail here too, before any work.
    /// </summary>
    public static void Check(BeamSettings beam)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(beam.BeamWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(beam.NBest);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(beam.NBest, beam.BeamWidth);
        if (!(beam.LengthPenalty >= 0 && float.IsFinite(beam.LengthPenalty)))
        {
            throw new ArgumentOutOfRangeException(nameof(beam), beam.LengthPenalty, "The length penalty must be a finite number, 0 or more.");
        }
    }

    /// <summary>
    /// Decodes <paramref name="sources"/> (at least one, each non-empty) in one batch: per source its best
    /// <see cref="BeamSettings.NBest"/> finished hypotheses, best first, in the order of the sources.
    /// </summary>
    public static ScoredSequence[][] Decode(TorchNetwork net, IReadOnlyList<int[]> sources, BeamSettings beam, int startKey, int endKey,
        int maxOutputLength)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        int k = beam.BeamWidth, count = sources.Count, batch = count * k, v = net.Shape.TargetVocabularySize;
        var sourceRows = tensor(Enumerable.Range(0, batch).Select(r => (long)(r / k)).ToArray(), device: net.Device);
        var encoded = TorchEncoder.Forward(net, SourceBatch.Create(sources, net.Device), training: false).SelectRows(sourceRows);
        var state = TorchDecoder.Begin(net, encoded);
        var search = new TorchBeamDecoder(beam, endKey, sources, (int)encoded.Padding.shape[1], net.Attention is not null, maxOutputLength);
        var inputs = Enumerable.Repeat(startKey, batch).ToArray();
        for (int t = 0; t <= maxOutputLength && search.running > 0; t++)
        {
            if (t == maxOutputLength)
            {
                search.FinishLive(t);
                break;
            }

            using var step = NewDisposeScope();
            var previous = state.Tensors.ToArray();
            var keys = tensor(Array.ConvertAll(inputs, key => (long)key), [1, batch], device: net.Device);
            var (logits, weights) = TorchDecoder.Run(net, state, keys, encoded, training: false);
            search.Advance(Candidates(logits[0], search.beams.LogProbabilities, count, k, v), weights?.cpu().data<float>().ToArray(), t);
            if (search.running > 0)
            {
                state.SelectRows(tensor(Array.ConvertAll(search.parents, p => (long)p), device: net.Device));
                step.MoveToOuter(state.Tensors);
                search.beams.Swap(inputs);

                // The state this step advanced from is replaced; freeing it now keeps a batch's memory to one step's.
                foreach (var replaced in previous)
                {
                    replaced.Dispose();
                }
            }
        }

        return search.Results();
    }

    /// <summary>
    /// The continuations that may join the beams, from the step's <paramref name="logits"/> [B, V] and each row's
    /// summed log-probability: per source every candidate scoring at or above its 2k-th best (rows without a
    /// hypothesis, at negative infinity, never).
    /// </summary>
    private static StepCandidates Candidates(Tensor logits, double[] logProbabilities, int count, int k, int v)
    {
        var logSoftmax = logits.to_type(ScalarType.Float64).log_softmax(-1);
        var running = tensor(logProbabilities, [count * k, 1], device: logits.device);
        var scores = (logSoftmax + running).view(count, k * v);
        int width = Math.Min(2 * k, k * v);

        // A source with fewer than 2k live candidates has -inf there; raising it to the lowest double keeps -inf out.
        var threshold = scores.topk(width, dim: 1).values.narrow(1, width - 1, 1).clamp_min(double.MinValue);
        var kept = scores.ge(threshold);
        var at = kept.nonzero().cpu().data<long>().ToArray();
        var values = stack([scores.masked_select(kept), logSoftmax.view(count, k * v).masked_select(kept),
            logits.view(count, k * v).to_type(ScalarType.Float64).masked_select(kept)]).cpu().data<double>().ToArray();
        return new StepCandidates(at, values, values.Length / 3, v);
    }

    /// <summary>
    /// Step <paramref name="t"/> for every source still searching: its candidates ranked, end keys among the best k
    /// finished, the others extending the next beam until it holds k. A source is done when none stays live or it has
    /// k finished hypotheses. <paramref name="weights"/> is the step's attention [B, 1, Ts] (null without attention).
    /// </summary>
    private void Advance(StepCandidates step, float[]? weights, int t)
    {
        int k = beam.BeamWidth, next = 0;
        for (int s = 0; s < sources.Count; s++)
        {
            if (done[s])
            {
                KeepRows(s);
                continue;
            }

            // Sources that are done have no candidates (their rows are at -inf), so the next ones are this source's.
            candidates.Clear();
            for (; next < step.Count && step.At[2 * next] == s; next++)
            {
                int flat = (int)step.At[(2 * next) + 1];
                candidates.Add(new BeamCandidate(step.Values[next], (float)step.Values[(2 * step.Count) + next], (s * k) + (flat / step.Vocabulary),
                    flat % step.Vocabulary, (float)Math.Exp(step.Values[step.Count + next])));
            }

            candidates.Sort();
            if (Extend(s, weights, t) == 0 || finished[s].Count >= k)
            {
                done[s] = true;
                running--;
                KeepRows(s);
            }
        }
    }

    /// <summary>At the maximum output length <paramref name="t"/>: every live hypothesis of a source still searching is finished as it is.</summary>
    private void FinishLive(int t)
    {
        int k = beam.BeamWidth;
        for (int s = 0; s < sources.Count; s++)
        {
            if (done[s])
            {
                continue;
            }

            for (int r = s * k; r < (s + 1) * k; r++)
            {
                if (!double.IsNegativeInfinity(beams.LogProbabilities[r]))
                {
                    finished[s].Add(Finish(r, t, null));
                }
            }

            done[s] = true;
            running--;
        }
    }

    /// <summary>Per source its best n finished hypotheses by normalized score, ties in the order they finished.</summary>
    private ScoredSequence[][] Results() => [.. finished.Select(f => f.OrderByDescending(h => h.Score).Take(beam.NBest).ToArray())];

    /// <summary>
    /// Walks source <paramref name="s"/>'s ranked candidates: end keys ranked within the best k finish, other keys fill
    /// the next beam until it holds k. Returns how many live hypotheses the beam holds.
    /// </summary>
    private int Extend(int s, float[]? weights, int t)
    {
        int k = beam.BeamWidth, first = s * k, live = 0;
        for (int rank = 0; rank < candidates.Count && live < k; rank++)
        {
            var candidate = candidates[rank];
            if (candidate.Key == endKey)
            {
                if (rank < k)
                {
                    finished[s].Add(Finish(candidate.Row, t, candidate));
                }

                continue;
            }

            int slot = first + live++;
            parents[slot] = candidate.Row;
            beams.Extend(slot, candidate.Row, t, candidate.Key, candidate.Probability, candidate.LogProbability,
                weights is null ? default : weights.AsSpan(candidate.Row * sourceSteps, sourceSteps));
        }

        for (int slot = first + live; slot < first + k; slot++)
        {
            parents[slot] = slot;
            beams.Extend(slot, slot, t, endKey, 0, double.NegativeInfinity, default);
        }

        return live;
    }

    /// <summary>Row <paramref name="row"/>'s hypothesis after <paramref name="t"/> keys, closed by the end-key candidate if given.</summary>
    private ScoredSequence Finish(int row, int t, BeamCandidate? end)
    {
        double logProbability = end?.LogProbability ?? beams.LogProbabilities[row];
        int length = t + (end is null ? 0 : 1);
        return new ScoredSequence(beams.KeysOf(row, t), beams.ProbabilitiesOf(row, t), (float)logProbability,
            BeamSearchDecoder.NormalizedScore(logProbability, Math.Max(1, length), beam.LengthPenalty),
            beams.AttentionOf(row, t, sources[row / beam.BeamWidth].Length));
    }

    /// <summary>Leaves the rows of a finished source as they are (their outputs are no longer read).</summary>
    private void KeepRows(int s)
    {
        for (int slot = s * beam.BeamWidth; slot < (s + 1) * beam.BeamWidth; slot++)
        {
            parents[slot] = slot;
            beams.Extend(slot, slot, 0, endKey, 0, double.NegativeInfinity, default);
        }
    }

    /// <summary>
    /// A step's candidates on the CPU: <see cref="At"/> [N, 2] (source, flat index row·V + key within the source) in
    /// source order, and <see cref="Values"/> [3, N] (summed log-probability, the key's log-probability, its logit).
    /// </summary>
    private sealed record StepCandidates(long[] At, double[] Values, int Count, int Vocabulary);
}
