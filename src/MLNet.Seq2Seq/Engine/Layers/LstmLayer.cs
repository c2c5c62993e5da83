using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using MLNet.Seq2Seq.Engine.Kernels;
using MLNet.Seq2Seq.Engine.Models;

namespace MLNet.Seq2Seq.Engine.Layers;

/// <summary>
/// One LSTM layer run step by step over a batch chunk, with a fused cell: gates = [x; h]·W + s·Wc + b, gate order
/// i, f, g, o; c' = f⊙c + i⊙g; h' = o⊙tanh(c'). An optional static input s (the same at every step, e.g. a peeky
/// decoder's context) is projected once per sequence. Rows whose length has been reached keep their state unchanged,
/// so a padded sequence ends in the state of its last real token.
/// </summary>
internal sealed class LstmLayer : IRecurrentLayer
{
    /// <summary>Chunks of more rows than this pack W once per sequence in <see cref="Begin"/>.</summary>
    private const int PackedWeightMinimumRows = 16;

    private readonly int xhSize;
    private readonly int gateSize;

    /// <summary>Registers W [D + H, 4H], b [4H] and, with a static input, Wc [S, 4H] under <paramref name="name"/>.</summary>
    public LstmLayer(ParameterSet parameters, string name, int inputSize, int hiddenSize, int staticSize)
    {
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        StaticSize = staticSize;
        xhSize = inputSize + hiddenSize;
        gateSize = 4 * hiddenSize;
        Weight = parameters.Add(name + ".weight", xhSize, gateSize);
        Bias = parameters.Add(name + ".bias", gateSize);
        StaticWeight = staticSize > 0 ? parameters.Add(name + ".static_weight", staticSize, gateSize) : null;
    }

    /// <summary>D: the per-step input width.</summary>
    public int InputSize { get; }

    /// <summary>H: the state width.</summary>
    public int HiddenSize { get; }

    /// <summary>S: the static input width (0 for none).</summary>
    public int StaticSize { get; }

    /// <summary>W [D + H, 4H].</summary>
    public Parameter Weight { get; }

    /// <summary>b [4H].</summary>
    public Parameter Bias { get; }

    /// <summary>Wc [S, 4H], or null without a static input.</summary>
    public Parameter? StaticWeight { get; }

    /// <summary>Always true: the LSTM carries a cell state.</summary>
    public bool HasCell => true;

    /// <summary>Buffers for this layer's shapes.</summary>
    public LstmActivations CreateActivations() => new(InputSize, HiddenSize, StaticSize);

    IRecurrentActivations IRecurrentLayer.CreateActivations() => CreateActivations();

    void IRecurrentLayer.Begin(float[] values, IRecurrentActivations a, int batch, int steps,
        ReadOnlySpan<float> h0, ReadOnlySpan<float> c0, ReadOnlySpan<float> staticInput) =>
        Begin(values, (LstmActivations)a, batch, steps, h0, c0, staticInput);

    void IRecurrentLayer.Step(float[] values, IRecurrentActivations a, int t, ReadOnlySpan<float> x, ReadOnlySpan<int> lengths) =>
        Step(values, (LstmActivations)a, t, x, lengths);

    void IRecurrentLayer.Run(float[] values, IRecurrentActivations a, int steps, ReadOnlySpan<float> inputs, ReadOnlySpan<int> lengths) =>
        Run(values, (LstmActivations)a, steps, inputs, lengths);

    void IRecurrentLayer.BeginBackward(IRecurrentActivations a, ReadOnlySpan<float> dhFinal, ReadOnlySpan<float> dcFinal) =>
        BeginBackward((LstmActivations)a, dhFinal, dcFinal);

    void IRecurrentLayer.BackwardStep(float[] values, IRecurrentActivations a, int t, ReadOnlySpan<int> lengths,
        ReadOnlySpan<float> dOutput, Span<float> dInput) =>
        BackwardStep(values, (LstmActivations)a, t, lengths, dOutput, dInput);

