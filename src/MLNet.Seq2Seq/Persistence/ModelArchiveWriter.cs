using System.Text.Json.Nodes;

namespace MLNet.Seq2Seq.Persistence;

/// <summary>
/// Writes one model file: a zip with a manifest (format name and version, every entry with its SHA-256)
/// and the entries added here. Nothing is visible at the target path until <see cref="Commit"/>,
/// which replaces the file atomically; disposing without committing leaves any existing file untouched.
/// </summary>
internal sealed class ModelArchiveWriter : IDisposable
{
    /// <summary>Starts a model file that will replace <paramref name="path"/> on commit.</summary>
    public ModelArchiveWriter(string path) => throw new NotImplementedException();

    /// <summary>Adds a JSON entry.</summary>
    public void AddJson(string entryName, JsonNode content) => throw new NotImplementedException();

    /// <summary>Adds a float32 tensor entry with its shape.</summary>
    public void AddTensor(string entryName, ReadOnlySpan<float> data, IReadOnlyList<int> shape) => throw new NotImplementedException();

    /// <summary>Writes the manifest and atomically replaces the target file.</summary>
    public void Commit() => throw new NotImplementedException();

    /// <inheritdoc />
    public void Dispose() => throw new NotImplementedException();
}
