using MLNet.Seq2Seq.Training;

namespace MLNet.Seq2Seq.Trainers;

/// <summary>The engine and device that trained a model, as its payload records them.</summary>
/// <param name="Engine">The engine's <see cref="Seq2SeqEngine.Name"/>.</param>
/// <param name="Device">The engine's <see cref="Seq2SeqEngine.Device"/>.</param>
internal sealed record TrainedWith(string Engine, string Device)
{
    /// <summary>What payloads written before engines were recorded mean: the managed engine on the CPU.</summary>
    public static TrainedWith Managed { get; } = new(ManagedEngine.EngineName, ManagedEngine.CpuDevice);
}