    void IRecurrentLayer.EndBackward(float[] values, IRecurrentActivations a, int steps, Span<float> dh0, Span<float> dc0,
        Span<float> dStatic, float[] gradients) =>
        EndBackward(values, (LstmActivations)a, steps, dh0, dc0, dStatic, gradients);

    void IRecurrentLayer.Backward(float[] values, IRecurrentActivations a, int steps, ReadOnlySpan<int> lengths,
        ReadOnlySpan<float> dOutputs, ReadOnlySpan<float> dhFinal, ReadOnlySpan<float> dcFinal,
        Span<float> dInputs, Span<float> dh0, Span<float> dc0, Span<float> dStatic, float[] gradients) =>
        Backward(values, (LstmActivations)a, steps, lengths, dOutputs, dhFinal, dcFinal, dInputs, dh0, dc0, dStatic, gradients);

    /// <summary>Uniform(±1/√H) weights, zero biases except the forget gate's, which start at 1.</summary>
    public void Initialize(float[] values, ulong seed)
    {
        float bound = 1f / MathF.Sqrt(HiddenSize);
        foreach (var p in new[] { Weight, StaticWeight })
        {
            if (p is null)
            {
                continue;
            }

            var w = p.Of(values);
            for (int i = 0; i < w.Length; i++)
            {
                w[i] = (2f * CounterRandom.Uniform(seed, (ulong)p.Offset, (ulong)i) - 1f) * bound;
            }
        }

        var b = Bias.Of(values);
        b.Clear();
        b.Slice(HiddenSize, HiddenSize).Fill(1f);
    }

    /// <summary>
    /// Starts a sequence of <paramref name="batch"/> rows: sets the initial state (empty spans mean zeros) and
    /// precomputes the static contribution to the gates.
    /// </summary>
    public void Begin(float[] values, LstmActivations a, int batch, int steps,
        ReadOnlySpan<float> h0, ReadOnlySpan<float> c0, ReadOnlySpan<float> staticInput)
    {
        a.Prepare(batch, steps);

        // Every step multiplies by the same W: pack it once here rather than once a step. Up to 16 rows the kernels read
        // W in place, so packing would not pay.
        if (batch > PackedWeightMinimumRows)
        {
            a.PackedWeight.Pack(Weight.Of(values), gateSize, xhSize, gateSize);
        }
        else
        {
            a.PackedWeight.Clear();
        }

        a.StartsFromZero = h0.IsEmpty;
        CopyOrClear(h0, a.HiddenAfter(-1));
        CopyOrClear(c0, a.CellAfter(-1));
        var staticGates = a.StaticGates.AsSpan(0, batch * gateSize);
        var bias = Bias.Of(values);
        for (int r = 0; r < batch; r++)
        {
            bias.CopyTo(staticGates.Slice(r * gateSize, gateSize));
        }

        if (StaticWeight is not null)
        {
            staticInput.CopyTo(a.StaticInput);
            Gemm.Multiply(staticInput, StaticSize, false, StaticWeight.Of(values), gateSize, false,
                staticGates, gateSize, batch, gateSize, StaticSize, accumulate: true);
        }
    }

    /// <summary>
    /// Steps 0..<paramref name="steps"/> - 1 over inputs [T, B, D], after <see cref="Begin"/>: the same values as calling
    /// <see cref="Step"/> for each t. A single row on the AVX-512 kernels takes every step's input rows' part of the
    /// gate product in one product first ([T, D] · W[0..D), each gate's FMA chain over the input rows from zero), then
    /// each step continues those chains over the hidden rows, so W's input rows are read once instead of once a step
    /// and every gate is still the one chain over p = 0..D + H - 1 (bit-identical). From the zero state the first step
    /// reads no hidden rows at all: they would add only zeros to its chains.
    /// </summary>
    public void Run(float[] values, LstmActivations a, int steps, ReadOnlySpan<float> inputs, ReadOnlySpan<int> lengths)
    {
        int batch = a.Batch;
        if (batch != 1 || InputSize == 0 || !RowProduct.IsAvailable)
        {
            for (int t = 0; t < steps; t++)
            {
                Step(values, a, t, inputs.Slice(t * batch * InputSize, batch * InputSize), lengths);
            }

            return;
        }

        var inputSums = a.InputSums.AsSpan(0, steps * gateSize);
        Gemm.Multiply(inputs, InputSize, false, Weight.Of(values), gateSize, false, inputSums, gateSize, steps, gateSize, InputSize, accumulate: false);
        for (int t = 0; t < steps; t++)
        {
            ContinueStep(values, a, t, inputs.Slice(t * InputSize, InputSize), inputSums.Slice(t * gateSize, gateSize), lengths);
        }
    }

