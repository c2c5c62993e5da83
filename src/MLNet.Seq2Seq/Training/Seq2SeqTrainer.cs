using System.Diagnostics;
using MLNet.Seq2Seq.Engine.Kernels;
using MLNet.Seq2Seq.Engine.Models;
using MLNet.Seq2Seq.Trainers;

namespace MLNet.Seq2Seq.Training;

/// <summary>
/// The training loop, written once for every engine (<see cref="TrainingSettings.Engine"/>, through
/// <see cref="ITrainingSession"/>): per-epoch shuffling, mini-batches, the teacher-forcing schedule, divergence
/// checks, progress and cancellation, per-epoch validation with early stopping, keeping the best weights, and
/// checkpoints after every epoch that resume bit-exactly on the same engine.
/// </summary>
internal sealed class Seq2SeqTrainer(TrainingSettings settings, int startKey, int endKey)
{
    /// <summary>An epoch whose mean loss is more than this many times the first epoch's stops training as diverged.</summary>
    public const double DivergenceFactor = 3;

    /// <summary>
    /// Trains a freshly initialized network of the given shape or, when <see cref="TrainingSettings.Checkpoints"/> says
    /// to resume, continues from the checkpoint's state after checking it was made by the same run.
    /// </summary>
    public TrainingResult Train(NetworkShape shape, SequencePairs train, SequencePairs? valid,
        IProgress<TrainingProgress>? progress, CancellationToken cancellation)
    {
        if (train.Count == 0)
        {
            throw new ArgumentException("The training data has no rows.", nameof(train));
        }

        var network = new Seq2SeqNetwork(shape);
        var fingerprint = settings.Checkpoints is { } checkpoints ? TrainingFingerprint.Of(shape, settings, checkpoints, train, valid) : null;
        TrainingCheckpoint? resumed = null;
        if (settings.Checkpoints is { Resume: true } resume)
        {
            resumed = CheckpointFile.Load(resume.FilePath, network.Parameters.Count);
            fingerprint!.RequireSameRunAs(resumed.Fingerprint, resume.FilePath);
            resumed.Weights.CopyTo(network.Parameters.Values, 0);
        }
        else
        {
            network.Initialize(CounterRandom.Mix(settings.Seed ^ 0x1A17));
        }

        return Run(network, train, valid, progress, cancellation, fingerprint, resumed);
    }

