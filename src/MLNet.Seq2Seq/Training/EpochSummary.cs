namespace MLNet.Seq2Seq.Trainers;

/// <summary>What one training epoch did.</summary>
public sealed record EpochSummary
{
    /// <summary>One-based epoch.</summary>
    public required int Epoch { get; init; }

    /// <summary>Mean cross-entropy per non-padding target token.</summary>
    public required double TrainLoss { get; init; }

    /// <summary>Seconds spent on this epoch's training alone (validation excluded).</summary>
    public required double TrainSeconds { get; init; }

    /// <summary>The teacher-forcing ratio used in this epoch.</summary>
    public required double TeacherForcingRatio { get; init; }

    /// <summary>Exact-match accuracy on the validation data, or null without validation data.</summary>
    public double? ValidExactMatch { get; init; }
}