    /// <summary>
    /// <see cref="Run"/> for a single row whose input rows' sums come from <paramref name="table"/> [V, 4H] (each token's
    /// x·W[0..D), see <see cref="InputGateTable"/>): step t continues the chains of row <paramref name="tokens"/>[t], so
    /// no step reads W's input rows. Needs <see cref="RowProduct.IsAvailable"/>.
    /// </summary>
    public void RunFromTable(float[] values, LstmActivations a, int steps, ReadOnlySpan<float> inputs, InputGateTable table,
        ReadOnlySpan<int> tokens, ReadOnlySpan<int> lengths)
    {
        for (int t = 0; t < steps; t++)
        {
            ContinueStep(values, a, t, inputs.Slice(t * InputSize, InputSize), table.Row(tokens[t]), lengths);
        }
    }

    /// <summary>
    /// <see cref="Step"/> for a single row whose input rows' sums <paramref name="inputSums"/> [4H] are already known
    /// (a row of an <see cref="InputGateTable"/>): the product continues them over the hidden rows only. Needs
    /// <see cref="RowProduct.IsAvailable"/>.
    /// </summary>
    public void ContinueStep(float[] values, LstmActivations a, int t, ReadOnlySpan<float> x, ReadOnlySpan<float> inputSums, ReadOnlySpan<int> lengths)
    {
        StartStep(a, t, x);
        var gates = a.Gates.AsSpan(t * gateSize, gateSize);
        if (t == 0 && a.StartsFromZero)
        {
            // h = 0 adds only zeros to the chains, so the first step does not read W's hidden rows.
            TensorPrimitives.Add(gates, inputSums, gates);
        }
        else
        {
            RowProduct.ContinueAndAdd(a.HiddenAfter(t - 1), Weight.Of(values)[(InputSize * gateSize)..], gateSize, inputSums, gates, gateSize, HiddenSize);
        }

        Cell(a, t, lengths);
    }

    /// <summary>
    /// Step t: x [B, D] in, state after step t out (see <see cref="LstmActivations.HiddenAfter"/>).
    /// Rows with lengths[r] ≤ t keep their previous state.
    /// </summary>
    public void Step(float[] values, LstmActivations a, int t, ReadOnlySpan<float> x, ReadOnlySpan<int> lengths)
    {
        int batch = a.Batch;
        StartStep(a, t, x);
        var xh = a.InputAndHidden.AsSpan(t * batch * xhSize, batch * xhSize);
        var gates = a.Gates.AsSpan(t * batch * gateSize, batch * gateSize);
        Gemm.MultiplyPacked(xh, xhSize, false, Weight.Of(values), gateSize, a.PackedWeight, gates, gateSize, batch, gateSize, xhSize, accumulate: true);
        Cell(a, t, lengths);
    }

