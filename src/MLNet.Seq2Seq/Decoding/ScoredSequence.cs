namespace MLNet.Seq2Seq.Decoding;

/// <summary>
/// One beam-search hypothesis: its keys (without start and end keys), the probability the model gave each key, the
/// summed log-probability of its keys (and of the end key when it ended with one), and its length-normalized score.
/// </summary>
internal sealed record ScoredSequence(int[] Keys, float[] Probabilities, float LogProbability, float Score)
{
    /// <summary>The same keys and probabilities as a <see cref="DecodedSequence"/>.</summary>
    public DecodedSequence ToDecoded() => new(Keys, Probabilities);
}
