namespace MLNet.Seq2Seq.Trainers;

/// <summary>A progress report from the encoder-decoder trainer, sent after each batch and at the end of each epoch.</summary>
public sealed record TrainingProgress
{
    /// <summary>One-based epoch.</summary>
    public required int Epoch { get; init; }

    /// <summary>Epochs planned.</summary>
    public required int Epochs { get; init; }

    /// <summary>One-based batch within the epoch.</summary>
    public required int Batch { get; init; }

    /// <summary>Batches in an epoch.</summary>
    public required int Batches { get; init; }

    /// <summary>Mean cross-entropy per target token over the epoch so far.</summary>
    public required double Loss { get; init; }

    /// <summary>Training examples processed per second in this epoch.</summary>
    public required double ExamplesPerSecond { get; init; }

    /// <summary>Estimated time left for the whole training.</summary>
    public required TimeSpan EstimatedTimeLeft { get; init; }

    /// <summary>Set on the report that ends an epoch: that epoch's summary.</summary>
    public EpochSummary? CompletedEpoch { get; init; }
}
