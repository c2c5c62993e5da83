using MLNet.Seq2Seq.Engine.Models;

namespace MLNet.Seq2Seq.Decoding;

/// <summary>The managed engine's <see cref="IDecodingSession"/>: the managed greedy and beam decoders over the session's threads.</summary>
internal sealed class ManagedDecodingSession(Seq2SeqNetwork network, int startKey, int endKey, int threads) : IDecodingSession
{
    private readonly GreedyDecoder greedy = new(network, startKey, endKey);

    /// <inheritdoc />
    public DecodedSequence[] DecodeGreedy(IReadOnlyList<int[]> sources, int maxOutputLength) =>
        greedy.DecodeMany(sources, maxOutputLength, threads);

    /// <inheritdoc />
    public ScoredSequence[][] DecodeBeam(IReadOnlyList<int[]> sources, BeamSettings beam, int maxOutputLength) =>
        new BeamSearchDecoder(network, startKey, endKey, beam.BeamWidth, beam.NBest, beam.LengthPenalty).DecodeMany(sources, maxOutputLength, threads);

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
