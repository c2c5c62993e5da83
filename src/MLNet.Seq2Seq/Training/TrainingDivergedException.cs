namespace MLNet.Seq2Seq.Trainers;

/// <summary>
/// Training stopped because a batch's loss was NaN or infinite, or because an epoch's mean loss was more than 3 times
/// the first epoch's (the learning rate is too high); the message names the learning rate. Nothing the run would have
/// written is written; a
/// checkpoint from an earlier epoch (see <see cref="LstmEncoderDecoderOptions.CheckpointDirectory"/>) stays as it was.
/// </summary>
public sealed class TrainingDivergedException : InvalidOperationException
{
    /// <summary>Creates the exception with a message.</summary>
    public TrainingDivergedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public TrainingDivergedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception without a message.</summary>
    public TrainingDivergedException()
    {
    }

    /// <summary>One-based epoch in which training diverged.</summary>
    public int Epoch { get; init; }

    /// <summary>One-based batch, within <see cref="Epoch"/>, whose loss was not finite; 0 when the epoch's mean loss grew too large.</summary>
    public int Batch { get; init; }

    /// <summary>The checkpoint kept from the last completed epoch, or null when there is none.</summary>
    public string? CheckpointPath { get; init; }
}
