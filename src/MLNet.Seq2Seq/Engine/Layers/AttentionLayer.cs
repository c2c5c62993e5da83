using System.Numerics.Tensors;
using MLNet.Seq2Seq.Engine.Kernels;
using MLNet.Seq2Seq.Engine.Models;
using MLNet.Seq2Seq.Trainers;

namespace MLNet.Seq2Seq.Engine.Layers;

/// <summary>
/// Global attention for one decoder step over the memory M [Ts, B, H] (the top encoder layer's per-step outputs),
/// given the decoder's top hidden state h [B, H]: scores e_s (dot h·M_s; general h·K_s with K = M·Wa; additive
/// v·tanh(h·W1 + K_s) with K = M·W2), weights a = softmax over the row's real source positions only (positions at or
/// past its length get exactly 0), context c = Σ_s a_s M_s, attentional vector h~ = tanh([c; h]·Wc + bc) [B, H].
/// K is computed once per sequence. Rows run independently of the chunk's padding: each row's products stop at its
/// own source length.
/// </summary>
internal sealed class AttentionLayer
{
    /// <summary>Registers Wc [2H, H] and bc [H], plus Wa [H, H] (general) or W1, W2 [H, H] and v [H] (additive).</summary>
    public AttentionLayer(ParameterSet parameters, string name, int hiddenSize, AttentionScoring scoring)
    {
        HiddenSize = hiddenSize;
        Scoring = scoring;
        KeyWeight = scoring == AttentionScoring.Dot ? null : parameters.Add(name + ".key_weight", hiddenSize, hiddenSize);
        QueryWeight = scoring == AttentionScoring.Additive ? parameters.Add(name + ".query_weight", hiddenSize, hiddenSize) : null;
        ScoreVector = scoring == AttentionScoring.Additive ? parameters.Add(name + ".score_vector", hiddenSize) : null;
        OutputWeight = parameters.Add(name + ".output.weight", 2 * hiddenSize, hiddenSize);
        OutputBias = parameters.Add(name + ".output.bias", hiddenSize);
    }

    /// <summary>H: the width of the memory, the decoder state and the attentional vector.</summary>
    public int HiddenSize { get; }

    /// <summary>How scores are computed.</summary>
    public AttentionScoring Scoring { get; }

    /// <summary>Wa (general) or W2 (additive) [H, H]: memory to keys; null for dot.</summary>
    public Parameter? KeyWeight { get; }

    /// <summary>W1 [H, H]: decoder state to query (additive only).</summary>
    public Parameter? QueryWeight { get; }

    /// <summary>v [H]: the additive score's output vector.</summary>
    public Parameter? ScoreVector { get; }

    /// <summary>Wc [2H, H]: [context; h] to the attentional vector.</summary>
    public Parameter OutputWeight { get; }

    /// <summary>bc [H].</summary>
    public Parameter OutputBias { get; }

    /// <summary>Buffers for this layer; <paramref name="fedInputSize"/> is the first decoder layer's input width with input feeding (else 0).</summary>
    public AttentionActivations CreateActivations(int fedInputSize) => new(HiddenSize, Scoring, fedInputSize);

    /// <summary>Uniform(±1/√fan-in) weights, zero bias.</summary>
    public void Initialize(float[] values, ulong seed)
    {
        foreach (var (p, fanIn) in new[] { (KeyWeight, HiddenSize), (QueryWeight, HiddenSize), (ScoreVector, HiddenSize), (OutputWeight, 2 * HiddenSize) })
        {
            if (p is null)
            {
                continue;
            }

            float bound = 1f / MathF.Sqrt(fanIn);
            var w = p.Of(values);
            for (int i = 0; i < w.Length; i++)
            {
                w[i] = (2f * CounterRandom.Uniform(seed, (ulong)p.Offset, (ulong)i) - 1f) * bound;
            }
        }

        OutputBias.Of(values).Clear();
    }

    /// <summary>Starts a sequence over <paramref name="memory"/> [Ts, B, H]: sizes the buffers and computes the keys.</summary>
    public void Begin(float[] values, AttentionActivations a, int batch, int sourceSteps, int targetSteps, ReadOnlySpan<float> memory)
    {
        a.Prepare(batch, sourceSteps, targetSteps);
        if (KeyWeight is not null)
        {
            int rows = sourceSteps * batch;
            Gemm.Multiply(memory, HiddenSize, false, KeyWeight.Of(values), HiddenSize, false,
                a.Keys.AsSpan(0, rows * HiddenSize), HiddenSize, rows, HiddenSize, HiddenSize, accumulate: false);
        }
    }