    /// <summary>
    /// Writes step t's [x; h] [B, D + H] (the product's input, and kept for the backward) and starts its gates [B, 4H]
    /// at the bias plus the static input's part, which the product adds to.
    /// </summary>
    private void StartStep(LstmActivations a, int t, ReadOnlySpan<float> x)
    {
        int batch = a.Batch, hs = HiddenSize;
        var xh = a.InputAndHidden.AsSpan(t * batch * xhSize, batch * xhSize);
        var gates = a.Gates.AsSpan(t * batch * gateSize, batch * gateSize);
        var hPrev = a.HiddenAfter(t - 1);
        for (int r = 0; r < batch; r++)
        {
            x.Slice(r * InputSize, InputSize).CopyTo(xh.Slice(r * xhSize, InputSize));
            hPrev.Slice(r * hs, hs).CopyTo(xh.Slice(r * xhSize + InputSize, hs));
        }

        a.StaticGates.AsSpan(0, batch * gateSize).CopyTo(gates);
    }

    /// <summary>
    /// The fused cell of step t from its gates' pre-activations [B, 4H] (activated in place): c' = f⊙c + i⊙g,
    /// h' = o⊙tanh(c'); rows with lengths[r] ≤ t keep their previous state.
    /// </summary>
    private void Cell(LstmActivations a, int t, ReadOnlySpan<int> lengths)
    {
        int batch = a.Batch, hs = HiddenSize;
        var gates = a.Gates.AsSpan(t * batch * gateSize, batch * gateSize);
        var hPrev = a.HiddenAfter(t - 1);
        var cPrev = a.CellAfter(t - 1);
        var h = a.HiddenAfter(t);
        var c = a.CellAfter(t);
        var tanhC = a.TanhCells.AsSpan(t * batch * hs, batch * hs);
        for (int r = 0; r < batch; r++)
        {
            var rowH = h.Slice(r * hs, hs);
            var rowC = c.Slice(r * hs, hs);
            if (t >= lengths[r])
            {
                hPrev.Slice(r * hs, hs).CopyTo(rowH);
                cPrev.Slice(r * hs, hs).CopyTo(rowC);
                continue;
            }

            CellForward(gates.Slice(r * gateSize, gateSize), cPrev.Slice(r * hs, hs), rowC, tanhC.Slice(r * hs, hs), rowH);
        }
    }

