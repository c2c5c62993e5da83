using System.Text.Json;
using System.Text.Json.Nodes;

namespace MLNet.Seq2Seq.Persistence;

/// <summary>
/// Where one pipeline step writes its entries: every name is placed under the step's private prefix, so steps
/// cannot collide. JSON for options and vocabularies, float32 tensors for weights.
/// </summary>
internal sealed class ArchiveSaveContext
{
    private readonly ModelArchiveWriter _writer;

    public ArchiveSaveContext(ModelArchiveWriter writer, string entryPrefix)
    {
        _writer = writer;
        EntryPrefix = entryPrefix;
    }

    /// <summary>The prefix of this step's entries.</summary>
    public string EntryPrefix { get; }

    /// <summary>Writes a JSON entry.</summary>
    public void SaveJson(string name, JsonNode content) => _writer.AddJson(EntryPrefix + name, content);

    /// <summary>Writes <paramref name="value"/> as a JSON entry (camelCase members, enums by name).</summary>
    public void SaveObject<T>(string name, T value) =>
        SaveJson(name, JsonSerializer.SerializeToNode(value, ModelJson.Options) ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>Writes a float32 tensor entry of <paramref name="shape"/>, e.g. [rows, columns].</summary>
    public void SaveTensor(string name, ReadOnlySpan<float> data, IReadOnlyList<int> shape) => _writer.AddTensor(EntryPrefix + name, data, shape);
}
