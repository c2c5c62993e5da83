using MLNet.Seq2Seq.Engine.Models;
using MLNet.Seq2Seq.Trainers;

namespace MLNet.Seq2Seq.Training;

/// <summary>A trained network (the best weights seen when validating) and the per-epoch history.</summary>
internal sealed record TrainingResult(Seq2SeqNetwork Network, IReadOnlyList<EpochSummary> History);
