using static TorchSharp.torch;

namespace MLNet.Seq2Seq.TorchSharp.Networks;

/// <summary>
/// Forward, loss and backward for one batch on libtorch, as <see cref="Training.TrainingPass"/> computes them with
/// teacher forcing: decoder step 0 reads the start key, step t + 1 the target key t; each row is scored on its target
/// keys and then the end key; the loss is the mean cross-entropy over all those tokens of the batch.
/// </summary>
internal static class TorchTrainingPass
{
    /// <summary>
    /// Runs the batch, leaving the gradients of the mean token loss on the network's tensors (earlier gradients are
    /// dropped first); returns that mean loss. Dropout (the shape's rate) applies.
    /// </summary>
    public static double Run(TorchNetwork net, IReadOnlyList<int[]> sources, IReadOnlyList<int[]> targets, int startKey, int endKey)
    {
        if (sources.Count != targets.Count || sources.Count == 0)
        {
            throw new ArgumentException($"Expected as many targets as sources (at least one); got {sources.Count} sources and {targets.Count} targets.", nameof(targets));
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
        var logits = net.Shape.FeedsAttention
            ? cat(Enumerable.Range(0, steps).Select(t => TorchDecoder.Run(net, state, keys.narrow(0, t, 1), encoded, training: true).Logits).ToArray(), 0)
            : TorchDecoder.Run(net, state, keys, encoded, training: true).Logits;
        var picked = logits.log_softmax(-1).gather(-1, tensor(labels, [steps, batch, 1], device: net.Device)).squeeze(-1);
        var loss = -(picked * tensor(counted, [steps, batch], device: net.Device)).sum() / tokens;
        loss.backward();
        return loss.item<float>();
    }
}
