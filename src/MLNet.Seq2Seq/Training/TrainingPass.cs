using MLNet.Seq2Seq.Engine.Kernels;
using MLNet.Seq2Seq.Engine.Layers;
using MLNet.Seq2Seq.Engine.Models;

namespace MLNet.Seq2Seq.Training;

/// <summary>
/// Forward, loss and backward for one chunk of examples. Each decoder step reads the ground-truth previous key with
/// probability <c>teacherForcingRatio</c> and the model's own previous prediction otherwise (scheduled sampling).
/// </summary>
internal static class TrainingPass
{
    /// <summary>
    /// Runs the chunk made of <paramref name="rows"/> and adds its parameter gradients (already multiplied by
    /// <paramref name="gradientScale"/>) into <paramref name="gradients"/>. Returns the summed token cross-entropy.
    /// </summary>
    public static double Run(NetworkWorkspace ws, IReadOnlyList<int[]> sources, IReadOnlyList<int[]> targets,
        ReadOnlySpan<int> rows, ReadOnlySpan<ulong> rowKeys, int startKey, int endKey,
        float teacherForcingRatio, ulong samplingSeed, DropoutPlan? dropout, float gradientScale, float[] gradients)
    {
        int batch = rows.Length, sourceSteps = 0, targetSteps = 0;
        foreach (int row in rows)
        {
            sourceSteps = Math.Max(sourceSteps, sources[row].Length);
            targetSteps = Math.Max(targetSteps, targets[row].Length + 1);
        }

        ws.Prepare(batch, sourceSteps, targetSteps);
        ws.LoadSources(sources, rows);
        rowKeys.CopyTo(ws.RowKeys);
        for (int r = 0; r < batch; r++)
        {
            var target = targets[rows[r]];
            ws.DecoderLengths[r] = target.Length + 1;
            ws.DecoderInputs[r] = startKey;
            for (int t = 0; t < targetSteps; t++)
            {
                ws.Labels[t * batch + r] = t < target.Length ? target[t] : t == target.Length ? endKey : 0;
            }
        }

        int v = ws.Network.Shape.TargetVocabularySize;
        Encoder.Forward(ws, dropout);
        Decoder.Begin(ws, targetSteps);
        double loss = 0;
        for (int t = 0; t < targetSteps; t++)
        {
            Decoder.Step(ws, t, dropout);
            for (int r = 0; r < batch; r++)
            {
                ws.Active[r] = t < ws.DecoderLengths[r];
            }

            var logits = ws.Logits.AsSpan(t * batch * v, batch * v);
            loss += SoftmaxCrossEntropy.ForwardBackward(logits, batch, v, ws.Labels.AsSpan(t * batch, batch),
                ws.Active.AsSpan(0, batch), gradientScale, ws.LogitGradients.AsSpan(t * batch * v, batch * v));
            if (t + 1 == targetSteps)
            {
                break;
            }

            for (int r = 0; r < batch; r++)
            {
                bool teacher = teacherForcingRatio >= 1f
                    || CounterRandom.Uniform(samplingSeed, rowKeys[r], (ulong)t) < teacherForcingRatio;
                ws.DecoderInputs[(t + 1) * batch + r] = teacher
                    ? ws.Labels[t * batch + r]
                    : SoftmaxCrossEntropy.ArgMax(logits.Slice(r * v, v)).Index;
            }
        }

        Decoder.Backward(ws, targetSteps, dropout, gradients);
        Encoder.Backward(ws, dropout, gradients);
        return loss;
    }
}
