using MLNet.Seq2Seq.Persistence;

namespace MLNet.Seq2Seq.Mapping;

/// <summary>
/// A step's state as it travels inside ML.NET's model zip: one of our archives (a versioned manifest with a SHA-256
/// for every entry), base64-encoded into a text value that a built-in value mapping holds. Decoding verifies every
/// entry, so a truncated, altered or foreign payload is reported as a damaged model, never used.
/// </summary>
internal static class Payload
{
    /// <summary>Writes the entries <paramref name="write"/> adds and encodes them.</summary>
    public static string Encode(string stepName, Action<ArchiveSaveContext> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new ModelArchiveWriter(stream, Describe(stepName)))
        {
            write(new ArchiveSaveContext(writer, string.Empty));
            writer.Commit();
        }

        return Convert.ToBase64String(stream.GetBuffer(), 0, checked((int)stream.Length));
    }

    /// <summary>Decodes and verifies a payload, then reads it with <paramref name="read"/>.</summary>
    /// <exception cref="InvalidDataException">The payload is damaged or not one of ours; the message says so and names the step.</exception>
    public static T Decode<T>(string stepName, ReadOnlySpan<char> payload, Func<ArchiveLoadContext, T> read)
    {
        byte[] bytes = new byte[payload.Length / 4 * 3];
        if (!Convert.TryFromBase64Chars(payload, bytes, out int length))
        {
            throw Damaged(stepName, "its MLNet.Seq2Seq payload is not base64 text", null);
        }

        try
        {
            using var reader = ModelArchiveReader.FromBytes(Describe(stepName), bytes[..length]);
            return read(new ArchiveLoadContext(reader, Describe(stepName), string.Empty));
        }
        catch (InvalidDataException ex)
        {
            throw Damaged(stepName, ex.Message, ex);
        }
    }

    private static string Describe(string stepName) => $"MLNet.Seq2Seq payload of the {stepName} step";

    private static InvalidDataException Damaged(string stepName, string problem, Exception? inner) =>
        new($"The model is damaged: the {stepName} step cannot be read ({problem}). Restore the model file from a good copy or retrain it.", inner);
}
