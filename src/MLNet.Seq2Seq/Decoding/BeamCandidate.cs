namespace MLNet.Seq2Seq.Decoding;

/// <summary>
/// One continuation of a live beam hypothesis: its summed log-probability, the key's logit, the hypothesis's row, the
/// key and the key's probability. Sorts best first, ties broken by the higher logit, then the lower row and key, so
/// every engine's beam search breaks ties alike.
/// </summary>
internal readonly record struct BeamCandidate(double LogProbability, float Logit, int Row, int Key, float Probability) : IComparable<BeamCandidate>
{
    /// <inheritdoc />
    public int CompareTo(BeamCandidate other)
    {
        int order = other.LogProbability.CompareTo(LogProbability);
        order = order != 0 ? order : other.Logit.CompareTo(Logit);
        order = order != 0 ? order : Row.CompareTo(other.Row);
        return order != 0 ? order : Key.CompareTo(other.Key);
    }
}
