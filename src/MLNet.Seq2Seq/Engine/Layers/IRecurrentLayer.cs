namespace MLNet.Seq2Seq.Engine.Layers;

/// <summary>
/// A recurrent layer run step by step over a batch chunk (LSTM or GRU), so that the encoder and decoder do not depend
/// on the cell type. Rows whose length has been reached keep their state unchanged. Cells without a cell state
/// (<see cref="HasCell"/> false) ignore every cell-state argument.
/// </summary>
internal interface IRecurrentLayer
{
    /// <summary>D: the per-step input width.</summary>
    int InputSize { get; }

    /// <summary>H: the state width.</summary>
    int HiddenSize { get; }

    /// <summary>S: the static input width (0 for none).</summary>
    int StaticSize { get; }

    /// <summary>Whether the layer carries a cell state besides its hidden state (LSTM: yes; GRU: no).</summary>
    bool HasCell { get; }

    /// <summary>Buffers for this layer's shapes.</summary>
    IRecurrentActivations CreateActivations();

    /// <summary>Draws the layer's initial parameter values deterministically from <paramref name="seed"/>.</summary>
    void Initialize(float[] values, ulong seed);

    /// <summary>Starts a sequence: initial state (empty spans mean zeros) and the static input [B, S].</summary>
    void Begin(float[] values, IRecurrentActivations a, int batch, int steps,
        ReadOnlySpan<float> h0, ReadOnlySpan<float> c0, ReadOnlySpan<float> staticInput);

    /// <summary>Step t: x [B, D] in; rows with lengths[r] ≤ t keep their previous state.</summary>
    void Step(float[] values, IRecurrentActivations a, int t, ReadOnlySpan<float> x, ReadOnlySpan<int> lengths);

    /// <summary>
    /// Steps 0..<paramref name="steps"/> - 1 over inputs [T, B, D], after <see cref="Begin"/>, when every step's input is
    /// known up front (the encoder): the same values as calling <see cref="Step"/> for each t.
    /// </summary>
    void Run(float[] values, IRecurrentActivations a, int steps, ReadOnlySpan<float> inputs, ReadOnlySpan<int> lengths);

    /// <summary>
    /// Backpropagates through <paramref name="steps"/> steps: dOutputs [T, B, H] and the final-state gradients in
    /// (empty for none); dInputs [T, B, D] and dh0, dc0 [B, H] overwritten, dStatic [B, S] added to (empty to skip);
    /// parameter gradients added into <paramref name="gradients"/>.
    /// </summary>
    void Backward(float[] values, IRecurrentActivations a, int steps, ReadOnlySpan<int> lengths,
        ReadOnlySpan<float> dOutputs, ReadOnlySpan<float> dhFinal, ReadOnlySpan<float> dcFinal,
        Span<float> dInputs, Span<float> dh0, Span<float> dc0, Span<float> dStatic, float[] gradients);

    /// <summary>
    /// Starts a step-by-step backward (for callers whose step t input depends on step t - 1's outputs, such as input
    /// feeding): the running state gradients become the final state's (empty spans mean zeros).
    /// </summary>
    void BeginBackward(IRecurrentActivations a, ReadOnlySpan<float> dhFinal, ReadOnlySpan<float> dcFinal);

    /// <summary>
    /// Step t of a step-by-step backward, called for t = T - 1 down to 0: dOutput [B, H] in (empty for none); dInput
    /// [B, D] overwritten with the step input's gradient (empty to skip).
    /// </summary>
    void BackwardStep(float[] values, IRecurrentActivations a, int t, ReadOnlySpan<int> lengths, ReadOnlySpan<float> dOutput, Span<float> dInput);

    /// <summary>
    /// Ends a step-by-step backward over <paramref name="steps"/> steps: dh0, dc0 [B, H] overwritten (empty to skip),
    /// dStatic [B, S] added to (empty to skip), parameter gradients added into <paramref name="gradients"/>.
    /// </summary>
    void EndBackward(float[] values, IRecurrentActivations a, int steps, Span<float> dh0, Span<float> dc0, Span<float> dStatic, float[] gradients);
}
