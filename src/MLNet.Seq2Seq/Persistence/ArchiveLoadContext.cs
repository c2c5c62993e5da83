using System.Text.Json;
using System.Text.Json.Nodes;

namespace MLNet.Seq2Seq.Persistence;

/// <summary>
/// Where one pipeline step reads its entries back (under the same private prefix it saved with). Every problem is an
/// <see cref="InvalidDataException"/> naming the file and the entry.
/// </summary>
internal sealed class ArchiveLoadContext
{
    private readonly ModelArchiveReader _reader;

    public ArchiveLoadContext(ModelArchiveReader reader, string fileName, string entryPrefix)
    {
        _reader = reader;
        FileName = fileName;
        EntryPrefix = entryPrefix;
    }

    /// <summary>The model file's path (or a description of the stream), for messages.</summary>
    public string FileName { get; }

    /// <summary>The prefix of this step's entries.</summary>
    public string EntryPrefix { get; }

    /// <summary>Whether the step has an entry <paramref name="name"/>.</summary>
    public bool Contains(string name) => _reader.Contains(EntryPrefix + name);

    /// <summary>Reads a JSON entry.</summary>
    public JsonNode LoadJson(string name)
    {
        RequireEntry(name);
        return _reader.ReadJson(EntryPrefix + name);
    }

    /// <summary>Reads a JSON entry written by <see cref="ArchiveSaveContext.SaveObject{T}"/>.</summary>
    public T LoadObject<T>(string name)
    {
        JsonNode node = LoadJson(name);
        try
        {
            return node.Deserialize<T>(ModelJson.Options) ?? throw Malformed(name, "the entry is null");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Model file '{FileName}', entry '{EntryPrefix + name}': {e.Message}", e);
        }
    }

    /// <summary>Reads a float32 tensor entry, checking its shape when <paramref name="expectedShape"/> is given.</summary>
    public float[] LoadTensor(string name, IReadOnlyList<int>? expectedShape = null)
    {
        RequireEntry(name);
        return _reader.ReadTensor(EntryPrefix + name, expectedShape);
    }

    /// <summary>The error for content of entry <paramref name="name"/> that is well-formed JSON but not a valid value.</summary>
    public InvalidDataException Malformed(string name, string problem) =>
        new($"Model file '{FileName}', entry '{EntryPrefix + name}': {problem}.");

    /// <summary>
    /// Runs <paramref name="validate"/> on values read from entry <paramref name="name"/>; the
    /// <see cref="ArgumentException"/> an out-of-range value raises becomes the <see cref="Malformed"/> error of the entry.
    /// </summary>
    public void Validate(string name, Action validate)
    {
        try
        {
            validate();
        }
        catch (ArgumentException ex)
        {
            throw Malformed(name, ex.Message);
        }
    }

    private void RequireEntry(string name)
    {
        if (!Contains(name))
        {
            throw new InvalidDataException($"Model file '{FileName}' has no entry '{EntryPrefix + name}'.");
        }
    }
}
