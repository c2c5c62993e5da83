using MLNet.Seq2Seq.Engine.Kernels;
using MLNet.Seq2Seq.Trainers;

namespace MLNet.Seq2Seq.Engine.Layers;

/// <summary>
/// What one <see cref="AttentionLayer"/> keeps for one batch chunk between forward and backward, plus backward scratch.
/// Arrays grow to the largest chunk seen and are reused.
/// </summary>
internal sealed class AttentionActivations(int hiddenSize, AttentionScoring scoring, int fedInputSize)
{
    /// <summary>Rows in the current chunk.</summary>
    public int Batch { get; private set; }

    /// <summary>Ts: encoder steps in the current chunk.</summary>
    public int SourceSteps { get; private set; }

    /// <summary>[Ts, B, H]: the memory projected for scoring (general: M·Wa; additive: M·W2; unused for dot).</summary>
    public float[] Keys { get; private set; } = [];

    /// <summary>[Td, B, Ts]: attention weights; positions at or past a row's source length hold exactly 0.</summary>
    public float[] Weights { get; private set; } = [];

    /// <summary>[Td, B, 2H]: each step's context concatenated with the decoder's top hidden state.</summary>
    public float[] ContextAndHidden { get; private set; } = [];

    /// <summary>[Td, B, H]: each step's attentional vector h~.</summary>
    public float[] Attentional { get; private set; } = [];

    /// <summary>[B, H]: the additive score's query h·W1 at the current step.</summary>
    public float[] Query { get; private set; } = [];

    /// <summary>[Td, B, Ts, H]: the additive score's tanh(h·W1 + M_s·W2).</summary>
    public float[] Squashed { get; private set; } = [];

    /// <summary>[B, E + H]: with input feeding, the first decoder layer's input at the current step.</summary>
    public float[] FedInput { get; private set; } = [];

    /// <summary>[Td, B, H]: gradient of each step's attentional vector.</summary>
    public float[] AttentionalGradients { get; private set; } = [];

    /// <summary>[Td, B, H]: gradient of each step's attentional vector before the tanh.</summary>
    public float[] PreActivationGradients { get; private set; } = [];

    /// <summary>[B, 2H]: one step's gradient of the context and the top hidden state.</summary>
    public float[] ContextAndHiddenGradient { get; private set; } = [];

    /// <summary>[B, Ts]: one step's gradient of the weights, then of the scores.</summary>
    public float[] WeightGradients { get; private set; } = [];

    /// <summary>[Ts, B, H]: gradient of <see cref="Keys"/>, summed over decoder steps.</summary>
    public float[] KeyGradients { get; private set; } = [];

    /// <summary>[B, H]: one step's gradient of the additive query.</summary>
    public float[] QueryGradient { get; private set; } = [];

    /// <summary>[Ts, H]: one row's gradient of the additive score's tanh input.</summary>
    public float[] SquashedGradient { get; private set; } = [];

    /// <summary>[B, H]: with input feeding, the gradient of the previous step's attentional vector from the first layer's input.</summary>
    public float[] FedGradient { get; private set; } = [];

    /// <summary>Sizes the buffers for a chunk.</summary>
    public void Prepare(int batch, int sourceSteps, int targetSteps)
    {
        Batch = batch;
        SourceSteps = sourceSteps;
        int h = hiddenSize, memory = sourceSteps * batch * h, decoded = targetSteps * batch * h;
        bool keyed = scoring != AttentionScoring.Dot, additive = scoring == AttentionScoring.Additive;
        Keys = Buffers.Grow(Keys, keyed ? memory : 0);
        KeyGradients = Buffers.Grow(KeyGradients, keyed ? memory : 0);
        Weights = Buffers.Grow(Weights, targetSteps * batch * sourceSteps);
        ContextAndHidden = Buffers.Grow(ContextAndHidden, 2 * decoded);
        Attentional = Buffers.Grow(Attentional, decoded);
        Query = Buffers.Grow(Query, additive ? batch * h : 0);
        Squashed = Buffers.Grow(Squashed, additive ? targetSteps * memory : 0);
        FedInput = Buffers.Grow(FedInput, batch * fedInputSize);
        AttentionalGradients = Buffers.Grow(AttentionalGradients, decoded);
        PreActivationGradients = Buffers.Grow(PreActivationGradients, decoded);
        ContextAndHiddenGradient = Buffers.Grow(ContextAndHiddenGradient, 2 * batch * h);
        WeightGradients = Buffers.Grow(WeightGradients, batch * sourceSteps);
        QueryGradient = Buffers.Grow(QueryGradient, additive ? batch * h : 0);
        SquashedGradient = Buffers.Grow(SquashedGradient, additive ? sourceSteps * h : 0);
        FedGradient = Buffers.Grow(FedGradient, batch * h);
    }

    /// <summary>[B, Ts] the weights of step <paramref name="t"/>.</summary>
    public Span<float> WeightsAt(int t) => Weights.AsSpan(t * Batch * SourceSteps, Batch * SourceSteps);

    /// <summary>[B, H] the attentional vector of step <paramref name="t"/>.</summary>
    public Span<float> AttentionalAt(int t) => Attentional.AsSpan(t * Batch * hiddenSize, Batch * hiddenSize);
}
