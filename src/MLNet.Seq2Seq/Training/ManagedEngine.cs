using MLNet.Seq2Seq.Decoding;
using MLNet.Seq2Seq.Engine.Models;
using MLNet.Seq2Seq.Trainers;

namespace MLNet.Seq2Seq.Training;

/// <summary>The managed engine (<see cref="Seq2SeqEngine.Managed"/>): trains in <see cref="ManagedTrainingSession"/>.</summary>
internal sealed class ManagedEngine : Seq2SeqEngine
{
    /// <summary>The name model files record for this engine.</summary>
    public const string EngineName = "managed";

    /// <summary>The device model files record for this engine.</summary>
    public const string CpuDevice = "cpu";

    /// <inheritdoc />
    public override string Name => EngineName;

    /// <inheritdoc />
    public override string Device => CpuDevice;

    internal override ITrainingSession StartTraining(Seq2SeqNetwork initial, TrainingSettings settings, int startKey, int endKey,
        CancellationToken cancellation) => new ManagedTrainingSession(initial, settings, startKey, endKey, cancellation);

    /// <inheritdoc />
    internal override IDecodingSession StartDecoding(Seq2SeqNetwork network, int startKey, int endKey, int threads) =>
        new ManagedDecodingSession(network, startKey, endKey, threads);
}
