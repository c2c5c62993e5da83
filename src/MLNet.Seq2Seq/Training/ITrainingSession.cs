using MLNet.Seq2Seq.Decoding;

namespace MLNet.Seq2Seq.Training;

/// <summary>
/// The seam between the training loop (<see cref="Seq2SeqTrainer"/>: epochs, schedules, validation, early stopping,
/// checkpoints, progress) and an engine: one network's weights and Adam state on the engine, a training step on a
/// batch, greedy decoding for validation, and the weights and optimizer state in the managed parameter layout
/// (<see cref="Engine.Models.ParameterSet"/>) for checkpoints and the trained model.
/// </summary>
internal interface ITrainingSession : IDisposable
{
    /// <summary>
    /// Forward, loss and backward over <paramref name="batch"/>, then, when the loss is finite, global-norm clipping and
    /// one Adam update. Returns the batch's summed token cross-entropy; when it is not finite nothing was updated.
    /// </summary>
    double Step(SequencePairs train, TrainingBatch batch);

    /// <summary>Greedy decoding of <paramref name="sources"/> with the current weights, in their order.</summary>
    DecodedSequence[] DecodeGreedy(IReadOnlyList<int[]> sources, int maxOutputLength);

    /// <summary>Writes the current weights into <paramref name="destination"/> (managed layout).</summary>
    void ReadWeights(float[] destination);

    /// <summary>A copy of Adam's state (managed layout).</summary>
    OptimizerState ReadOptimizer();

    /// <summary>Sets Adam's state, for resuming from a checkpoint.</summary>
    void RestoreOptimizer(OptimizerState state);
}
