using MLNet.Seq2Seq.Trainers;

namespace MLNet.Seq2Seq.Training;

/// <summary>
/// Everything the training loop needs to continue after <see cref="CompletedEpochs"/> epochs exactly as if it had not
/// stopped: the weights, Adam's moments and step count, the best weights and score so far, the patience counter and the
/// history. The shuffle, dropout masks and scheduled sampling are keyed by (seed, epoch, example), so no random
/// generator state is needed.
/// </summary>
internal sealed record TrainingCheckpoint
{
    /// <summary>Epochs finished when the checkpoint was taken.</summary>
    public required int CompletedEpochs { get; init; }

    /// <summary>Whether patience had run out, so training is over.</summary>
    public required bool StoppedEarly { get; init; }

    /// <summary>The network's weights after the last completed epoch, laid out like the parameter set.</summary>
    public required float[] Weights { get; init; }

    /// <summary>Adam's first moments.</summary>
    public required float[] FirstMoment { get; init; }

    /// <summary>Adam's second moments.</summary>
    public required float[] SecondMoment { get; init; }

    /// <summary>Adam's update count.</summary>
    public required int AdamSteps { get; init; }

    /// <summary>The weights of the best validated epoch, or null without validation data.</summary>
    public required float[]? BestWeights { get; init; }

    /// <summary>The best validation exact match so far, or null without validation data.</summary>
    public required double? BestScore { get; init; }

    /// <summary>Epochs since the best validation score.</summary>
    public required int EpochsSinceBest { get; init; }

    /// <summary>What each completed epoch did.</summary>
    public required IReadOnlyList<EpochSummary> History { get; init; }

    /// <summary>The options and data the run was started with, checked when resuming.</summary>
    public required TrainingFingerprint Fingerprint { get; init; }
}
