using System.Numerics.Tensors;
using MLNet.Seq2Seq.Decoding;
using MLNet.Seq2Seq.Engine.Kernels;
using MLNet.Seq2Seq.Engine.Models;
using MLNet.Seq2Seq.Engine.Optim;

namespace MLNet.Seq2Seq.Training;

/// <summary>
/// Training on the managed engine: each batch is split into fixed-size chunks that run in parallel, their gradients
/// are reduced in chunk order, then clipped and applied by Adam. Because chunks have a fixed size and are reduced in a
/// fixed order, the weights after training are the same for any thread count. Trains <c>initial</c> in place.
/// </summary>
internal sealed class ManagedTrainingSession : ITrainingSession
{
    /// <summary>Rows per parallel work item.</summary>
    public const int ChunkRows = 32;

    private readonly Seq2SeqNetwork network;
    private readonly TrainingSettings settings;
    private readonly int startKey;
    private readonly int endKey;
    private readonly Adam adam;
    private readonly NetworkWorkspace[] workspaces;
    private readonly float[][] chunkGradients;
    private readonly double[] chunkLosses;
    private readonly ParallelOptions parallel;

    /// <summary>For the reduction and the update, which once begun must finish: not cancellable.</summary>
    private readonly ParallelOptions update;
    private readonly DropoutPlan? dropout;
    private readonly ulong samplingSeed;

    public ManagedTrainingSession(Seq2SeqNetwork initial, TrainingSettings settings, int startKey, int endKey, CancellationToken cancellation)
    {
        network = initial;
        this.settings = settings;
        this.startKey = startKey;
        this.endKey = endKey;
        adam = new Adam(network.Parameters.Count, settings.LearningRate);
        int maxChunks = (settings.BatchSize + ChunkRows - 1) / ChunkRows;
        workspaces = Enumerable.Range(0, maxChunks).Select(_ => new NetworkWorkspace(network)).ToArray();
        chunkGradients = Enumerable.Range(0, maxChunks).Select(_ => network.Parameters.NewBuffer()).ToArray();
        chunkLosses = new double[maxChunks];
        parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.Threads), CancellationToken = cancellation };
        update = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.Threads) };
        dropout = network.Shape.Dropout > 0 ? new DropoutPlan(CounterRandom.Mix(settings.Seed ^ 0xD50), network.Shape.Dropout) : null;
        samplingSeed = settings.SamplingSeed;
    }

    /// <inheritdoc />
    public double Step(SequencePairs train, TrainingBatch batch)
    {
        int chunks = (batch.Count + ChunkRows - 1) / ChunkRows;
        float scale = 1f / batch.Tokens;
        Parallel.For(0, chunks, parallel, c =>
        {
            int start = c * ChunkRows, length = Math.Min(ChunkRows, batch.Count - start);
            Array.Clear(chunkGradients[c]);
            chunkLosses[c] = TrainingPass.Run(workspaces[c], train.Sources, train.Targets,
                batch.Rows.Slice(start, length), batch.RowKeys.AsSpan(start, length), startKey, endKey,
                batch.TeacherForcingRatio, samplingSeed, dropout, scale, chunkGradients[c]);
        });

        var gradients = chunkGradients[0];
        double loss = chunkLosses[0];
        for (int c = 1; c < chunks; c++)
        {
            loss += chunkLosses[c];
        }

        // Each element sums the chunks in chunk order whichever thread takes its block.
        ParameterBlocks.For(gradients.Length, update, (start, length) =>
        {
            var sum = gradients.AsSpan(start, length);
            for (int c = 1; c < chunks; c++)
            {
                TensorPrimitives.Add(sum, chunkGradients[c].AsSpan(start, length), sum);
            }
        });

        if (double.IsFinite(loss))
        {
            GradientClipping.ClipByGlobalNorm(gradients, settings.GradientClipNorm);
            adam.Update(network.Parameters.Values, gradients, update);
        }

        return loss;
    }

    /// <inheritdoc />
    public DecodedSequence[] DecodeGreedy(IReadOnlyList<int[]> sources, int maxOutputLength) =>
        new GreedyDecoder(network, startKey, endKey).DecodeMany(sources, maxOutputLength, settings.Threads);

    /// <inheritdoc />
    public void ReadWeights(float[] destination) => network.Parameters.Values.CopyTo(destination, 0);

    /// <inheritdoc />
    public OptimizerState ReadOptimizer() => new(adam.Steps, (float[])adam.FirstMoment.Clone(), (float[])adam.SecondMoment.Clone());

    /// <inheritdoc />
    public void RestoreOptimizer(OptimizerState state) => adam.Restore(state.Steps, state.FirstMoment, state.SecondMoment);

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