    /// <summary>Step t: from the top hidden state <paramref name="hidden"/> [B, H] to the weights and the attentional vector at t.</summary>
    public void Step(float[] values, AttentionActivations a, int t, ReadOnlySpan<float> memory, ReadOnlySpan<int> lengths, ReadOnlySpan<float> hidden)
    {
        int batch = a.Batch, ts = a.SourceSteps, hs = HiddenSize, ld = batch * hs;
        ReadOnlySpan<float> keys = KeyWeight is null ? memory : a.Keys.AsSpan(0, ts * ld);
        var weights = a.WeightsAt(t);
        var contextAndHidden = a.ContextAndHidden.AsSpan(t * batch * 2 * hs, batch * 2 * hs);
        if (QueryWeight is not null)
        {
            Gemm.Multiply(hidden, hs, false, QueryWeight.Of(values), hs, false, a.Query, hs, batch, hs, hs, accumulate: false);
        }

        for (int r = 0; r < batch; r++)
        {
            int length = lengths[r];
            var rowWeights = weights.Slice(r * ts, ts);
            var h = hidden.Slice(r * hs, hs);
            var row = contextAndHidden.Slice(r * 2 * hs, 2 * hs);
            rowWeights.Clear();
            h.CopyTo(row[hs..]);
            if (length == 0)
            {
                row[..hs].Clear();
                continue;
            }

            var scores = rowWeights[..length];
            if (ScoreVector is not null)
            {
                var squashed = a.Squashed.AsSpan((t * batch + r) * ts * hs, length * hs);
                for (int s = 0; s < length; s++)
                {
                    var u = squashed.Slice(s * hs, hs);
                    TensorPrimitives.Add(a.Query.AsSpan(r * hs, hs), keys.Slice(s * ld + r * hs, hs), u);
                    ActivationFunctions.Tanh(u, u);
                }

                Gemm.Multiply(squashed, hs, false, ScoreVector.Of(values), 1, false, scores, 1, length, 1, hs, accumulate: false);
            }
            else
            {
                Gemm.Multiply(h, hs, false, keys[(r * hs)..], ld, true, scores, length, 1, length, hs, accumulate: false);
            }

            TensorPrimitives.Subtract(scores, TensorPrimitives.Max(scores), scores);
            TensorPrimitives.Exp(scores, scores);
            TensorPrimitives.Divide(scores, TensorPrimitives.Sum(scores), scores);
            Gemm.Multiply(scores, length, false, memory[(r * hs)..], ld, false, row, 2 * hs, 1, hs, length, accumulate: false);
        }

        var attentional = a.AttentionalAt(t);
        Linear.Forward(contextAndHidden, batch, 2 * hs, OutputWeight.Of(values), OutputBias.Of(values), hs, attentional);
        ActivationFunctions.Tanh(attentional, attentional);
    }

    /// <summary>Starts a backward: clears the key gradients that steps accumulate.</summary>
    public void BeginBackward(AttentionActivations a)
    {
        if (KeyWeight is not null)
        {
            a.KeyGradients.AsSpan(0, a.SourceSteps * a.Batch * HiddenSize).Clear();
        }
    }

    /// <summary>
    /// Step t of the backward (t = Td - 1 down to 0): from dAttentional [B, H], writes dHidden [B, H] (overwritten) and
    /// adds into dMemory [Ts, B, H]; the query weight's gradient is added into <paramref name="gradients"/> here, the
    /// other parameters' in <see cref="EndBackward"/>.
    /// </summary>
    public void BackwardStep(float[] values, AttentionActivations a, int t, ReadOnlySpan<float> memory, ReadOnlySpan<int> lengths,
        ReadOnlySpan<float> dAttentional, Span<float> dHidden, Span<float> dMemory, float[] gradients)
    {
        int batch = a.Batch, ts = a.SourceSteps, hs = HiddenSize, ld = batch * hs;
        ReadOnlySpan<float> keys = KeyWeight is null ? memory : a.Keys.AsSpan(0, ts * ld);
        Span<float> dKeys = KeyWeight is null ? dMemory : a.KeyGradients.AsSpan(0, ts * ld);
        var contextAndHidden = a.ContextAndHidden.AsSpan(t * batch * 2 * hs, batch * 2 * hs);
        var attentional = a.AttentionalAt(t);
        var dPre = a.PreActivationGradients.AsSpan(t * batch * hs, batch * hs);
        TensorPrimitives.Multiply(attentional, attentional, dPre);
        TensorPrimitives.Subtract(1f, dPre, dPre);
        TensorPrimitives.Multiply(dPre, dAttentional, dPre);
        var dContextAndHidden = a.ContextAndHiddenGradient.AsSpan(0, batch * 2 * hs);
        Gemm.Multiply(dPre, hs, false, OutputWeight.Of(values), hs, true, dContextAndHidden, 2 * hs, batch, 2 * hs, hs, accumulate: false);
        var weights = a.WeightsAt(t);
        a.QueryGradient.AsSpan().Clear();
        for (int r = 0; r < batch; r++)
        {
            int length = lengths[r];
            var dRow = dContextAndHidden.Slice(r * 2 * hs, 2 * hs);
            var dh = dHidden.Slice(r * hs, hs);
            dRow[hs..].CopyTo(dh);
            if (length == 0)
            {
                continue;
            }

            var dContext = dRow[..hs];
            var rowWeights = weights.Slice(r * ts, length);
            var dScores = a.WeightGradients.AsSpan(r * ts, length);
            Gemm.Multiply(dContext, hs, false, memory[(r * hs)..], ld, true, dScores, length, 1, length, hs, accumulate: false);
            Gemm.Multiply(rowWeights, length, true, dContext, hs, false, dMemory[(r * hs)..], ld, length, hs, 1, accumulate: true);
            TensorPrimitives.Subtract(dScores, TensorPrimitives.Dot(rowWeights, dScores), dScores);
            TensorPrimitives.Multiply(dScores, rowWeights, dScores);
            if (ScoreVector is not null)
            {
                AdditiveScoreBackward(values, a, t, r, length, dScores, gradients);
            }
            else
            {
                var h = contextAndHidden.Slice(r * 2 * hs + hs, hs);
                Gemm.Multiply(dScores, length, false, keys[(r * hs)..], ld, false, dh, hs, 1, hs, length, accumulate: true);
                Gemm.Multiply(dScores, length, true, h, hs, false, dKeys[(r * hs)..], ld, length, hs, 1, accumulate: true);
            }
        }

        if (QueryWeight is not null)
        {
            var dQuery = a.QueryGradient.AsSpan(0, batch * hs);
            Gemm.Multiply(dQuery, hs, false, QueryWeight.Of(values), hs, true, dHidden, hs, batch, hs, hs, accumulate: true);
            Gemm.Multiply(contextAndHidden[hs..], 2 * hs, true, dQuery, hs, false, QueryWeight.Of(gradients), hs, hs, hs, batch, accumulate: true);
        }
    }

