using System.Globalization;
using System.Security.Cryptography;
using MLNet.Seq2Seq.Engine.Models;

namespace MLNet.Seq2Seq.Training;

/// <summary>
/// The options and data a training run depends on, as named values, so a checkpoint is only resumed by the run that
/// made it. The learning rate, clipping threshold and thread count are left out: the first two may be changed on
/// resume (for instance to recover from a diverged loss), and the thread count does not change the result.
/// </summary>
internal sealed record TrainingFingerprint(IReadOnlyDictionary<string, string> Values)
{
    /// <summary>The fingerprint of a run over <paramref name="train"/> (and <paramref name="valid"/>) with these settings.</summary>
    public static TrainingFingerprint Of(NetworkShape shape, TrainingSettings settings, CheckpointOptions checkpoints,
        SequencePairs train, SequencePairs? valid)
    {
        var values = new Dictionary<string, string>
        {
            ["source vocabulary"] = Hash(checkpoints.SourceVocabulary),
            ["target vocabulary"] = Hash(checkpoints.TargetVocabulary),
            ["training data"] = Hash(train),
            ["validation data"] = valid is null ? "none" : Hash(valid),
            ["EmbeddingSize"] = Text(shape.EmbeddingSize),
            ["HiddenSize"] = Text(shape.HiddenSize),
            ["Layers"] = Text(shape.Layers),
            ["Decoder"] = shape.Decoder.ToString(),
            ["Context"] = shape.Context.ToString(),
            ["Dropout"] = Text(shape.Dropout),
            ["Epochs"] = Text(settings.Epochs),
            ["BatchSize"] = Text(settings.BatchSize),
            ["TeacherForcingRatio"] = Text(settings.TeacherForcingRatio),
            ["FinalTeacherForcingRatio"] = Text(settings.FinalTeacherForcingRatio),
            ["TeacherForcingDecay"] = settings.TeacherForcingDecay.ToString(),
            ["Patience"] = Text(settings.Patience),
            ["Seed"] = Text(settings.Seed),
            ["MaxOutputLength"] = Text(settings.MaxOutputLength),
        };
        return new TrainingFingerprint(values);
    }

    /// <summary>
    /// Throws <see cref="InvalidOperationException"/> naming the first value that differs between this run and the
    /// checkpoint at <paramref name="checkpointPath"/>.
    /// </summary>
    public void RequireSameRunAs(TrainingFingerprint checkpoint, string checkpointPath)
    {
        foreach (var (name, value) in Values)
        {
            string saved = checkpoint.Values.GetValueOrDefault(name, "(missing)");
            if (saved != value)
            {
                throw new InvalidOperationException(
                    $"Checkpoint '{checkpointPath}' was made with a different {name} (checkpoint: {Shorten(saved)}, this run: {Shorten(value)}); resume with the options and data of the interrupted run, or use another checkpoint directory.");
            }
        }
    }

    private static string Text<T>(T value)
        where T : IFormattable => value.ToString(null, CultureInfo.InvariantCulture);

    private static string Shorten(string value) => value.Length > 16 ? $"{value[..16]}..." : value;

    private static string Hash(IReadOnlyList<string> vocabulary) =>
        Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', vocabulary))));

    private static string Hash(SequencePairs pairs)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (int i = 0; i < pairs.Count; i++)
        {
            foreach (int[] sequence in new[] { pairs.Sources[i], pairs.Targets[i] })
            {
                hash.AppendData(BitConverter.GetBytes(sequence.Length));
                hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(sequence.AsSpan()));
            }
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
