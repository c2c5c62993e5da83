using static TorchSharp.torch;

namespace MLNet.Seq2Seq.TorchSharp.Networks;

/// <summary>
/// What the encoder hands the decoder: per layer the final hidden and cell states [B, H] (bridged when bidirectional;
/// null where the decoder does not read them or the cell has none), the context (the top layer's final hidden state),
/// the attention memory [Ts, B, H] with its keys [B, Ts, H] (null without attention) and the source padding [B, Ts].
/// </summary>
internal sealed record EncodedSources(Tensor?[] FinalHidden, Tensor?[] FinalCell, Tensor Context, Tensor Memory, Tensor? Keys, Tensor Padding)
{
    /// <summary>
    /// The encodings of the rows <paramref name="rows"/> [B'] (index_select on each tensor's batch dimension): beam
    /// search encodes each source once and repeats it over the source's hypotheses.
    /// </summary>
    public EncodedSources SelectRows(Tensor rows) => new(
        [.. FinalHidden.Select(h => h?.index_select(0, rows))],
        [.. FinalCell.Select(c => c?.index_select(0, rows))],
        Context.index_select(0, rows),
        Memory.index_select(1, rows),
        Keys?.index_select(0, rows),
        Padding.index_select(0, rows));
}
