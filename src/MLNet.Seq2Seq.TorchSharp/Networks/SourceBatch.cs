using static TorchSharp.torch;

namespace MLNet.Seq2Seq.TorchSharp.Networks;

/// <summary>
/// A batch of source key sequences as libtorch tensors: keys [Ts, B] (time-major, padded with key 0), lengths [B] on
/// the CPU (as packing wants them) and the padding mask [B, Ts] (true at positions at or past a row's length).
/// </summary>
internal sealed record SourceBatch(Tensor Tokens, Tensor Lengths, Tensor Padding)
{
    /// <summary>Builds the tensors for <paramref name="sources"/> (every one non-empty) on <paramref name="device"/>.</summary>
    public static SourceBatch Create(IReadOnlyList<int[]> sources, Device device)
    {
        int batch = sources.Count, steps = sources.Max(s => s.Length);
        var tokens = new long[steps * batch];
        var lengths = new long[batch];
        var padding = new bool[batch * steps];
        for (int r = 0; r < batch; r++)
        {
            var source = sources[r];
            if (source.Length == 0)
            {
                throw new ArgumentException($"Source {r} is empty; every source needs at least one key.", nameof(sources));
            }

            lengths[r] = source.Length;
            for (int t = 0; t < steps; t++)
            {
                tokens[t * batch + r] = t < source.Length ? source[t] : 0;
                padding[r * steps + t] = t >= source.Length;
            }
        }

        return new SourceBatch(
            tensor(tokens, [steps, batch], device: device),
            tensor(lengths),
            tensor(padding, [batch, steps], device: device));
    }

    /// <summary>Ts: the longest source.</summary>
    public long Steps => Tokens.shape[0];

    /// <summary>B: rows.</summary>
    public long Batch => Tokens.shape[1];
}