    /// <summary>
    /// One row of the cell: activates the gates' pre-activations [4H] in place (σ, σ, tanh, σ) and writes
    /// c' = f⊙c + i⊙g, tanh(c') and h' = o⊙tanh(c') [H], in registers. Each block of 16 units is one long dependency
    /// chain (exp, divide, then the tanh of c'), so two blocks go side by side and each hides the other's latency
    /// (a row of 128 units: 385 ns one block at a time, 315 ns two); units past the last pair go one block at a time.
    /// </summary>
    private static void CellForward(Span<float> gates, ReadOnlySpan<float> cPrev, Span<float> c, Span<float> tanhC, Span<float> h)
    {
        const int W = ActivationFunctions.Width;
        int hs = h.Length, k = 0;
        Span<float> iRow = gates[..hs], fRow = gates.Slice(hs, hs), gRow = gates.Slice(2 * hs, hs), oRow = gates.Slice(3 * hs, hs);
        for (; k + (2 * W) <= hs; k += 2 * W)
        {
            var i0 = ActivationFunctions.Sigmoid(Vector512.Create(iRow[k..]));
            var i1 = ActivationFunctions.Sigmoid(Vector512.Create(iRow[(k + W)..]));
            var f0 = ActivationFunctions.Sigmoid(Vector512.Create(fRow[k..]));
            var f1 = ActivationFunctions.Sigmoid(Vector512.Create(fRow[(k + W)..]));
            var g0 = ActivationFunctions.Tanh(Vector512.Create(gRow[k..]));
            var g1 = ActivationFunctions.Tanh(Vector512.Create(gRow[(k + W)..]));
            var o0 = ActivationFunctions.Sigmoid(Vector512.Create(oRow[k..]));
            var o1 = ActivationFunctions.Sigmoid(Vector512.Create(oRow[(k + W)..]));
            var c0 = Vector512.FusedMultiplyAdd(i0, g0, f0 * Vector512.Create(cPrev[k..]));
            var c1 = Vector512.FusedMultiplyAdd(i1, g1, f1 * Vector512.Create(cPrev[(k + W)..]));
            var t0 = ActivationFunctions.Tanh(c0);
            var t1 = ActivationFunctions.Tanh(c1);
            i0.CopyTo(iRow[k..]);
            i1.CopyTo(iRow[(k + W)..]);
            f0.CopyTo(fRow[k..]);
            f1.CopyTo(fRow[(k + W)..]);
            g0.CopyTo(gRow[k..]);
            g1.CopyTo(gRow[(k + W)..]);
            o0.CopyTo(oRow[k..]);
            o1.CopyTo(oRow[(k + W)..]);
            c0.CopyTo(c[k..]);
            c1.CopyTo(c[(k + W)..]);
            t0.CopyTo(tanhC[k..]);
            t1.CopyTo(tanhC[(k + W)..]);
            (o0 * t0).CopyTo(h[k..]);
            (o1 * t1).CopyTo(h[(k + W)..]);
        }

        for (; k < hs; k += W)
        {
            var i = ActivationFunctions.Sigmoid(ActivationFunctions.Load(iRow[k..]));
            var f = ActivationFunctions.Sigmoid(ActivationFunctions.Load(fRow[k..]));
            var g = ActivationFunctions.Tanh(ActivationFunctions.Load(gRow[k..]));
            var o = ActivationFunctions.Sigmoid(ActivationFunctions.Load(oRow[k..]));
            var cNext = Vector512.FusedMultiplyAdd(i, g, f * ActivationFunctions.Load(cPrev[k..]));
            var tanhNext = ActivationFunctions.Tanh(cNext);
            ActivationFunctions.Store(i, iRow[k..]);
            ActivationFunctions.Store(f, fRow[k..]);
            ActivationFunctions.Store(g, gRow[k..]);
            ActivationFunctions.Store(o, oRow[k..]);
            ActivationFunctions.Store(cNext, c[k..]);
            ActivationFunctions.Store(tanhNext, tanhC[k..]);
            ActivationFunctions.Store(o * tanhNext, h[k..]);
        }
    }

    /// <summary>
    /// Backpropagates through <paramref name="steps"/> steps. Inputs: dOutputs [T, B, H] (gradient of each step's
    /// hidden output; empty for none) and the gradient of the final state (empty for none). Outputs: dInputs [T, B, D]
    /// (overwritten; empty to skip), the initial-state gradients dh0, dc0 [B, H] (overwritten; empty to skip),
    /// dStatic [B, S] (added to; empty to skip), and the parameter gradients, added into <paramref name="gradients"/>.
    /// </summary>
    public void Backward(float[] values, LstmActivations a, int steps, ReadOnlySpan<int> lengths,
        ReadOnlySpan<float> dOutputs, ReadOnlySpan<float> dhFinal, ReadOnlySpan<float> dcFinal,
        Span<float> dInputs, Span<float> dh0, Span<float> dc0, Span<float> dStatic, float[] gradients)
    {
        int batch = a.Batch;
        BeginBackward(a, dhFinal, dcFinal);
        for (int t = steps - 1; t >= 0; t--)
        {
            BackwardStep(values, a, t, lengths,
                dOutputs.IsEmpty ? default : dOutputs.Slice(t * batch * HiddenSize, batch * HiddenSize),
                dInputs.IsEmpty ? default : dInputs.Slice(t * batch * InputSize, batch * InputSize));
        }

        EndBackward(values, a, steps, dh0, dc0, dStatic, gradients);
    }

    /// <summary>
    /// Starts a step-by-step backward (for callers whose step t input depends on step t - 1 outputs, such as input
    /// feeding): sets the running state gradients to the final state's (empty spans mean zeros).
    /// </summary>
    public void BeginBackward(LstmActivations a, ReadOnlySpan<float> dhFinal, ReadOnlySpan<float> dcFinal)
    {
        CopyOrClear(dhFinal, a.HiddenGradient.AsSpan(0, a.Batch * HiddenSize));
        CopyOrClear(dcFinal, a.CellGradient.AsSpan(0, a.Batch * HiddenSize));
    }

