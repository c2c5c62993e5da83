namespace MLNet.Seq2Seq.Trainers;

/// <summary>
/// How a trained encoder-decoder decodes (see <see cref="LstmEncoderDecoderTransformer.WithDecoding"/>). The defaults are
/// greedy decoding. With <see cref="BeamWidth"/> above 1 the transformer runs beam search, writes the best hypothesis to
/// its predicted and probabilities columns, and adds two columns: <see cref="NBestTextColumnName"/>, a text vector with
/// the <see cref="NBest"/> best outputs, best first, and <see cref="NBestScoresColumnName"/>, a float vector with their
/// scores. Every property documents its default.
/// </summary>
public sealed class DecodingOptions
{
    /// <summary>The length-penalty exponent alpha used unless <see cref="LengthPenalty"/> is set: 1, ranking by mean log-probability per step.</summary>
    public const float DefaultLengthPenalty = 1f;

    /// <summary>Hypotheses kept per source at every step; 1 is greedy decoding. Default 1.</summary>
    public int BeamWidth { get; set; } = 1;

    /// <summary>How many of the best finished hypotheses the n-best columns hold, from 1 to <see cref="BeamWidth"/>. Default 1.</summary>
    public int NBest { get; set; } = 1;

    /// <summary>
    /// The exponent alpha of length normalization: finished hypotheses are ranked by score = log P(output) / length^alpha,
    /// where log P sums the natural-log probabilities of the output's keys and of the end key, and length counts the
    /// output's keys plus the end key (an output cut at the maximum length has no end key). 0 ranks by raw log-probability,
    /// which favours short outputs; 1 by the mean log-probability per step; above 1 favours longer outputs. A finite
    /// number, 0 or more. Default <see cref="DefaultLengthPenalty"/> (1).
    /// </summary>
    public float LengthPenalty { get; set; } = DefaultLengthPenalty;

    /// <summary>The text-vector column with the n-best outputs, best first (beam search only). Default "NBestText".</summary>
    public string NBestTextColumnName { get; set; } = "NBestText";

    /// <summary>The float-vector column with the n-best outputs' scores, matching <see cref="NBestTextColumnName"/> (beam search only). Default "NBestScores".</summary>
    public string NBestScoresColumnName { get; set; } = "NBestScores";

    /// <summary>Whether these options ask for beam search (a width above 1) rather than greedy decoding.</summary>
    internal bool UsesBeamSearch => BeamWidth > 1;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> or <see cref="ArgumentException"/> naming the first invalid option.</summary>
    internal void Validate()
    {
        if (BeamWidth <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(BeamWidth), BeamWidth, $"{nameof(BeamWidth)} must be greater than 0.");
        }

        if (NBest <= 0 || NBest > BeamWidth)
        {
            throw new ArgumentOutOfRangeException(nameof(NBest), NBest, $"{nameof(NBest)} must be from 1 to {nameof(BeamWidth)} ({BeamWidth}).");
        }

        if (!(LengthPenalty >= 0 && float.IsFinite(LengthPenalty)))
        {
            throw new ArgumentOutOfRangeException(nameof(LengthPenalty), LengthPenalty, $"{nameof(LengthPenalty)} must be a finite number, 0 or more.");
        }

        foreach (var (value, name) in new[] { (NBestTextColumnName, nameof(NBestTextColumnName)), (NBestScoresColumnName, nameof(NBestScoresColumnName)) })
        {
            if (string.IsNullOrEmpty(value))
            {
                throw new ArgumentException($"{name} must name a column.", name);
            }
        }
    }

    /// <summary>A copy, so later changes by the caller do not affect a transformer.</summary>
    internal DecodingOptions Clone() => (DecodingOptions)MemberwiseClone();
}
