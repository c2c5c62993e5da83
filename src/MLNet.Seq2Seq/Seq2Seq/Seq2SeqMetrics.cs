namespace MLNet.Seq2Seq.Trainers;

/// <summary>How well predicted text matches reference text. Every rate is a fraction in [0, 1].</summary>
public sealed record Seq2SeqMetrics
{
    /// <summary>Rows scored.</summary>
    public required long Count { get; init; }

    /// <summary>Fraction of rows whose prediction equals the reference exactly.</summary>
    public required double ExactMatch { get; init; }

    /// <summary>Reference characters matched by the predicted character at the same position, over all reference characters.</summary>
    public required double CharacterAccuracy { get; init; }

    /// <summary>
    /// Summed Levenshtein distance between prediction and reference over summed reference length, capped at 1
    /// (predictions much longer than their references could otherwise exceed it).
    /// </summary>
    public required double CharacterErrorRate { get; init; }
}
