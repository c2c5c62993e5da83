using MLNet.Seq2Seq.Engine.Models;
using MLNet.Seq2Seq.Trainers;
using MLNet.Seq2Seq.Training;

namespace MLNet.Seq2Seq.TorchSharp.Tests.Training;

/// <summary>A tiny task for training through the seam: reverse 1 to 5 of six symbols (engine tokens 4-9).</summary>
internal static class ReversalTask
{
    public const int StartKey = 2;
    public const int EndKey = 3;

    public static readonly NetworkShape Shape = new(10, 10, 8, 32, 1, DecoderForm.Peeky, ContextKind.HiddenAndCell, 0f);

    public static SequencePairs Pairs(int count, int seed)
    {
        var random = new Random(seed);
        var sources = new int[count][];
        for (int i = 0; i < count; i++)
        {
            sources[i] = [.. Enumerable.Range(0, random.Next(1, 6)).Select(_ => 4 + random.Next(6))];
        }

        return new SequencePairs(sources, [.. sources.Select(s => s.Reverse().ToArray())]);
    }

    public static TrainingSettings Settings(Seq2SeqEngine engine, int epochs = 3, CheckpointOptions? checkpoints = null) => new()
    {
        Engine = engine,
        Epochs = epochs,
        BatchSize = 32,
        LearningRate = 0.01f,
        Seed = 7,
        Threads = 1,
        MaxOutputLength = 7,
        Checkpoints = checkpoints,
    };

    public static TrainingResult Train(TrainingSettings settings, SequencePairs train, SequencePairs? valid = null,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default) =>
        new Seq2SeqTrainer(settings, StartKey, EndKey).Train(Shape, train, valid, progress, cancellation);
}
