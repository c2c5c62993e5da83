using System.Numerics;
using System.Numerics.Tensors;
using MLNet.Seq2Seq.Engine.Kernels;
using MLNet.Seq2Seq.Engine.Models;

namespace MLNet.Seq2Seq.Engine.Layers;

/// <summary>
/// One GRU layer run step by step over a batch chunk, with the reset gate applied after the hidden projection:
/// [xz, xr, xn] = x·Wx + s·Wc + bx and [hz, hr, hn] = h·Wh + bh; z = σ(xz + hz), r = σ(xr + hr),
/// n = tanh(xn + r⊙hn), h' = (1 − z)⊙n + z⊙h. Gate order z, r, n. The static input s (the same at every step) is
/// projected once per sequence. Rows whose length has been reached keep their state unchanged. A GRU has no cell
/// state: it ignores every cell-state argument of <see cref="IRecurrentLayer"/>.
/// </summary>
internal sealed class GruLayer : IRecurrentLayer
{
    private readonly int gateSize;

    /// <summary>Registers Wx [D, 3H] (only when D &gt; 0), Wh [H, 3H], bx, bh [3H] and, with a static input, Wc [S, 3H].</summary>
    public GruLayer(ParameterSet parameters, string name, int inputSize, int hiddenSize, int staticSize)
    {
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        StaticSize = staticSize;
        gateSize = 3 * hiddenSize;
        InputWeight = inputSize > 0 ? parameters.Add(name + ".input_weight", inputSize, gateSize) : null;
        HiddenWeight = parameters.Add(name + ".hidden_weight", hiddenSize, gateSize);
        InputBias = parameters.Add(name + ".input_bias", gateSize);
        HiddenBias = parameters.Add(name + ".hidden_bias", gateSize);
        StaticWeight = staticSize > 0 ? parameters.Add(name + ".static_weight", staticSize, gateSize) : null;
    }

    /// <summary>D: the per-step input width.</summary>
    public int InputSize { get; }

    /// <summary>H: the state width.</summary>
    public int HiddenSize { get; }

    /// <summary>S: the static input width (0 for none).</summary>
    public int StaticSize { get; }

    /// <summary>Always false: the GRU's only state is its hidden state.</summary>
    public bool HasCell => false;

    /// <summary>Wx [D, 3H], or null when the layer reads no per-step input.</summary>
    public Parameter? InputWeight { get; }

    /// <summary>Wh [H, 3H].</summary>
    public Parameter HiddenWeight { get; }

    /// <summary>bx [3H].</summary>
    public Parameter InputBias { get; }

    /// <summary>bh [3H]; its n part is inside the reset.</summary>
    public Parameter HiddenBias { get; }

    /// <summary>Wc [S, 3H], or null without a static input.</summary>
    public Parameter? StaticWeight { get; }

    /// <summary>Buffers for this layer's shapes.</summary>
    public GruActivations CreateActivations() => new(InputSize, HiddenSize, StaticSize);

    IRecurrentActivations IRecurrentLayer.CreateActivations() => CreateActivations();

    /// <summary>Uniform(±1/√H) weights, zero biases.</summary>
    public void Initialize(float[] values, ulong seed)
    {
        float bound = 1f / MathF.Sqrt(HiddenSize);
        foreach (var p in new[] { InputWeight, HiddenWeight, StaticWeight })
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

        InputBias.Of(values).Clear();
        HiddenBias.Of(values).Clear();
    }

    void IRecurrentLayer.Begin(float[] values, IRecurrentActivations a, int batch, int steps,
        ReadOnlySpan<float> h0, ReadOnlySpan<float> c0, ReadOnlySpan<float> staticInput) =>
        Begin(values, (GruActivations)a, batch, steps, h0, staticInput);

    void IRecurrentLayer.Run(float[] values, IRecurrentActivations a, int steps, ReadOnlySpan<float> inputs, ReadOnlySpan<int> lengths)
    {
        var activations = (GruActivations)a;
        int width = activations.Batch * InputSize;
        for (int t = 0; t < steps; t++)
        {
            Step(values, activations, t, inputs.Slice(t * width, width), lengths);
        }
    }

    void IRecurrentLayer.Step(float[] values, IRecurrentActivations a, int t, ReadOnlySpan<float> x, ReadOnlySpan<int> lengths) =>
        Step(values, (GruActivations)a, t, x, lengths);

    void IRecurrentLayer.BeginBackward(IRecurrentActivations a, ReadOnlySpan<float> dhFinal, ReadOnlySpan<float> dcFinal) =>
        BeginBackward((GruActivations)a, dhFinal);

