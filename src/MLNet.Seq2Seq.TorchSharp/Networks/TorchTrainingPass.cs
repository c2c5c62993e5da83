using MLNet.Seq2Seq.Engine.Kernels;
using static TorchSharp.torch;

namespace MLNet.Seq2Seq.TorchSharp.Networks;

/// <summary>
/// Forward, loss and backward for one batch on libtorch, as <see cref="Training.TrainingPass"/> computes them: decoder
/// step 0 reads the start key, step t + 1 the target key t (teacher forcing) or, with scheduled sampling, the decoder's
/// own most probable key at step t, drawn per row and step exactly as the managed pass draws it; each row is scored on
/// its target keys and then the end key; the loss is the mean cross-entropy over all those tokens of the batch.
/// </summary>
/// <remarks>
/// With teacher forcing only (ratio 1) and no input feeding, every decoder layer runs over the whole sequence at once;
/// otherwise the decoder steps one key at a time.
/// </remarks>
internal static class TorchTrainingPass
{
    /// <summary>
    /// Runs the batch, leaving the gradients of the mean token loss on the network's tensors (earlier gradients are
    /// dropped first); returns that mean loss. Dropout (the shape's rate) applies. Below a
    /// <paramref name="teacherForcingRatio"/> of 1, row r reads the ground truth at step t + 1 when
    /// CounterRandom.Uniform(<paramref name="samplingSeed"/>, <paramref name="rowKeys"/>[r], t) is below the ratio.
    /// </summary>
    public static double Run(TorchNetwork net, IReadOnlyList<int[]> sources, IReadOnlyList<int[]> targets, int startKey, int endKey,
        float teacherForcingRatio, ulong samplingSeed, IReadOnlyList<ulong>? rowKeys)
    {
        if (sources.Count != targets.Count || sources.Count == 0)
        {
            throw new ArgumentException($"Expected as many targets as sources (at least one); got {sources.Count} sources and {targets.Count} targets.", nameof(targets));
        }

        bool sampling = teacherForcingRatio < 1f;
        if (sampling && rowKeys?.Count != sources.Count)
        {
            throw new ArgumentException("Scheduled sampling needs one row key per source.", nameof(rowKeys));
        }

        using var scope = NewDisposeScope();
        int batch = sources.Count, steps = targets.Max(t => t.Length) + 1, tokens = targets.Sum(t => t.Length + 1);
        var inputs = new long[steps * batch];
        var labels = new long[steps * batch];
        var counted = new float[steps * batch];
        for (int r = 0; r < batch; r++)
        {
            var target = targets[r];
            inputs[r] = startKey;
            for (int t = 0; t <= target.Length; t++)
            {
                labels[t * batch + r] = t < target.Length ? target[t] : endKey;
                counted[t * batch + r] = 1f;
                if (t + 1 < steps)
                {
                    inputs[(t + 1) * batch + r] = labels[t * batch + r];
                }
            }
        }

        net.Parameters.ClearGradients();
        var encoded = TorchEncoder.Forward(net, SourceBatch.Create(sources, net.Device), training: true);
        var state = TorchDecoder.Begin(net, encoded);
        var keys = tensor(inputs, [steps, batch], device: net.Device);
        var targetKeys = tensor(labels, [steps, batch], device: net.Device);
        Tensor logits;
        if (!sampling && !net.Shape.FeedsAttention)
        {
            logits = TorchDecoder.Run(net, state, keys, encoded, training: true).Logits;
        }
        else
        {
            var teacher = sampling ? TeacherSteps(batch, steps, teacherForcingRatio, samplingSeed, rowKeys!, net.Device) : null;
            var stepLogits = new Tensor[steps];
            var input = keys.narrow(0, 0, 1);
            for (int t = 0; t < steps; t++)
            {
                stepLogits[t] = TorchDecoder.Run(net, state, input, encoded, training: true).Logits;
                if (t + 1 < steps)
                {
                    input = teacher is null
                        ? keys.narrow(0, t + 1, 1)
                        : where(teacher.narrow(0, t, 1), targetKeys.narrow(0, t, 1), stepLogits[t].detach().argmax(-1));
                }
            }

            logits = cat(stepLogits, 0);
        }

        var picked = logits.log_softmax(-1).gather(-1, targetKeys.unsqueeze(-1)).squeeze(-1);
        var loss = -(picked * tensor(counted, [steps, batch], device: net.Device)).sum() / tokens;
        loss.backward();
        return loss.item<float>();
    }

    /// <summary>[Td - 1, B]: whether row r reads the ground truth (rather than its own prediction) after step t.</summary>
    private static Tensor TeacherSteps(int batch, int steps, float ratio, ulong seed, IReadOnlyList<ulong> rowKeys, Device device)
    {
        var teacher = new bool[Math.Max(steps - 1, 1) * batch];
        for (int t = 0; t + 1 < steps; t++)
        {
            for (int r = 0; r < batch; r++)
            {
                teacher[t * batch + r] = CounterRandom.Uniform(seed, rowKeys[r], (ulong)t) < ratio;
            }
        }

        return tensor(teacher, [Math.Max(steps - 1, 1), batch], device: device);
    }
}
