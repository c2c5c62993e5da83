using System.Diagnostics;
using MLNet.Seq2Seq.Decoding;
using MLNet.Seq2Seq.Engine.Kernels;
using MLNet.Seq2Seq.Engine.Models;
using MLNet.Seq2Seq.Engine.Optim;
using MLNet.Seq2Seq.Trainers;

namespace MLNet.Seq2Seq.Training;

/// <summary>
/// The training loop: per-epoch shuffling, mini-batches split into fixed-size chunks that run in parallel, a
/// fixed-order reduction of the chunks' gradients, global-norm clipping, Adam, per-epoch validation with early
/// stopping, keeping the best weights. Because chunks have a fixed size and are reduced in a fixed order, the
/// weights after training are the same for any thread count.
/// </summary>
internal sealed class Seq2SeqTrainer(TrainingSettings settings, int startKey, int endKey)
{
    /// <summary>Rows per parallel work item.</summary>
    public const int ChunkRows = 32;

    /// <summary>Trains a freshly initialized network of the given shape.</summary>
    public TrainingResult Train(NetworkShape shape, SequencePairs train, SequencePairs? valid,
        IProgress<TrainingProgress>? progress, CancellationToken cancellation)
    {
        var network = new Seq2SeqNetwork(shape);
        network.Initialize(CounterRandom.Mix(settings.Seed ^ 0x1A17));
        return Continue(network, train, valid, progress, cancellation);
    }

    /// <summary>Trains <paramref name="network"/> from its current weights.</summary>
    public TrainingResult Continue(Seq2SeqNetwork network, SequencePairs train, SequencePairs? valid,
        IProgress<TrainingProgress>? progress, CancellationToken cancellation)
    {
        if (train.Count == 0)
        {
            throw new ArgumentException("The training data has no rows.", nameof(train));
        }

        var values = network.Parameters.Values;
        var adam = new Adam(values.Length, settings.LearningRate);
        int batches = (train.Count + settings.BatchSize - 1) / settings.BatchSize;
        int maxChunks = (settings.BatchSize + ChunkRows - 1) / ChunkRows;
        var workspaces = Enumerable.Range(0, maxChunks).Select(_ => new NetworkWorkspace(network)).ToArray();
        var chunkGradients = Enumerable.Range(0, maxChunks).Select(_ => network.Parameters.NewBuffer()).ToArray();
        var chunkLosses = new double[maxChunks];
        var order = Enumerable.Range(0, train.Count).ToArray();
        var rowKeys = new ulong[settings.BatchSize];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.Threads), CancellationToken = cancellation };
        var dropout = network.Shape.Dropout > 0 ? new DropoutPlan(CounterRandom.Mix(settings.Seed ^ 0xD50), network.Shape.Dropout) : (DropoutPlan?)null;
        ulong samplingSeed = CounterRandom.Mix(settings.Seed ^ 0x5A3);

        var history = new List<EpochSummary>();
        float[]? best = null;
        double bestScore = double.NegativeInfinity;
        int sinceBest = 0;
        var total = Stopwatch.StartNew();
        for (int epoch = 0; epoch < settings.Epochs; epoch++)
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

                int chunks = (count + ChunkRows - 1) / ChunkRows;
                float scale = 1f / tokens;
                int currentEpoch = epoch;
                Parallel.For(0, chunks, parallel, c =>
                {
                    int start = first + c * ChunkRows, length = Math.Min(ChunkRows, first + count - start);
                    Array.Clear(chunkGradients[c]);
                    chunkLosses[c] = TrainingPass.Run(workspaces[c], train.Sources, train.Targets,
                        order.AsSpan(start, length), rowKeys.AsSpan(start - first, length), startKey, endKey,
                        ratio, samplingSeed, dropout, scale, chunkGradients[c]);
                });

                var gradients = chunkGradients[0];
                double batchLoss = chunkLosses[0];
                for (int c = 1; c < chunks; c++)
                {
                    System.Numerics.Tensors.TensorPrimitives.Add(gradients, chunkGradients[c], gradients);
                    batchLoss += chunkLosses[c];
                }

                if (!double.IsFinite(batchLoss))
                {
                    throw new InvalidOperationException(
                        $"Training diverged: the loss became {batchLoss} at epoch {epoch + 1}, batch {b + 1}. Try a lower learning rate or gradient clipping.");
                }

                GradientClipping.ClipByGlobalNorm(gradients, settings.GradientClipNorm);
                adam.Update(values, gradients);
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
            double? exactMatch = valid is null ? null : ExactMatch(network, valid);
            var summary = new EpochSummary
            {
                Epoch = epoch + 1,
                TrainLoss = epochLoss / epochTokens,
                TrainSeconds = trainSeconds,
                TeacherForcingRatio = ratio,
                ValidExactMatch = exactMatch,
            };
            history.Add(summary);
            progress?.Report(new TrainingProgress
            {
                Epoch = epoch + 1,
                Epochs = settings.Epochs,
                Batch = batches,
                Batches = batches,
                Loss = summary.TrainLoss,
                ExamplesPerSecond = train.Count / Math.Max(trainSeconds, 1e-9),
                EstimatedTimeLeft = TimeSpan.FromSeconds(total.Elapsed.TotalSeconds / (epoch + 1) * (settings.Epochs - epoch - 1)),
                CompletedEpoch = summary,
            });

            if (exactMatch is { } score)
            {
                if (score > bestScore)
                {
                    bestScore = score;
                    best = (float[])values.Clone();
                    sinceBest = 0;
                }
                else if (settings.Patience > 0 && ++sinceBest >= settings.Patience)
                {
                    break;
                }
            }
        }

        best?.CopyTo(values, 0);
        return new TrainingResult(network, history);
    }

    private double ExactMatch(Seq2SeqNetwork network, SequencePairs valid)
    {
        var decoded = new GreedyDecoder(network, startKey, endKey).DecodeMany(valid.Sources, settings.MaxOutputLength, settings.Threads);
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