    /// <summary>
    /// Step t of the backward, called for t = T - 1 down to 0: dOutput [B, H] is the gradient of the step's hidden
    /// output (empty for none); dInput [B, D] receives the gradient of the step's input (overwritten; empty to skip).
    /// </summary>
    public void BackwardStep(float[] values, LstmActivations a, int t, ReadOnlySpan<int> lengths,
        ReadOnlySpan<float> dOutput, Span<float> dInput)
    {
        int batch = a.Batch, hs = HiddenSize;
        var dh = a.HiddenGradient.AsSpan(0, batch * hs);
        var dc = a.CellGradient.AsSpan(0, batch * hs);
        var dxh = a.InputAndHiddenGradient.AsSpan(0, batch * xhSize);
        var gates = a.Gates.AsSpan(t * batch * gateSize, batch * gateSize);
        var dGates = a.GateGradients.AsSpan(t * batch * gateSize, batch * gateSize);
        var cPrev = a.CellAfter(t - 1);
        var tanhC = a.TanhCells.AsSpan(t * batch * hs, batch * hs);
        if (!dOutput.IsEmpty)
        {
            TensorPrimitives.Add(dh, dOutput, dh);
        }

        for (int r = 0; r < batch; r++)
        {
            var dg = dGates.Slice(r * gateSize, gateSize);
            if (t >= lengths[r])
            {
                dg.Clear();
                continue;
            }

            CellBackward(gates.Slice(r * gateSize, gateSize), cPrev.Slice(r * hs, hs), tanhC.Slice(r * hs, hs),
                dh.Slice(r * hs, hs), dc.Slice(r * hs, hs), dg);
        }

        // d[x; h]ᵀ [D + H, B] = W [D + H, 4H] · dGatesᵀ: with the weight as the left operand it is read once, in place,
        // and only the chunk's gate gradients are packed; each element is the same FMA chain over the 4H gates as
        // dGates · Wᵀ, so the values are bit-identical to that form. One transpose gives back [B, D + H].
        var dxhColumns = a.InputAndHiddenGradientColumns.AsSpan(0, xhSize * batch);
        Gemm.Multiply(Weight.Of(values), gateSize, false, dGates, gateSize, true, dxhColumns, batch, xhSize, batch, gateSize, accumulate: false);
        MatrixTranspose.Transpose(dxhColumns, batch, dxh, xhSize, xhSize, batch);
        for (int r = 0; r < batch; r++)
        {
            var row = dxh.Slice(r * xhSize, xhSize);
            if (!dInput.IsEmpty)
            {
                row[..InputSize].CopyTo(dInput.Slice(r * InputSize, InputSize));
            }

            if (t < lengths[r])
            {
                row.Slice(InputSize, hs).CopyTo(dh.Slice(r * hs, hs));
            }
        }
    }

