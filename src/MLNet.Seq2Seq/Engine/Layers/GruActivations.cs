using MLNet.Seq2Seq.Engine.Kernels;

namespace MLNet.Seq2Seq.Engine.Layers;

/// <summary>
/// What one <see cref="GruLayer"/> keeps for one batch chunk between forward and backward, plus backward scratch.
/// Arrays grow to the largest batch and step count seen and are reused.
/// </summary>
internal sealed class GruActivations(int inputSize, int hiddenSize, int staticSize) : IRecurrentActivations
{
    private readonly int gateSize = 3 * hiddenSize;

    /// <summary>Rows in the current chunk.</summary>
    public int Batch { get; private set; }

    /// <summary>[T, B, D]: each step's input.</summary>
    public float[] Inputs { get; private set; } = [];

    /// <summary>[T, B, 4H]: per step the update gate z, the reset gate r, the candidate n and hn = h·Wn + bn before the reset.</summary>
    public float[] Gates { get; private set; } = [];

    /// <summary>[T + 1, B, H]: hidden states; index 0 is the initial state.</summary>
    public float[] Hidden { get; private set; } = [];

    /// <summary>[B, S]: the input that is the same at every step (empty when the layer has none).</summary>
    public float[] StaticInput { get; private set; } = [];

    /// <summary>[B, 3H]: input bias plus the static input's contribution, added to every step's input part.</summary>
    public float[] StaticGates { get; private set; } = [];

    /// <summary>[B, 3H]: one step's hidden part h·Wh + bh.</summary>
    public float[] HiddenGates { get; private set; } = [];

    /// <summary>[T, B, 3H]: gradients of the input part's pre-activations (z, r, n).</summary>
    public float[] InputGateGradients { get; private set; } = [];

    /// <summary>[T, B, 3H]: gradients of the hidden part (z, r, and hn).</summary>
    public float[] HiddenGateGradients { get; private set; } = [];

    /// <summary>[B, H]: the running hidden-state gradient in backward.</summary>
    public float[] HiddenGradient { get; private set; } = [];

    /// <summary>[B, H]: one step's gradient reaching the previous hidden state through Wh.</summary>
    public float[] RecurrentGradient { get; private set; } = [];

    /// <summary>[B, 3H]: input-part gradients summed over time, for the static input.</summary>
    public float[] GateGradientSum { get; private set; } = [];

    /// <summary>Sizes the buffers for a chunk of <paramref name="batch"/> rows and up to <paramref name="steps"/> steps.</summary>
    public void Prepare(int batch, int steps)
    {
        Batch = batch;
        Inputs = Buffers.Grow(Inputs, steps * batch * inputSize);
        Gates = Buffers.Grow(Gates, steps * batch * 4 * hiddenSize);
        Hidden = Buffers.Grow(Hidden, (steps + 1) * batch * hiddenSize);
        StaticInput = Buffers.Grow(StaticInput, batch * staticSize);
        StaticGates = Buffers.Grow(StaticGates, batch * gateSize);
        HiddenGates = Buffers.Grow(HiddenGates, batch * gateSize);
        InputGateGradients = Buffers.Grow(InputGateGradients, steps * batch * gateSize);
        HiddenGateGradients = Buffers.Grow(HiddenGateGradients, steps * batch * gateSize);
        HiddenGradient = Buffers.Grow(HiddenGradient, batch * hiddenSize);
        RecurrentGradient = Buffers.Grow(RecurrentGradient, batch * hiddenSize);
        GateGradientSum = Buffers.Grow(GateGradientSum, batch * gateSize);
    }

    /// <summary>[B, H] hidden state after step <paramref name="t"/> (t = -1: the initial state).</summary>
    public Span<float> HiddenAfter(int t) => Hidden.AsSpan((t + 1) * Batch * hiddenSize, Batch * hiddenSize);

    /// <summary>Always empty: a GRU has no cell state.</summary>
    public Span<float> CellAfter(int t) => [];

    /// <summary>Replaces, for every row r, the hidden state after step <paramref name="t"/> with row <paramref name="parents"/>[r]'s.</summary>
    public void SelectRows(int t, ReadOnlySpan<int> parents) => RowGather.Apply(HiddenAfter(t), parents, hiddenSize);
}