    void IRecurrentLayer.BackwardStep(float[] values, IRecurrentActivations a, int t, ReadOnlySpan<int> lengths,
        ReadOnlySpan<float> dOutput, Span<float> dInput) =>
        BackwardStep(values, (GruActivations)a, t, lengths, dOutput, dInput);

    void IRecurrentLayer.EndBackward(float[] values, IRecurrentActivations a, int steps, Span<float> dh0, Span<float> dc0,
        Span<float> dStatic, float[] gradients) =>
        EndBackward(values, (GruActivations)a, steps, dh0, dStatic, gradients);

    void IRecurrentLayer.Backward(float[] values, IRecurrentActivations a, int steps, ReadOnlySpan<int> lengths,
        ReadOnlySpan<float> dOutputs, ReadOnlySpan<float> dhFinal, ReadOnlySpan<float> dcFinal,
        Span<float> dInputs, Span<float> dh0, Span<float> dc0, Span<float> dStatic, float[] gradients) =>
        Backward(values, (GruActivations)a, steps, lengths, dOutputs, dhFinal, dInputs, dh0, dStatic, gradients);

    /// <summary>
    /// Starts a sequence of <paramref name="batch"/> rows: sets the initial state (empty means zeros) and precomputes
    /// the input bias plus the static contribution.
    /// </summary>
    public void Begin(float[] values, GruActivations a, int batch, int steps, ReadOnlySpan<float> h0, ReadOnlySpan<float> staticInput)
    {
        a.Prepare(batch, steps);
        var initial = a.HiddenAfter(-1);
        if (h0.IsEmpty)
        {
            initial.Clear();
        }
        else
        {
            h0.CopyTo(initial);
        }

        var staticGates = a.StaticGates.AsSpan(0, batch * gateSize);
        var bias = InputBias.Of(values);
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

    /// <summary>Step t: x [B, D] in, hidden state after step t out. Rows with lengths[r] ≤ t keep their previous state.</summary>
    public void Step(float[] values, GruActivations a, int t, ReadOnlySpan<float> x, ReadOnlySpan<int> lengths)
    {
        int batch = a.Batch, hs = HiddenSize, rowSize = 4 * hs;
        var gates = a.Gates.AsSpan(t * batch * rowSize, batch * rowSize);
        var hiddenGates = a.HiddenGates.AsSpan(0, batch * gateSize);
        var hPrev = a.HiddenAfter(t - 1);
        var h = a.HiddenAfter(t);
        for (int r = 0; r < batch; r++)
        {
            a.StaticGates.AsSpan(r * gateSize, gateSize).CopyTo(gates.Slice(r * rowSize, gateSize));
        }

        if (InputWeight is not null)
        {
            x[..(batch * InputSize)].CopyTo(a.Inputs.AsSpan(t * batch * InputSize, batch * InputSize));
            Gemm.Multiply(x, InputSize, false, InputWeight.Of(values), gateSize, false, gates, rowSize, batch, gateSize, InputSize, accumulate: true);
        }

        var hiddenBias = HiddenBias.Of(values);
        for (int r = 0; r < batch; r++)
        {
            hiddenBias.CopyTo(hiddenGates.Slice(r * gateSize, gateSize));
        }

        Gemm.Multiply(hPrev, hs, false, HiddenWeight.Of(values), gateSize, false, hiddenGates, gateSize, batch, gateSize, hs, accumulate: true);

        for (int r = 0; r < batch; r++)
        {
            var rowPrev = hPrev.Slice(r * hs, hs);
            var rowH = h.Slice(r * hs, hs);
            if (t >= lengths[r])
            {
                rowPrev.CopyTo(rowH);
                continue;
            }

            var g = gates.Slice(r * rowSize, rowSize);
            var hg = hiddenGates.Slice(r * gateSize, gateSize);
            var zr = g[..(2 * hs)];
            var n = g.Slice(2 * hs, hs);
            var hn = g.Slice(3 * hs, hs);
            TensorPrimitives.Add(zr, hg[..(2 * hs)], zr);
            ActivationFunctions.Sigmoid(zr, zr);
            hg.Slice(2 * hs, hs).CopyTo(hn);
            TensorPrimitives.FusedMultiplyAdd(g.Slice(hs, hs), hn, n, n);
            ActivationFunctions.Tanh(n, n);
            TensorPrimitives.Subtract(rowPrev, n, rowH);
            TensorPrimitives.FusedMultiplyAdd(g[..hs], rowH, n, rowH);
        }
    }

    /// <summary>
    /// Backpropagates through <paramref name="steps"/> steps. Inputs: dOutputs [T, B, H] (empty for none) and the
    /// gradient of the final state (empty for none). Outputs: dInputs [T, B, D] and dh0 [B, H] (overwritten; empty to
    /// skip), dStatic [B, S] (added to; empty to skip), and the parameter gradients, added into <paramref name="gradients"/>.
    /// </summary>
    public void Backward(float[] values, GruActivations a, int steps, ReadOnlySpan<int> lengths,
        ReadOnlySpan<float> dOutputs, ReadOnlySpan<float> dhFinal,
        Span<float> dInputs, Span<float> dh0, Span<float> dStatic, float[] gradients)
    {
        int batch = a.Batch;
        BeginBackward(a, dhFinal);
        for (int t = steps - 1; t >= 0; t--)
        {
            BackwardStep(values, a, t, lengths,
                dOutputs.IsEmpty ? default : dOutputs.Slice(t * batch * HiddenSize, batch * HiddenSize),
                dInputs.IsEmpty ? default : dInputs.Slice(t * batch * InputSize, batch * InputSize));
        }

        EndBackward(values, a, steps, dh0, dStatic, gradients);
    }

    /// <summary>Starts a step-by-step backward: the running state gradient becomes the final state's (empty means zeros).</summary>
    public void BeginBackward(GruActivations a, ReadOnlySpan<float> dhFinal)
    {
        var dh = a.HiddenGradient.AsSpan(0, a.Batch * HiddenSize);
        if (dhFinal.IsEmpty)
        {
            dh.Clear();
        }
        else
        {
            dhFinal.CopyTo(dh);
        }
    }

    /// <summary>
    /// Step t of the backward, called for t = T - 1 down to 0: dOutput [B, H] is the gradient of the step's hidden
    /// output (empty for none); dInput [B, D] receives the gradient of the step's input (overwritten; empty to skip).
    /// </summary>
    public void BackwardStep(float[] values, GruActivations a, int t, ReadOnlySpan<int> lengths, ReadOnlySpan<float> dOutput, Span<float> dInput)
    {
        int batch = a.Batch, hs = HiddenSize, rowSize = 4 * hs;
        var dh = a.HiddenGradient.AsSpan(0, batch * hs);
        var recurrent = a.RecurrentGradient.AsSpan(0, batch * hs);
        var gates = a.Gates.AsSpan(t * batch * rowSize, batch * rowSize);
        var dInputGates = a.InputGateGradients.AsSpan(t * batch * gateSize, batch * gateSize);
        var dHiddenGates = a.HiddenGateGradients.AsSpan(t * batch * gateSize, batch * gateSize);
        var hPrev = a.HiddenAfter(t - 1);
        if (!dOutput.IsEmpty)
        {
            TensorPrimitives.Add(dh, dOutput, dh);
        }

        for (int r = 0; r < batch; r++)
        {
            var dgx = dInputGates.Slice(r * gateSize, gateSize);
            var dgh = dHiddenGates.Slice(r * gateSize, gateSize);
            if (t >= lengths[r])
            {
                dgx.Clear();
                dgh.Clear();
                continue;
            }

            CellBackward(gates.Slice(r * rowSize, rowSize), hPrev.Slice(r * hs, hs), dh.Slice(r * hs, hs), dgx, dgh);
        }

        Gemm.Multiply(dHiddenGates, gateSize, false, HiddenWeight.Of(values), gateSize, true, recurrent, hs, batch, hs, gateSize, accumulate: false);
        for (int r = 0; r < batch; r++)
        {
            if (t < lengths[r])
            {
                var rowDh = dh.Slice(r * hs, hs);
                TensorPrimitives.FusedMultiplyAdd(rowDh, gates.Slice(r * rowSize, hs), recurrent.Slice(r * hs, hs), rowDh);
            }
        }

        if (InputWeight is not null && !dInput.IsEmpty)
        {
            Gemm.Multiply(dInputGates, gateSize, false, InputWeight.Of(values), gateSize, true,
                dInput, InputSize, batch, InputSize, gateSize, accumulate: false);
        }
    }

    /// <summary>
    /// Ends a backward over <paramref name="steps"/> steps: writes dh0 [B, H] (overwritten; empty to skip), adds
    /// dStatic [B, S] (empty to skip) and the parameter gradients.
    /// </summary>
    public void EndBackward(float[] values, GruActivations a, int steps, Span<float> dh0, Span<float> dStatic, float[] gradients)
    {
        int batch = a.Batch, hs = HiddenSize;
        var dh = a.HiddenGradient.AsSpan(0, batch * hs);
        if (!dh0.IsEmpty)
        {
            dh.CopyTo(dh0);
        }

        int rows = steps * batch;
        var allInputGates = a.InputGateGradients.AsSpan(0, rows * gateSize);
        var allHiddenGates = a.HiddenGateGradients.AsSpan(0, rows * gateSize);
        if (InputWeight is not null)
        {
            Gemm.Multiply(a.Inputs.AsSpan(0, rows * InputSize), InputSize, true, allInputGates, gateSize, false,
                InputWeight.Of(gradients), gateSize, InputSize, gateSize, rows, accumulate: true);
        }

        Gemm.Multiply(a.Hidden.AsSpan(0, rows * hs), hs, true, allHiddenGates, gateSize, false,
            HiddenWeight.Of(gradients), gateSize, hs, gateSize, rows, accumulate: true);
        var dHiddenBias = HiddenBias.Of(gradients);
        for (int i = 0; i < rows; i++)
        {
            TensorPrimitives.Add(dHiddenBias, allHiddenGates.Slice(i * gateSize, gateSize), dHiddenBias);
        }

        var gateSum = a.GateGradientSum.AsSpan(0, batch * gateSize);
        allInputGates[..(batch * gateSize)].CopyTo(gateSum);
        for (int t = 1; t < steps; t++)
        {
            TensorPrimitives.Add(gateSum, allInputGates.Slice(t * batch * gateSize, batch * gateSize), gateSum);
        }

        var dInputBias = InputBias.Of(gradients);
        for (int r = 0; r < batch; r++)
        {
            TensorPrimitives.Add(dInputBias, gateSum.Slice(r * gateSize, gateSize), dInputBias);
        }

        if (StaticWeight is not null)
        {
            Gemm.Multiply(a.StaticInput.AsSpan(0, batch * StaticSize), StaticSize, true, gateSum, gateSize, false,
                StaticWeight.Of(gradients), gateSize, StaticSize, gateSize, batch, accumulate: true);
            if (!dStatic.IsEmpty)
            {
                Gemm.Multiply(gateSum, gateSize, false, StaticWeight.Of(values), gateSize, true,
                    dStatic, StaticSize, batch, StaticSize, gateSize, accumulate: true);
            }
        }
    }

    /// <summary>
    /// One row of the cell's backward: from dh (gradient of h') to the input part's pre-activation gradients
    /// dgx [3H] (z, r, n) and the hidden part's dgh [3H] (z, r, hn). The direct path dh⊙z to the previous state is
    /// added by the caller together with dgh·Whᵀ.
    /// </summary>
    private static void CellBackward(ReadOnlySpan<float> gates, ReadOnlySpan<float> hPrev, ReadOnlySpan<float> dh,
        Span<float> dgx, Span<float> dgh)
    {
        int hs = dh.Length;
        var z = gates[..hs];
        var r = gates.Slice(hs, hs);
        var n = gates.Slice(2 * hs, hs);
        var hn = gates.Slice(3 * hs, hs);
        int k = 0;
        var one = Vector<float>.One;
        for (; k <= hs - Vector<float>.Count; k += Vector<float>.Count)
        {
            var vz = new Vector<float>(z[k..]);
            var vr = new Vector<float>(r[k..]);
            var vn = new Vector<float>(n[k..]);
            var vdh = new Vector<float>(dh[k..]);
            var dnPre = vdh * (one - vz) * (one - vn * vn);
            var dzPre = vdh * (new Vector<float>(hPrev[k..]) - vn) * vz * (one - vz);
            var drPre = dnPre * new Vector<float>(hn[k..]) * vr * (one - vr);
            dzPre.CopyTo(dgx[k..]);
            drPre.CopyTo(dgx[(hs + k)..]);
            dnPre.CopyTo(dgx[(2 * hs + k)..]);
            dzPre.CopyTo(dgh[k..]);
            drPre.CopyTo(dgh[(hs + k)..]);
            (dnPre * vr).CopyTo(dgh[(2 * hs + k)..]);
        }

        for (; k < hs; k++)
        {
            float dnPre = dh[k] * (1 - z[k]) * (1 - n[k] * n[k]);
            float dzPre = dh[k] * (hPrev[k] - n[k]) * z[k] * (1 - z[k]);
            float drPre = dnPre * hn[k] * r[k] * (1 - r[k]);
            dgx[k] = dgh[k] = dzPre;
            dgx[hs + k] = dgh[hs + k] = drPre;
            dgx[2 * hs + k] = dnPre;
            dgh[2 * hs + k] = dnPre * r[k];
        }
    }
}