    /// <summary>
    /// Ends a backward over <paramref name="steps"/> steps: writes the initial-state gradients dh0, dc0 [B, H]
    /// (overwritten; empty to skip), adds dStatic [B, S] (empty to skip) and the parameter gradients.
    /// </summary>
    public void EndBackward(float[] values, LstmActivations a, int steps, Span<float> dh0, Span<float> dc0,
        Span<float> dStatic, float[] gradients)
    {
        int batch = a.Batch, hs = HiddenSize;
        if (!dh0.IsEmpty)
        {
            a.HiddenGradient.AsSpan(0, batch * hs).CopyTo(dh0);
        }

        if (!dc0.IsEmpty)
        {
            a.CellGradient.AsSpan(0, batch * hs).CopyTo(dc0);
        }

        int rows = steps * batch;
        var allGates = a.GateGradients.AsSpan(0, rows * gateSize);
        Gemm.Multiply(a.InputAndHidden.AsSpan(0, rows * xhSize), xhSize, true, allGates, gateSize, false,
            Weight.Of(gradients), gateSize, xhSize, gateSize, rows, accumulate: true);
        var gateSum = a.GateGradientSum.AsSpan(0, batch * gateSize);
        allGates[..(batch * gateSize)].CopyTo(gateSum);
        for (int t = 1; t < steps; t++)
        {
            TensorPrimitives.Add(gateSum, allGates.Slice(t * batch * gateSize, batch * gateSize), gateSum);
        }

        var dBias = Bias.Of(gradients);
        for (int r = 0; r < batch; r++)
        {
            TensorPrimitives.Add(dBias, gateSum.Slice(r * gateSize, gateSize), dBias);
        }

        if (StaticWeight is not null)
        {
            var staticInput = a.StaticInput.AsSpan(0, batch * StaticSize);
            Gemm.Multiply(staticInput, StaticSize, true, gateSum, gateSize, false,
                StaticWeight.Of(gradients), gateSize, StaticSize, gateSize, batch, accumulate: true);
            if (!dStatic.IsEmpty)
            {
                Gemm.Multiply(gateSum, gateSize, false, StaticWeight.Of(values), gateSize, true,
                    dStatic, StaticSize, batch, StaticSize, gateSize, accumulate: true);
            }
        }
    }

    /// <summary>
    /// One row of the cell's backward: from dh (gradient of h') and dc (gradient of c' from the next step) to the
    /// gates' pre-activation gradients dg [4H]; dc is replaced by the gradient of c (the previous cell state).
    /// </summary>
    private static void CellBackward(ReadOnlySpan<float> gates, ReadOnlySpan<float> cPrev, ReadOnlySpan<float> tanhC,
        ReadOnlySpan<float> dh, Span<float> dc, Span<float> dg)
    {
        int hs = dh.Length;
        var i = gates[..hs];
        var f = gates.Slice(hs, hs);
        var g = gates.Slice(2 * hs, hs);
        var o = gates.Slice(3 * hs, hs);
        var di = dg[..hs];
        var df = dg.Slice(hs, hs);
        var dgc = dg.Slice(2 * hs, hs);
        var dout = dg.Slice(3 * hs, hs);
        int k = 0;
        var one = Vector<float>.One;
        for (; k <= hs - Vector<float>.Count; k += Vector<float>.Count)
        {
            var vi = new Vector<float>(i[k..]);
            var vf = new Vector<float>(f[k..]);
            var vg = new Vector<float>(g[k..]);
            var vo = new Vector<float>(o[k..]);
            var vt = new Vector<float>(tanhC[k..]);
            var vdh = new Vector<float>(dh[k..]);
            var vdc = new Vector<float>(dc[k..]) + vdh * vo * (one - vt * vt);
            (vdh * vt * vo * (one - vo)).CopyTo(dout[k..]);
            (vdc * vg * vi * (one - vi)).CopyTo(di[k..]);
            (vdc * new Vector<float>(cPrev[k..]) * vf * (one - vf)).CopyTo(df[k..]);
            (vdc * vi * (one - vg * vg)).CopyTo(dgc[k..]);
            (vdc * vf).CopyTo(dc[k..]);
        }

        for (; k < hs; k++)
        {
            float dck = dc[k] + dh[k] * o[k] * (1 - tanhC[k] * tanhC[k]);
            dout[k] = dh[k] * tanhC[k] * o[k] * (1 - o[k]);
            di[k] = dck * g[k] * i[k] * (1 - i[k]);
            df[k] = dck * cPrev[k] * f[k] * (1 - f[k]);
            dgc[k] = dck * i[k] * (1 - g[k] * g[k]);
            dc[k] = dck * f[k];
        }
    }

    private static void CopyOrClear(ReadOnlySpan<float> source, Span<float> destination)
    {
        if (source.IsEmpty)
        {
            destination.Clear();
        }
        else
        {
            source.CopyTo(destination);
        }
    }
}
