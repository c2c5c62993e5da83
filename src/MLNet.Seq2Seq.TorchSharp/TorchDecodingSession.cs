using MLNet.Seq2Seq.Decoding;
using MLNet.Seq2Seq.Engine.Models;
using MLNet.Seq2Seq.TorchSharp.Networks;
using TorchSharp;

namespace MLNet.Seq2Seq.TorchSharp;

/// <summary>
/// Decoding on libtorch for <see cref="TorchSharpEngine"/>: the weights are copied onto the device once, then sources
/// are decoded in batches of <see cref="DecodeRows"/> rows, greedily (<see cref="TorchGreedyDecoder"/>) or by beam
/// search (<see cref="TorchBeamDecoder"/>).
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
    public DecodedSequence[] DecodeGreedy(IReadOnlyList<int[]> sources, int maxOutputLength) =>
        TorchGreedyDecoder.DecodeInBatches(network, sources, startKey, endKey, maxOutputLength, DecodeRows);

    /// <inheritdoc />
    /// <remarks>Each libtorch batch holds <see cref="DecodeRows"/> / width sources, so that its rows stay at most <see cref="DecodeRows"/>.</remarks>
    public ScoredSequence[][] DecodeBeam(IReadOnlyList<int[]> sources, BeamSettings beam, int maxOutputLength)
    {
        TorchBeamDecoder.Check(beam);
        var results = new ScoredSequence[sources.Count][];
        int perBatch = Math.Max(1, DecodeRows / beam.BeamWidth);
        for (int first = 0; first < sources.Count; first += perBatch)
        {
            var chunk = sources.Skip(first).Take(perBatch).ToArray();
            TorchBeamDecoder.Decode(network, chunk, beam, startKey, endKey, maxOutputLength).CopyTo(results, first);
        }

        return results;
    }

    /// <inheritdoc />
    public void Dispose() => network.Dispose();
}