    /// <summary>
    /// Runs the epochs after <paramref name="resumed"/>'s (all of them without a checkpoint) on the settings' engine,
    /// saving a checkpoint after each when <paramref name="fingerprint"/> is given; leaves the trained (or best
    /// validated) weights in <paramref name="network"/>.
    /// </summary>
    private TrainingResult Run(Seq2SeqNetwork network, SequencePairs train, SequencePairs? valid,
        IProgress<TrainingProgress>? progress, CancellationToken cancellation, TrainingFingerprint? fingerprint, TrainingCheckpoint? resumed)
    {
        var values = network.Parameters.Values;
        using ITrainingSession session = settings.Engine.StartTraining(network, settings, startKey, endKey, cancellation);
        int batches = (train.Count + settings.BatchSize - 1) / settings.BatchSize;
        var order = Enumerable.Range(0, train.Count).ToArray();
        var rowKeys = new ulong[settings.BatchSize];

        var history = new List<EpochSummary>(resumed?.History ?? []);
        float[]? best = resumed?.BestWeights;
        double bestScore = resumed?.BestScore ?? double.NegativeInfinity;
        int sinceBest = resumed?.EpochsSinceBest ?? 0;
        int firstEpoch = resumed?.CompletedEpochs ?? 0;
        if (resumed is not null)
        {
            session.RestoreOptimizer(new OptimizerState(resumed.AdamSteps, resumed.FirstMoment, resumed.SecondMoment));
        }

        var total = Stopwatch.StartNew();
        for (int epoch = firstEpoch; epoch < settings.Epochs && resumed is not { StoppedEarly: true }; epoch++)
        {
            Shuffle(order, epoch);
            float ratio = TeacherForcingSchedule.Ratio(settings.TeacherForcingDecay, settings.TeacherForcingRatio,
                settings.FinalTeacherForcingRatio, epoch, settings.Epochs);
            var clock = Stopwatch.StartNew();
            double epochLoss = 0;
            long epochTokens = 0;
            for (int b = 0; b < batches; b++)
            {
                cancellation.ThrowIfCancellationRequested();
                int first = b * settings.BatchSize, count = Math.Min(settings.BatchSize, train.Count - first);
                int tokens = 0;
                for (int i = 0; i < count; i++)
                {
                    int row = order[first + i];
                    tokens += train.Targets[row].Length + 1;
                    rowKeys[i] = CounterRandom.Bits((ulong)epoch, (ulong)row);
                }

                double batchLoss = session.Step(train, new TrainingBatch(order, first, count, rowKeys, tokens, ratio));
                if (!double.IsFinite(batchLoss))
                {
                    throw Diverged(FormattableString.Invariant($"the loss became {batchLoss} at epoch {epoch + 1}, batch {b + 1}"), epoch + 1, b + 1, epoch > 0);
                }

                epochLoss += batchLoss;
                epochTokens += tokens;
                if (progress is not null)
                {
                    double seconds = clock.Elapsed.TotalSeconds;
                    double rate = (first + count) / Math.Max(seconds, 1e-9);
                    long remainingExamples = (long)(settings.Epochs - epoch - 1) * train.Count + (train.Count - first - count);
                    progress.Report(new TrainingProgress
                    {
                        Epoch = epoch + 1,
                        Epochs = settings.Epochs,
                        Batch = b + 1,
                        Batches = batches,
                        Loss = epochLoss / epochTokens,
                        ExamplesPerSecond = rate,
                        EstimatedTimeLeft = TimeSpan.FromSeconds(remainingExamples / rate),
                    });
                }
            }

            double trainSeconds = clock.Elapsed.TotalSeconds;
            double? exactMatch = valid is null ? null : ExactMatch(session, valid);
            var summary = new EpochSummary
            {
                Epoch = epoch + 1,
                TrainLoss = epochLoss / epochTokens,
                TrainSeconds = trainSeconds,
                TeacherForcingRatio = ratio,
                ValidExactMatch = exactMatch,
            };
            if (history.Count > 0 && summary.TrainLoss > DivergenceFactor * history[0].TrainLoss)
            {
                throw Diverged(FormattableString.Invariant(
                    $"epoch {epoch + 1}'s mean loss {summary.TrainLoss:G4} is more than {DivergenceFactor} times the first epoch's {history[0].TrainLoss:G4}"),
                    epoch + 1, 0, epoch > 0);
            }

            history.Add(summary);
            progress?.Report(new TrainingProgress
            {
                Epoch = epoch + 1,
                Epochs = settings.Epochs,
                Batch = batches,
                Batches = batches,
                Loss = summary.TrainLoss,
                ExamplesPerSecond = train.Count / Math.Max(trainSeconds, 1e-9),
                EstimatedTimeLeft = TimeSpan.FromSeconds(total.Elapsed.TotalSeconds / (epoch + 1 - firstEpoch) * (settings.Epochs - epoch - 1)),
                CompletedEpoch = summary,
            });

            bool stop = false;
            if (exactMatch is { } score)
            {
                if (score > bestScore)
                {
                    bestScore = score;
                    best = new float[values.Length];
                    session.ReadWeights(best);
                    sinceBest = 0;
                }
                else
                {
                    stop = settings.Patience > 0 && ++sinceBest >= settings.Patience;
                }
            }

            if (fingerprint is not null)
            {
                session.ReadWeights(values);
                var adam = session.ReadOptimizer();
                CheckpointFile.Save(settings.Checkpoints!.FilePath, new TrainingCheckpoint
                {
                    CompletedEpochs = epoch + 1,
                    StoppedEarly = stop,
                    Weights = values,
                    FirstMoment = adam.FirstMoment,
                    SecondMoment = adam.SecondMoment,
                    AdamSteps = adam.Steps,
                    BestWeights = best,
                    BestScore = best is null ? null : bestScore,
                    EpochsSinceBest = sinceBest,
                    History = history,
                    Fingerprint = fingerprint,
                });
            }

            if (stop)
            {
                break;
            }
        }

        session.ReadWeights(values);
        best?.CopyTo(values, 0);
        return new TrainingResult(network, history);
    }

    /// <summary>
    /// The stopping problem, the one-based epoch and batch (0: the epoch as a whole) as a
    /// <see cref="TrainingDivergedException"/> naming the learning rate and, when <paramref name="checkpointKept"/>, the
    /// checkpoint of the previous epoch.
    /// </summary>
    private TrainingDivergedException Diverged(string problem, int epoch, int batch, bool checkpointKept)
    {
        string? checkpointPath = checkpointKept ? settings.Checkpoints?.FilePath : null;
        string kept = checkpointPath is null
            ? "No checkpoint was written"
            : $"The checkpoint of epoch {epoch - 1} (with the best weights so far) is kept in '{checkpointPath}'; resume from it with a lower learning rate";
        return new TrainingDivergedException(FormattableString.Invariant(
            $"Training diverged at learning rate {settings.LearningRate}: {problem}. {kept}. Try a lower learning rate or gradient clipping."))
        {
            Epoch = epoch,
            Batch = batch,
            CheckpointPath = checkpointPath,
        };
    }

    private double ExactMatch(ITrainingSession session, SequencePairs valid)
    {
        var decoded = session.DecodeGreedy(valid.Sources, settings.MaxOutputLength);
        int correct = 0;
        for (int i = 0; i < valid.Count; i++)
        {
            correct += decoded[i].Keys.AsSpan().SequenceEqual(valid.Targets[i]) ? 1 : 0;
        }

        return valid.Count == 0 ? 0 : correct / (double)valid.Count;
    }

    private void Shuffle(int[] order, int epoch)
    {
        Array.Sort(order);
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = (int)(CounterRandom.Bits(settings.Seed, (ulong)epoch, (ulong)i) % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
    }
}
