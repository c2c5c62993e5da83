using MLNet.Seq2Seq.Decoding;
using MLNet.Seq2Seq.Engine.Models;
using MLNet.Seq2Seq.Trainers;
using MLNet.Seq2Seq.Training;

namespace MLNet.Seq2Seq.TorchSharp;

/// <summary>
/// Trains the encoder-decoder on libtorch through TorchSharp, on the CPU or a CUDA GPU: set it as
/// <see cref="LstmEncoderDecoderOptions.Engine"/>. The networks, Adam and clipping are those of the managed engine
/// (same math, same parameter layout), so the fitted transformer saves the same model file and predicts with the
/// managed engine, also on a machine without libtorch. The application references one libtorch backend package
/// (libtorch-cpu-linux-x64, TorchSharp-cpu, TorchSharp-cuda-linux or TorchSharp-cuda-windows).
/// </summary>
/// <remarks>
/// <see cref="LstmEncoderDecoderOptions.Threads"/> sets libtorch's CPU threads (torch.set_num_threads), which apply to
/// the whole process. Resuming from a checkpoint is bit-exact on the same device and thread count without dropout;
/// libtorch draws dropout masks itself, from the run's seed.
/// </remarks>
public sealed class TorchSharpEngine : Seq2SeqEngine
{
    /// <summary>The name model files record for this engine.</summary>
    public const string EngineName = "torchsharp";

    /// <summary>An engine computing on <paramref name="device"/>: "cpu" (default), "cuda" (the current CUDA device) or "cuda:N".</summary>
    /// <exception cref="ArgumentException"><paramref name="device"/> is none of those names.</exception>
    /// <remarks>Whether the device is there is checked when training starts, before any work.</remarks>
    public TorchSharpEngine(string device = "cpu")
    {
        TorchDevice.CheckName(device);
        Device = device;
    }

    /// <inheritdoc />
    public override string Name => EngineName;

    /// <inheritdoc />
    public override string Device { get; }

    internal override ITrainingSession StartTraining(Seq2SeqNetwork initial, TrainingSettings settings, int startKey, int endKey,
        CancellationToken cancellation) => new TorchTrainingSession(initial, settings, TorchDevice.Parse(Device), startKey, endKey);

    internal override IDecodingSession StartDecoding(Seq2SeqNetwork network, int startKey, int endKey, int threads) =>
        new TorchDecodingSession(network, TorchDevice.Parse(Device), startKey, endKey, threads);
}
