using MLNet.Seq2Seq.Decoding;
using MLNet.Seq2Seq.Engine.Models;
using MLNet.Seq2Seq.Training;

namespace MLNet.Seq2Seq.Trainers;

/// <summary>
/// The numeric engine the encoder-decoder trains on: <see cref="Managed"/> (this library's own, the default), or one
/// from another package such as <c>MLNet.Seq2Seq.TorchSharp</c>'s <c>TorchSharpEngine</c>. Every engine runs the same
/// networks in the same parameter layout, so a model trained on any engine saves into the same model file and
/// predicts with the managed engine. Set it with <see cref="LstmEncoderDecoderOptions.Engine"/>.
/// </summary>
public abstract class Seq2SeqEngine
{
    internal Seq2SeqEngine()
    {
    }

    /// <summary>The managed engine: SIMD kernels in .NET, no native dependency; results do not depend on the thread count.</summary>
    public static Seq2SeqEngine Managed { get; } = new ManagedEngine();

    /// <summary>The engine's name as model files record it, for example "managed" or "torchsharp".</summary>
    public abstract string Name { get; }

    /// <summary>The device the engine computes on, as model files record it, for example "cpu" or "cuda:0".</summary>
    public abstract string Device { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Device})";

    /// <summary>
    /// Starts training a network whose initial weights are <paramref name="initial"/>'s values: the engine copies
    /// them and keeps its own weights and optimizer state until the session is disposed. Fails before any work when
    /// the engine cannot run here (for example a CUDA device that is not available), naming the device.
    /// </summary>
    internal abstract ITrainingSession StartTraining(Seq2SeqNetwork initial, TrainingSettings settings, int startKey, int endKey,
        CancellationToken cancellation);

    /// <summary>
    /// Starts decoding with <paramref name="network"/>'s current weights, which the engine copies (onto its device);
    /// <paramref name="threads"/> bounds the CPU threads it uses. Fails before any work when the engine cannot run here,
    /// naming the device.
    /// </summary>
    internal abstract IDecodingSession StartDecoding(Seq2SeqNetwork network, int startKey, int endKey, int threads);
}
