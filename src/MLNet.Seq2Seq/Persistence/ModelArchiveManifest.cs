using System.Text.Json;

namespace MLNet.Seq2Seq.Persistence;

/// <summary>
/// The <c>manifest.json</c> of a model file: format name and version, the library version that wrote it, and every
/// content entry with its kind, length, SHA-256 and (tensors) shape. Parsing checks the format name and version before
/// anything else, so a file from a newer format is refused for its version rather than for its layout.
/// </summary>
internal sealed class ModelArchiveManifest
{
    private const string FormatProperty = "format";
    private const string FormatVersionProperty = "formatVersion";
    private const string LibraryVersionProperty = "libraryVersion";
    private const string EntriesProperty = "entries";
    private const string NameProperty = "name";
    private const string KindProperty = "kind";
    private const string LengthProperty = "length";
    private const string Sha256Property = "sha256";
    private const string ShapeProperty = "shape";

    private static readonly JsonDocumentOptions StrictJson = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 16,
    };

    private ModelArchiveManifest(int formatVersion, string libraryVersion, IReadOnlyList<ModelArchiveManifestEntry> entries)
    {
        FormatVersion = formatVersion;
        LibraryVersion = libraryVersion;
        Entries = entries;
    }

    /// <summary>The format version the file was written with.</summary>
    public int FormatVersion { get; }

    /// <summary>The version of the library that wrote the file, as it recorded it.</summary>
    public string LibraryVersion { get; }

    /// <summary>The content entries, in the order they were written.</summary>
    public IReadOnlyList<ModelArchiveManifestEntry> Entries { get; }

    /// <summary>Serializes a manifest of the current format version as indented UTF-8 JSON.</summary>
    public static byte[] Serialize(IReadOnlyList<ModelArchiveManifestEntry> entries)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString(FormatProperty, ModelArchiveFormat.FormatName);
            json.WriteNumber(FormatVersionProperty, ModelArchiveFormat.CurrentFormatVersion);
            json.WriteString(LibraryVersionProperty, ModelArchiveFormat.LibraryVersion);
            json.WriteStartArray(EntriesProperty);
            foreach (ModelArchiveManifestEntry entry in entries)
            {
                json.WriteStartObject();
                json.WriteString(NameProperty, entry.Name);
                json.WriteString(KindProperty, entry.Kind);
                json.WriteNumber(LengthProperty, entry.Length);
                json.WriteString(Sha256Property, entry.Sha256);
                if (entry.Shape is not null)
                {
                    json.WriteStartArray(ShapeProperty);
                    foreach (int dimension in entry.Shape)
                    {
                        json.WriteNumberValue(dimension);
                    }

                    json.WriteEndArray();
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Parses and validates a manifest. Throws <see cref="InvalidDataException"/> (or a JSON/overflow exception the
    /// caller wraps) with a message saying what is wrong; the caller adds the file path.
    /// </summary>
    public static ModelArchiveManifest Parse(ReadOnlyMemory<byte> utf8Json)
    {
        using JsonDocument document = JsonDocument.Parse(utf8Json, StrictJson);
        JsonElement root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"the manifest is a JSON {root.ValueKind}, expected an object");
        }

        Dictionary<string, JsonElement> properties = ReadProperties(root, "the manifest");

        string format = ReadString(properties, FormatProperty, "the manifest");
        if (format != ModelArchiveFormat.FormatName)
        {
            throw new InvalidDataException(
                $"the format is '{format}', expected '{ModelArchiveFormat.FormatName}'; this is not an MLNet.Seq2Seq model file");
        }

        int formatVersion = ReadFormatVersion(properties);
        RejectUnknown(properties, "the manifest", [FormatProperty, FormatVersionProperty, LibraryVersionProperty, EntriesProperty]);
        string libraryVersion = ReadString(properties, LibraryVersionProperty, "the manifest");
        JsonElement entriesArray = Require(properties, EntriesProperty, "the manifest");
        if (entriesArray.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"'{EntriesProperty}' is a JSON {entriesArray.ValueKind}, expected an array");
        }

        var entries = new List<ModelArchiveManifestEntry>(entriesArray.GetArrayLength());
        var names = new HashSet<string>(ModelArchiveEntryName.Comparer);
        foreach (JsonElement item in entriesArray.EnumerateArray())
        {
            ModelArchiveManifestEntry entry = ReadEntry(item, entries.Count);
            if (!names.Add(entry.Name))
            {
                throw new InvalidDataException($"entry '{entry.Name}' is listed twice (names are compared ignoring case)");
            }

            entries.Add(entry);
        }

        return new ModelArchiveManifest(formatVersion, libraryVersion, entries);
    }

    private static int ReadFormatVersion(Dictionary<string, JsonElement> properties)
    {
        JsonElement element = Require(properties, FormatVersionProperty, "the manifest");
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out int version) || version < 1)
        {
            throw new InvalidDataException(
                $"'{FormatVersionProperty}' is {element.GetRawText()}, expected a positive integer");
        }

        if (version > ModelArchiveFormat.CurrentFormatVersion)
        {
            throw new InvalidDataException(
                $"the file was written by a newer format version {version} and this library reads up to " +
                $"{ModelArchiveFormat.CurrentFormatVersion}; update MLNet.Seq2Seq to load it");
        }

        if (version < ModelArchiveFormat.MinimumReadableFormatVersion)
        {
            throw new InvalidDataException(
                $"the file was written by format version {version}, which this library no longer reads; it reads versions " +
                $"{ModelArchiveFormat.MinimumReadableFormatVersion} to {ModelArchiveFormat.CurrentFormatVersion}");
        }

        return version;
    }

    private static ModelArchiveManifestEntry ReadEntry(JsonElement item, int index)
    {
        string where = $"entries[{index}]";
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{where} is a JSON {item.ValueKind}, expected an object");
        }

        Dictionary<string, JsonElement> properties = ReadProperties(item, where);
        RejectUnknown(properties, where, [NameProperty, KindProperty, LengthProperty, Sha256Property, ShapeProperty]);
        string name = ReadString(properties, NameProperty, where);
        where = $"entry '{name}'";
        if (ModelArchiveEntryName.FindProblem(name) is string nameProblem)
        {
            throw new InvalidDataException($"{where} has an unacceptable name: {nameProblem}");
        }

        if (ModelArchiveEntryName.Comparer.Equals(name, ModelArchiveFormat.ManifestEntryName))
        {
            throw new InvalidDataException($"{where} uses the reserved name of the manifest");
        }

        string kind = ReadString(properties, KindProperty, where);
        long length = ReadLength(properties, where);
        string sha256 = ReadString(properties, Sha256Property, where);
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
        {
            throw new InvalidDataException($"{where} has sha256 '{sha256}', expected 64 lowercase hex digits");
        }

        IReadOnlyList<int>? shape = null;
        switch (kind)
        {
            case ModelArchiveFormat.JsonKind:
                if (properties.ContainsKey(ShapeProperty))
                {
                    throw new InvalidDataException($"{where} is a JSON entry but has a '{ShapeProperty}'");
                }

                break;
            case ModelArchiveFormat.TensorKind:
                shape = ReadShape(Require(properties, ShapeProperty, where), where);
                long expectedLength = checked(TensorShape.ElementCount(shape) * sizeof(float));
                if (length != expectedLength)
                {
                    throw new InvalidDataException(
                        $"{where} has shape {TensorShape.Format(shape)}, which needs {expectedLength} bytes, but its length is {length}");
                }

                break;
            default:
                throw new InvalidDataException(
                    $"{where} has kind '{kind}', expected '{ModelArchiveFormat.JsonKind}' or '{ModelArchiveFormat.TensorKind}'");
        }

        return new ModelArchiveManifestEntry(name, kind, length, sha256, shape);
    }

    private static long ReadLength(Dictionary<string, JsonElement> properties, string where)
    {
        JsonElement element = Require(properties, LengthProperty, where);
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out long length) || length < 0)
        {
            throw new InvalidDataException($"{where} has length {element.GetRawText()}, expected a non-negative integer");
        }

        return length;
    }

    private static int[] ReadShape(JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"{where} has a shape that is a JSON {element.ValueKind}, expected an array");
        }

        var shape = new int[element.GetArrayLength()];
        int axis = 0;
        foreach (JsonElement dimension in element.EnumerateArray())
        {
            if (dimension.ValueKind != JsonValueKind.Number || !dimension.TryGetInt32(out shape[axis]) || shape[axis] < 0)
            {
                throw new InvalidDataException(
                    $"{where} has shape dimension {axis} = {dimension.GetRawText()}, expected a non-negative integer");
            }

            axis++;
        }

        return shape;
    }

    private static void RejectUnknown(Dictionary<string, JsonElement> properties, string where, string[] known)
    {
        foreach (string name in properties.Keys)
        {
            if (!known.Contains(name, StringComparer.Ordinal))
            {
                throw new InvalidDataException($"{where} has the unknown property '{name}'");
            }
        }
    }

    private static Dictionary<string, JsonElement> ReadProperties(JsonElement element, string where)
    {
        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (!properties.TryAdd(property.Name, property.Value))
            {
                throw new InvalidDataException($"{where} has the property '{property.Name}' twice");
            }
        }

        return properties;
    }

    private static JsonElement Require(Dictionary<string, JsonElement> properties, string name, string where) =>
        properties.TryGetValue(name, out JsonElement value)
            ? value
            : throw new InvalidDataException($"{where} lacks the required property '{name}'");

    private static string ReadString(Dictionary<string, JsonElement> properties, string name, string where)
    {
        JsonElement element = Require(properties, name, where);
        return element.ValueKind == JsonValueKind.String
            ? element.GetString()!
            : throw new InvalidDataException($"{where} has '{name}' as a JSON {element.ValueKind}, expected a string");
    }
}
