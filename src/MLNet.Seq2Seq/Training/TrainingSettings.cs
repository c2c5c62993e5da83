using MLNet.Seq2Seq.Engine.Kernels;
using MLNet.Seq2Seq.Trainers;

namespace MLNet.Seq2Seq.Training;

/// <summary>The optimization settings the engine's trainer needs (validated by the public options before they get here).</summary>
internal sealed record TrainingSettings
{
    /// <summary>Passes over the training data.</summary>
    public int Epochs { get; init; } = 25;

    /// <summary>Examples per update.</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>Adam's step size.</summary>
    public float LearningRate { get; init; } = 0.001f;

    /// <summary>Global gradient-norm limit (≤ 0: none).</summary>
    public float GradientClipNorm { get; init; } = 5f;

    /// <summary>Probability of feeding the ground-truth previous token at the first epoch.</summary>
    public float TeacherForcingRatio { get; init; } = 1f;

    /// <summary>The ratio reached at the last epoch under a decay.</summary>
    public float FinalTeacherForcingRatio { get; init; }

    /// <summary>How the ratio moves over epochs.</summary>
    public TeacherForcingDecay TeacherForcingDecay { get; init; } = TeacherForcingDecay.None;

    /// <summary>Epochs without validation improvement before stopping (0: never stop early).</summary>
    public int Patience { get; init; }

    /// <summary>Seed for initialization, shuffling, dropout and sampling.</summary>
    public ulong Seed { get; init; }

    /// <summary>The seed of scheduled sampling's draws, which every engine makes alike.</summary>
    public ulong SamplingSeed => CounterRandom.Mix(Seed ^ 0x5A3);

    /// <summary>Worker threads over batch chunks.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Longest output validation decoding may produce.</summary>
    public int MaxOutputLength { get; init; } = 64;

    /// <summary>The engine the network trains on.</summary>
    public Seq2SeqEngine Engine { get; init; } = Seq2SeqEngine.Managed;

    /// <summary>Where to save a checkpoint after every epoch (and whether to resume from it); null for none.</summary>
    public CheckpointOptions? Checkpoints { get; init; }
}
