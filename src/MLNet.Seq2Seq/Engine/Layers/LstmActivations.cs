using MLNet.Seq2Seq.Engine.Kernels;
namespace MLNet.Seq2Seq.Engine.Layers;

/// <summary>
/// What one <see cref="LstmLayer"/> keeps for one batch chunk between forward and backward, plus backward scratch.
/// Arrays grow to the largest batch and step count seen and are reused, so steady-state training allocates nothing.
/// </summary>
internal sealed class LstmActivations(int inputSize, int hiddenSize, int staticSize) : IRecurrentActivations
{
    private readonly int xhSize = inputSize + hiddenSize;
    private readonly int gateSize = 4 * hiddenSize;

    /// <summary>Rows in the current chunk.</summary>
    public int Batch { get; private set; }

    /// <summary>[T, B, D + H]: each step's input concatenated with the previous hidden state.</summary>
    public float[] InputAndHidden { get; private set; } = [];

    /// <summary>[T, B, 4H]: activated gates i, f, g, o.</summary>
    public float[] Gates { get; private set; } = [];

    /// <summary>[T + 1, B, H]: cell states; index 0 is the initial state.</summary>
    public float[] Cells { get; private set; } = [];

    /// <summary>[T, B, H]: tanh of each step's cell state.</summary>
    public float[] TanhCells { get; private set; } = [];

    /// <summary>[T + 1, B, H]: hidden states; index 0 is the initial state.</summary>
    public float[] Hidden { get; private set; } = [];

    /// <summary>[B, S]: the input that is the same at every step (empty when the layer has none).</summary>
    public float[] StaticInput { get; private set; } = [];

    /// <summary>[B, 4H]: bias plus the static input's contribution, added to every step's gates.</summary>
    public float[] StaticGates { get; private set; } = [];

    /// <summary>W [D + H, 4H] packed for the step products, valid from <see cref="LstmLayer.Begin"/> to the end of the backward.</summary>
    public PackedMatrix PackedWeight { get; } = new();

    /// <summary>
    /// [T, 4H] for a single-row sequence: each step's input rows' part of the gate product, x_t · W[0..D), as the FMA
    /// chains the step's product continues (see <see cref="LstmLayer.Run"/>).
    /// </summary>
    public float[] InputSums { get; private set; } = [];

    /// <summary>Whether the sequence started from the zero state (no h0 given to <see cref="LstmLayer.Begin"/>).</summary>
    public bool StartsFromZero { get; set; }

    /// <summary>[T, B, 4H]: gradients of the gates' pre-activations.</summary>
    public float[] GateGradients { get; private set; } = [];

    /// <summary>[B, D + H]: one step's gradient with respect to input and previous hidden state.</summary>
    public float[] InputAndHiddenGradient { get; private set; } = [];

    /// <summary>[D + H, B]: <see cref="InputAndHiddenGradient"/> transposed, as the product computes it.</summary>
    public float[] InputAndHiddenGradientColumns { get; private set; } = [];

    /// <summary>[B, H]: the running hidden-state gradient in backward.</summary>
    public float[] HiddenGradient { get; private set; } = [];

    /// <summary>[B, H]: the running cell-state gradient in backward.</summary>
    public float[] CellGradient { get; private set; } = [];

    /// <summary>[B, 4H]: gate gradients summed over time, for the static input.</summary>
    public float[] GateGradientSum { get; private set; } = [];

    /// <summary>Sizes the buffers for a chunk of <paramref name="batch"/> rows and up to <paramref name="steps"/> steps.</summary>
    public void Prepare(int batch, int steps)
    {
        Batch = batch;
        InputAndHidden = Buffers.Grow(InputAndHidden, steps * batch * xhSize);
        Gates = Buffers.Grow(Gates, steps * batch * gateSize);
        Cells = Buffers.Grow(Cells, (steps + 1) * batch * hiddenSize);
        TanhCells = Buffers.Grow(TanhCells, steps * batch * hiddenSize);
        Hidden = Buffers.Grow(Hidden, (steps + 1) * batch * hiddenSize);
        StaticInput = Buffers.Grow(StaticInput, batch * staticSize);
        StaticGates = Buffers.Grow(StaticGates, batch * gateSize);
        InputSums = Buffers.Grow(InputSums, batch == 1 ? steps * gateSize : 0);
        GateGradients = Buffers.Grow(GateGradients, steps * batch * gateSize);
        InputAndHiddenGradient = Buffers.Grow(InputAndHiddenGradient, batch * xhSize);
        InputAndHiddenGradientColumns = Buffers.Grow(InputAndHiddenGradientColumns, batch * xhSize);
        HiddenGradient = Buffers.Grow(HiddenGradient, batch * hiddenSize);
        CellGradient = Buffers.Grow(CellGradient, batch * hiddenSize);
        GateGradientSum = Buffers.Grow(GateGradientSum, batch * gateSize);
    }

    /// <summary>[B, H] hidden state after step <paramref name="t"/> (t = -1: the initial state).</summary>
    public Span<float> HiddenAfter(int t) => Hidden.AsSpan((t + 1) * Batch * hiddenSize, Batch * hiddenSize);

    /// <summary>[B, H] cell state after step <paramref name="t"/> (t = -1: the initial state).</summary>
    public Span<float> CellAfter(int t) => Cells.AsSpan((t + 1) * Batch * hiddenSize, Batch * hiddenSize);

    /// <summary>
    /// Replaces, for every row r, the hidden and cell state after step <paramref name="t"/> with row
    /// <paramref name="parents"/>[r]'s (a gather; a parent may feed several rows). The static input is left as it is.
    /// </summary>
    public void SelectRows(int t, ReadOnlySpan<int> parents)
    {
        RowGather.Apply(HiddenAfter(t), parents, hiddenSize);
        RowGather.Apply(CellAfter(t), parents, hiddenSize);
    }
}
