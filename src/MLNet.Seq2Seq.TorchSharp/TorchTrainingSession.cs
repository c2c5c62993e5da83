using MLNet.Seq2Seq.Decoding;
using MLNet.Seq2Seq.Engine.Models;
using MLNet.Seq2Seq.TorchSharp.Networks;
using MLNet.Seq2Seq.Training;
using TorchSharp;

namespace MLNet.Seq2Seq.TorchSharp;

/// <summary>
/// Training on libtorch for <see cref="TorchSharpEngine"/>: the network's weights and Adam's moments live on the
/// device; a step runs <see cref="TorchTrainingPass"/> on the whole batch, then clipping and Adam
/// (<see cref="TorchAdam"/>); weights and moments cross to the managed layout only for checkpoints, the best epoch
/// and the end of training.
/// </summary>
internal sealed class TorchTrainingSession : ITrainingSession
{
    /// <summary>Batches between garbage collections: libtorch's memory is invisible to the GC, which otherwise lets it pile up.</summary>
    private const int BatchesPerCollection = 50;

    /// <summary>Rows per batch of validation decoding.</summary>
    private const int DecodeRows = 512;

    private readonly TorchNetwork network;
    private readonly TorchAdam adam;
    private readonly TrainingSettings settings;
    private readonly int startKey;
    private readonly int endKey;
    private readonly ulong samplingSeed;
    private int batches;

    public TorchTrainingSession(Seq2SeqNetwork initial, TrainingSettings settings, torch.Device device, int startKey, int endKey)
    {
        torch.set_num_threads(Math.Max(1, settings.Threads));
        torch.random.manual_seed(unchecked((long)settings.Seed));
        network = new TorchNetwork(initial.Shape, device);
        network.Parameters.Load(initial.Parameters.Values);
        adam = new TorchAdam(network.Parameters, settings.LearningRate);
        this.settings = settings;
        this.startKey = startKey;
        this.endKey = endKey;
        samplingSeed = settings.SamplingSeed;
    }

    /// <inheritdoc />
    public double Step(SequencePairs train, TrainingBatch batch)
    {
        var rows = batch.Rows.ToArray();
        var sources = Array.ConvertAll(rows, r => train.Sources[r]);
        var targets = Array.ConvertAll(rows, r => train.Targets[r]);
        double meanLoss = TorchTrainingPass.Run(network, sources, targets, startKey, endKey, batch.TeacherForcingRatio, samplingSeed,
            batch.RowKeys[..batch.Count]);
        if (double.IsFinite(meanLoss))
        {
            adam.ClipByGlobalNorm(settings.GradientClipNorm);
            adam.Update();
        }

        if (++batches % BatchesPerCollection == 0)
        {
            GC.Collect();
        }

        return meanLoss * batch.Tokens;
    }

    /// <inheritdoc />
    public DecodedSequence[] DecodeGreedy(IReadOnlyList<int[]> sources, int maxOutputLength) =>
        TorchGreedyDecoder.DecodeInBatches(network, sources, startKey, endKey, maxOutputLength, DecodeRows);

    /// <inheritdoc />
    public void ReadWeights(float[] destination) => network.Parameters.Read(destination);

    /// <inheritdoc />
    public OptimizerState ReadOptimizer()
    {
        var first = new float[network.Layout.Parameters.Count];
        var second = new float[first.Length];
        adam.FirstMoment.Read(first);
        adam.SecondMoment.Read(second);
        return new OptimizerState(adam.Steps, first, second);
    }

    /// <inheritdoc />
    public void RestoreOptimizer(OptimizerState state)
    {
        adam.FirstMoment.Load(state.FirstMoment);
        adam.SecondMoment.Load(state.SecondMoment);
        adam.Restore(state.Steps);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        adam.Dispose();
        network.Dispose();
    }
}
