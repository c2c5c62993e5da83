using System.Text.Json.Nodes;

namespace MLNet.Seq2Seq.Persistence;

/// <summary>
/// Reads a model file written by <see cref="ModelArchiveWriter"/>. Opening validates the manifest, the format version
/// and every entry's checksum; any damage surfaces as <see cref="InvalidDataException"/> naming the file and the part.
/// </summary>
internal sealed class ModelArchiveReader : IDisposable
{
    /// <summary>Opens and validates a model file.</summary>
    public static ModelArchiveReader Open(string path) => throw new NotImplementedException();

    /// <summary>The format version the file was written with.</summary>
    public int FormatVersion => throw new NotImplementedException();

    /// <summary>Whether an entry exists.</summary>
    public bool Contains(string entryName) => throw new NotImplementedException();

    /// <summary>Reads a JSON entry.</summary>
    public JsonNode ReadJson(string entryName) => throw new NotImplementedException();

    /// <summary>Reads a float32 tensor entry, checking its shape against <paramref name="expectedShape"/> when given.</summary>
    public float[] ReadTensor(string entryName, IReadOnlyList<int>? expectedShape = null) => throw new NotImplementedException();

    /// <inheritdoc />
    public void Dispose() => throw new NotImplementedException();
}
