namespace MLNet.Seq2Seq.Decoding;

/// <summary>
/// One beam-search hypothesis: its keys (without start and end keys), the probability the model gave each key, the
/// summed log-probability of its keys (and of the end key when it ended with one), its length-normalized score and, for
/// an attention model, the attention weights behind its keys (as in <see cref="DecodedSequence.Attention"/>).
/// </summary>
internal sealed record ScoredSequence(int[] Keys, float[] Probabilities, float LogProbability, float Score, float[]? Attention = null)
{
    /// <summary>The same keys, probabilities and attention weights as a <see cref="DecodedSequence"/>.</summary>
    public DecodedSequence ToDecoded() => new(Keys, Probabilities, Attention);
}
