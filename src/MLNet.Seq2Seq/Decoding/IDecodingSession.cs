namespace MLNet.Seq2Seq.Decoding;

/// <summary>
/// Decoding of many sources at once on one engine, for a trained network whose weights the session copied when it
/// started (<see cref="Trainers.Seq2SeqEngine"/>): the same keys the managed decoders choose, so an engine on a GPU can
/// serve large batches. Sources and outputs are engine keys (<see cref="Trainers.KeySequences"/>), without start and end keys.
/// A session serves one thread at a time.
/// </summary>
internal interface IDecodingSession : IDisposable
{
    /// <summary>Greedy decoding of every source; results in the order of <paramref name="sources"/>.</summary>
    DecodedSequence[] DecodeGreedy(IReadOnlyList<int[]> sources, int maxOutputLength);

    /// <summary>
    /// Beam search over every source as <see cref="BeamSearchDecoder"/> defines it (the same hypotheses, ranking and
    /// n-best list); results in the order of <paramref name="sources"/>, each source's hypotheses best first.
    /// </summary>
    ScoredSequence[][] DecodeBeam(IReadOnlyList<int[]> sources, BeamSettings beam, int maxOutputLength);
}

/// <summary>Beam search's settings: hypotheses kept per source, how many finished ones are returned, and the length-penalty exponent.</summary>
internal sealed record BeamSettings(int BeamWidth, int NBest, float LengthPenalty);
