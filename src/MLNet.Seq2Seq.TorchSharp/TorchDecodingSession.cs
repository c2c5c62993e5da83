using MLNet.Seq2Seq.Decoding;
using MLNet.Seq2Seq.Engine.Models;
using MLNet.Seq2Seq.TorchSharp.Networks;
using TorchSharp;

namespace MLNet.Seq2Seq.TorchSharp;

/// <summary>
/// Decoding on libtorch for <see cref="TorchSharpEngine"/>: the weights are copied onto the device once, then sources
/// are decoded in batches of <see cref="DecodeRows"/>.
/// </summary>
internal sealed class TorchDecodingSession : IDecodingSession
{
    /// <summary>Rows per libtorch batch.</summary>
    private const int DecodeRows = 512;

    private readonly TorchNetwork network;
    private readonly int startKey;
    private readonly int endKey;

    public TorchDecodingSession(Seq2SeqNetwork trained, torch.Device device, int startKey, int endKey, int threads)
    {
        torch.set_num_threads(Math.Max(1, threads));
        network = new TorchNetwork(trained.Shape, device);
        network.Parameters.Load(trained.Parameters.Values);
        this.startKey = startKey;
        this.endKey = endKey;
    }

    /// <inheritdoc />
    public DecodedSequence[] DecodeGreedy(IReadOnlyList<int[]> sources, int maxOutputLength)
    {
        var results = new DecodedSequence[sources.Count];
        for (int first = 0; first < sources.Count; first += DecodeRows)
        {
            var chunk = sources.Skip(first).Take(DecodeRows).ToArray();
            TorchGreedyDecoder.Decode(network, chunk, startKey, endKey, maxOutputLength).CopyTo(results, first);
        }

        return results;
    }

    /// <inheritdoc />
    public ScoredSequence[][] DecodeBeam(IReadOnlyList<int[]> sources, BeamSettings beam, int maxOutputLength) =>
        throw new NotSupportedException("Beam search does not run on the TorchSharp engine yet.");

    /// <inheritdoc />
    public void Dispose() => network.Dispose();
}