    /// <summary>
    /// One row of the additive score's backward: from the score gradients dScores [length] to v's gradient, the row's
    /// query gradient (<see cref="AttentionActivations.QueryGradient"/>) and the key gradients (both added to).
    /// </summary>
    private void AdditiveScoreBackward(float[] values, AttentionActivations a, int t, int r, int length, ReadOnlySpan<float> dScores, float[] gradients)
    {
        int batch = a.Batch, ts = a.SourceSteps, hs = HiddenSize, ld = batch * hs;
        var squashed = a.Squashed.AsSpan((t * batch + r) * ts * hs, length * hs);
        var v = ScoreVector!.Of(values);
        Gemm.Multiply(dScores, length, false, squashed, hs, false, ScoreVector.Of(gradients), hs, 1, hs, length, accumulate: true);
        var dQuery = a.QueryGradient.AsSpan(r * hs, hs);
        var dKeys = a.KeyGradients.AsSpan();
        for (int s = 0; s < length; s++)
        {
            var du = a.SquashedGradient.AsSpan(s * hs, hs);
            var u = squashed.Slice(s * hs, hs);
            TensorPrimitives.Multiply(u, u, du);
            TensorPrimitives.Subtract(1f, du, du);
            TensorPrimitives.Multiply(du, v, du);
            TensorPrimitives.Multiply(du, dScores[s], du);
            TensorPrimitives.Add(dQuery, du, dQuery);
            var dKey = dKeys.Slice(s * ld + r * hs, hs);
            TensorPrimitives.Add(dKey, du, dKey);
        }
    }

    /// <summary>
    /// Ends a backward over <paramref name="steps"/> steps: adds Wc's, bc's and the key weight's gradients, and the keys'
    /// share of the memory gradient into <paramref name="dMemory"/> [Ts, B, H].
    /// </summary>
    public void EndBackward(float[] values, AttentionActivations a, int steps, ReadOnlySpan<float> memory, Span<float> dMemory, float[] gradients)
    {
        int batch = a.Batch, hs = HiddenSize, rows = steps * batch;
        Linear.Backward(a.ContextAndHidden.AsSpan(0, rows * 2 * hs), rows, 2 * hs, OutputWeight.Of(values), hs,
            a.PreActivationGradients.AsSpan(0, rows * hs), default, false, OutputWeight.Of(gradients), OutputBias.Of(gradients));
        if (KeyWeight is not null)
        {
            int memoryRows = a.SourceSteps * batch;
            Linear.Backward(memory, memoryRows, hs, KeyWeight.Of(values), hs, a.KeyGradients.AsSpan(0, memoryRows * hs),
                dMemory, true, KeyWeight.Of(gradients), default);
        }
    }

    /// <summary>
    /// For beam search: copies, for every row r, the step-t attentional vector (the next step's fed input) from row
    /// <paramref name="parents"/>[r].
    /// </summary>
    public void SelectRows(AttentionActivations a, int t, ReadOnlySpan<int> parents)
    {
        RowGather.Apply(a.AttentionalAt(t), parents, HiddenSize);
    }
}
