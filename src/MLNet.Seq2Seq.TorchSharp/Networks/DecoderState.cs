using static TorchSharp.torch;

namespace MLNet.Seq2Seq.TorchSharp.Networks;

/// <summary>
/// The decoder's running state between calls of <see cref="TorchDecoder.Run"/>: per layer the hidden and cell states
/// [1, B, H] (null: zeros) and, with input feeding, the previous step's attentional vector [1, B, H].
/// </summary>
internal sealed class DecoderState(Tensor?[] hidden, Tensor?[] cell, Tensor? fed)
{
    /// <summary>Per layer [1, B, H], or null for zeros.</summary>
    public Tensor?[] Hidden { get; } = hidden;

    /// <summary>Per layer [1, B, H], or null for zeros (always null for GRU cells).</summary>
    public Tensor?[] Cell { get; } = cell;

    /// <summary>The attentional vector the next step's first layer reads with input feeding, else null.</summary>
    public Tensor? Fed { get; set; } = fed;

    /// <summary>Every tensor the state holds (the null ones left out).</summary>
    public IEnumerable<Tensor> Tensors => Hidden.Concat(Cell).Append(Fed).OfType<Tensor>();

    /// <summary>
    /// Replaces every tensor by the rows <paramref name="rows"/> [B'] of it (index_select on the batch dimension), as
    /// beam search moves each hypothesis's state to where its continuation goes. Zero states stay null.
    /// </summary>
    public void SelectRows(Tensor rows)
    {
        for (int l = 0; l < Hidden.Length; l++)
        {
            Hidden[l] = Hidden[l]?.index_select(1, rows);
            Cell[l] = Cell[l]?.index_select(1, rows);
        }

        Fed = Fed?.index_select(1, rows);
    }
}
