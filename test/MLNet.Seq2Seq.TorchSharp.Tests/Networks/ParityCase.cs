using MLNet.Seq2Seq.Engine.Models;
using MLNet.Seq2Seq.Trainers;
using MLNet.Seq2Seq.Training;

namespace MLNet.Seq2Seq.TorchSharp.Tests.Networks;

/// <summary>A tiny batch with padding on both sides and the managed engine's loss and gradients for it, for parity checks.</summary>
internal static class ParityCase
{
    public const int StartKey = 2;
    public const int EndKey = 3;
    public const ulong SamplingSeed = 9;

    /// <summary>Each row's key for its random draws, as the trainer passes them.</summary>
    public static readonly ulong[] RowKeys = [11, 12, 13, 14];

    // Sources and targets of different lengths (one target empty), so padding is part of every check.
    public static readonly int[][] Sources = [[4, 5, 6], [7, 4], [5], [6, 6, 7, 4]];
    public static readonly int[][] Targets = [[5, 4], [6], [7, 7, 4], []];

    public static NetworkShape Shape(DecoderForm decoder, int layers, ContextKind context, RecurrentCell cell, bool bidirectional,
        AttentionScoring scoring = AttentionScoring.Additive, bool feeding = false) =>
        new(8, 8, 3, 9, layers, decoder, context, 0f, scoring, feeding, bidirectional, cell);

    /// <summary>A managed network with deterministic weights, scaled so that attention and the logits are not flat.</summary>
    public static Seq2SeqNetwork Network(NetworkShape shape, float scale = 1.5f)
    {
        var network = new Seq2SeqNetwork(shape);
        network.Initialize(5);
        var values = network.Parameters.Values;
        System.Numerics.Tensors.TensorPrimitives.Multiply(values, scale, values);
        return network;
    }

    /// <summary>The managed engine's mean token loss and its gradients, normalized as the trainer does (1 / tokens).</summary>
    public static (double Loss, float[] Gradients) Managed(Seq2SeqNetwork network, float teacherForcingRatio = 1f)
    {
        int tokens = Targets.Sum(t => t.Length + 1);
        var gradients = network.Parameters.NewBuffer();
        int[] rows = [.. Enumerable.Range(0, Sources.Length)];
        double sum = TrainingPass.Run(new NetworkWorkspace(network), Sources, Targets, rows, RowKeys, StartKey, EndKey,
            teacherForcingRatio, SamplingSeed, null, 1f / tokens, gradients);
        return (sum / tokens, gradients);
    }
}
