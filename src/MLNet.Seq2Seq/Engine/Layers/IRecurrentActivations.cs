namespace MLNet.Seq2Seq.Engine.Layers;

/// <summary>
/// What every recurrent layer's per-chunk buffers share: the hidden states of all steps, time-major, so that a layer's
/// outputs can be read as one [T, B, H] block starting after the initial state.
/// </summary>
internal interface IRecurrentActivations
{
    /// <summary>Rows in the current chunk.</summary>
    int Batch { get; }

    /// <summary>[T + 1, B, H]: hidden states; index 0 is the initial state.</summary>
    float[] Hidden { get; }

    /// <summary>[B, H] hidden state after step <paramref name="t"/> (t = -1: the initial state).</summary>
    Span<float> HiddenAfter(int t);

    /// <summary>[B, H] cell state after step <paramref name="t"/> (t = -1: the initial state); empty for cells without one.</summary>
    Span<float> CellAfter(int t);

    /// <summary>
    /// For beam search: replaces, for every row r, the state after step <paramref name="t"/> (hidden, and cell where
    /// there is one) with row <paramref name="parents"/>[r]'s.
    /// </summary>
    void SelectRows(int t, ReadOnlySpan<int> parents);
}
