using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MLNet.Seq2Seq.Persistence;

/// <summary>
/// Reads a model file written by <see cref="ModelArchiveWriter"/>. Opening validates the manifest, the format version
/// and every entry's checksum; any damage surfaces as <see cref="InvalidDataException"/> naming the file and the part.
/// </summary>
/// <remarks>
/// Open reads the whole file into memory and closes it before returning, so the file can be replaced while a model
/// loaded from it is in use. Entry contents are only handed out after their length and SHA-256 matched the manifest.
/// </remarks>
internal sealed class ModelArchiveReader : IDisposable
{
    /// <summary>The largest manifest accepted, in bytes; a real one is a few kilobytes.</summary>
    private const int MaxManifestLength = 16 * 1024 * 1024;

    private const string ManifestPart = "manifest";

    private const string ZipDirectoryPart = "zip directory";

    private static readonly JsonDocumentOptions EntryJson = new() { MaxDepth = 256 };

    private readonly string _path;
    private readonly ModelArchiveManifest _manifest;
    private readonly Dictionary<string, (ModelArchiveManifestEntry Entry, byte[] Bytes)> _entries;
    private bool _disposed;

    private ModelArchiveReader(string path, ModelArchiveManifest manifest, Dictionary<string, (ModelArchiveManifestEntry, byte[])> entries)
    {
        _path = path;
        _manifest = manifest;
        _entries = entries;
    }

    /// <summary>Opens and validates a model file.</summary>
    /// <exception cref="FileNotFoundException">No file exists at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file is not a model file this library reads, or it is damaged.</exception>
    public static ModelArchiveReader Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string fullPath = Path.GetFullPath(path);
        byte[] fileBytes;
        try
        {
            fileBytes = File.ReadAllBytes(fullPath);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FileNotFoundException($"Model file '{fullPath}' does not exist.", fullPath, ex);
        }

        return Parse(fullPath, fileBytes);
    }

    /// <summary>Validates and opens an archive held in memory; <paramref name="description"/> names it in messages.</summary>
    /// <exception cref="InvalidDataException">The bytes are not an archive this library reads, or they are damaged.</exception>
    public static ModelArchiveReader FromBytes(string description, byte[] bytes) => Parse(description, bytes);

    /// <summary>The format version the file was written with.</summary>
    public int FormatVersion => _manifest.FormatVersion;

    /// <summary>The version of the library that wrote the file, as it recorded it.</summary>
    public string LibraryVersion => _manifest.LibraryVersion;

    /// <summary>The full path of the file this reader was opened from.</summary>
    public string FilePath => _path;

    /// <summary>The names of the content entries in the order they were written; the manifest is not among them.</summary>
    public IReadOnlyList<string> EntryNames => [.. _manifest.Entries.Select(entry => entry.Name)];

    /// <summary>Whether an entry exists.</summary>
    public bool Contains(string entryName)
    {
        ArgumentNullException.ThrowIfNull(entryName);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _entries.ContainsKey(entryName);
    }

    /// <summary>Reads a JSON entry.</summary>
    /// <exception cref="InvalidDataException">The entry is missing or is not a JSON entry.</exception>
    public JsonNode ReadJson(string entryName)
    {
        byte[] bytes = Find(entryName, ModelArchiveFormat.JsonKind).Bytes;
        return Guard(_path, EntryPart(entryName), () => JsonNode.Parse(bytes, documentOptions: EntryJson))
            ?? throw Fail(entryName, "the entry holds the JSON literal null, expected a value");
    }

    /// <summary>Reads a float32 tensor entry, checking its shape against <paramref name="expectedShape"/> when given.</summary>
    /// <exception cref="InvalidDataException">The entry is missing, is not a tensor, or has a shape other than <paramref name="expectedShape"/>.</exception>
    public float[] ReadTensor(string entryName, IReadOnlyList<int>? expectedShape = null)
    {
        (ModelArchiveManifestEntry entry, byte[] bytes) = Find(entryName, ModelArchiveFormat.TensorKind);
        if (expectedShape is not null && !TensorShape.AreEqual(entry.Shape!, expectedShape))
        {
            throw Fail(entryName,
                $"the tensor has shape {TensorShape.Format(entry.Shape!)} but {TensorShape.Format(expectedShape)} was expected");
        }

        var values = new float[bytes.Length / sizeof(float)];
        if (BitConverter.IsLittleEndian)
        {
            bytes.CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
        }
        else
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float)));
            }
        }

        return values;
    }

    /// <summary>The shape a tensor entry was written with.</summary>
    /// <exception cref="InvalidDataException">The entry is missing or is not a tensor.</exception>
    public IReadOnlyList<int> GetTensorShape(string entryName) => Find(entryName, ModelArchiveFormat.TensorKind).Entry.Shape!;

    /// <inheritdoc />
    public void Dispose()
    {
        _disposed = true;
        _entries.Clear();
    }

    private (ModelArchiveManifestEntry Entry, byte[] Bytes) Find(string entryName, string kind)
    {
        ArgumentNullException.ThrowIfNull(entryName);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_entries.TryGetValue(entryName, out (ModelArchiveManifestEntry Entry, byte[] Bytes) found))
        {
            throw Fail(entryName, "the entry is missing");
        }

        if (found.Entry.Kind != kind)
        {
            throw Fail(entryName, $"the entry is a {found.Entry.Kind} entry, expected a {kind} entry");
        }

        return found;
    }

    private InvalidDataException Fail(string entryName, string reason) => Failure(_path, EntryPart(entryName), reason);

    private static ModelArchiveReader Parse(string path, byte[] fileBytes)
    {
        using ZipArchive zip = Guard(path, ZipDirectoryPart, () => new ZipArchive(new MemoryStream(fileBytes, writable: false), ZipArchiveMode.Read));
        IReadOnlyList<ZipArchiveEntry> zipEntries = Guard(path, ZipDirectoryPart, () => zip.Entries);

        var zipEntriesByName = new Dictionary<string, ZipArchiveEntry>(ModelArchiveEntryName.Comparer);
        foreach (ZipArchiveEntry zipEntry in zipEntries)
        {
            string name = zipEntry.FullName;
            if (ModelArchiveEntryName.FindProblem(name) is string problem)
            {
                throw Failure(path, EntryPart(name), $"the entry name is not allowed: {problem}");
            }

            if (!zipEntriesByName.TryAdd(name, zipEntry))
            {
                throw Failure(path, EntryPart(name), "the zip holds two entries with this name (names are compared ignoring case)");
            }
        }

        if (!zipEntriesByName.TryGetValue(ModelArchiveFormat.ManifestEntryName, out ZipArchiveEntry? manifestZipEntry)
            || manifestZipEntry.FullName != ModelArchiveFormat.ManifestEntryName)
        {
            throw Failure(path, ManifestPart, $"the zip has no '{ModelArchiveFormat.ManifestEntryName}' entry; this is not an MLNet.Seq2Seq model file");
        }

        byte[] manifestBytes = Guard(path, ManifestPart, () => ReadAll(manifestZipEntry, MaxManifestLength));
        ModelArchiveManifest manifest = Guard(path, ManifestPart, () => ModelArchiveManifest.Parse(manifestBytes));

        var entries = new Dictionary<string, (ModelArchiveManifestEntry, byte[])>(StringComparer.Ordinal);
        foreach (ModelArchiveManifestEntry entry in manifest.Entries)
        {
            if (!zipEntriesByName.TryGetValue(entry.Name, out ZipArchiveEntry? zipEntry) || zipEntry.FullName != entry.Name)
            {
                throw Failure(path, EntryPart(entry.Name), "the entry is listed in the manifest but missing from the zip");
            }

            string part = EntryPart(entry.Name);
            if (zipEntry.Length != entry.Length)
            {
                throw Failure(path, part, $"the zip records {zipEntry.Length} bytes but the manifest records {entry.Length}");
            }

            byte[] bytes = Guard(path, part, () => ReadAll(zipEntry, entry.Length));
            if (bytes.Length != entry.Length)
            {
                throw Failure(path, part, $"the content is {bytes.Length} bytes but the manifest records {entry.Length}");
            }

            string sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (sha256 != entry.Sha256)
            {
                throw Failure(path, part, $"the SHA-256 of the content is {sha256} but the manifest records {entry.Sha256}; the entry is damaged");
            }

            if (entry.Kind == ModelArchiveFormat.JsonKind)
            {
                Guard(path, part, () => { using JsonDocument document = JsonDocument.Parse(bytes, EntryJson); return 0; });
            }

            entries.Add(entry.Name, (entry, bytes));
        }

        foreach (string name in zipEntriesByName.Keys)
        {
            if (name != ModelArchiveFormat.ManifestEntryName && !entries.ContainsKey(name))
            {
                throw Failure(path, EntryPart(name), "the zip holds an entry the manifest does not list");
            }
        }

        return new ModelArchiveReader(path, manifest, entries);
    }

    /// <summary>
    /// Reads an entry's uncompressed bytes, refusing more than <paramref name="maxLength"/>. Reads in chunks rather
    /// than trusting a length from the file, so a damaged length cannot force a huge allocation.
    /// </summary>
    private static byte[] ReadAll(ZipArchiveEntry zipEntry, long maxLength)
    {
        using Stream stream = zipEntry.Open();
        using var content = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            if (content.Length + read > maxLength)
            {
                throw new InvalidDataException($"the content is longer than {maxLength} bytes");
            }

            content.Write(chunk, 0, read);
        }

        return content.ToArray();
    }

    private static string EntryPart(string entryName) => $"entry '{entryName}'";

    /// <summary>A failure message naming the file, the part (<c>manifest</c>, <c>zip directory</c> or <c>entry 'name'</c>) and the reason.</summary>
    private static InvalidDataException Failure(string path, string part, string reason, Exception? inner = null) =>
        new($"Model file '{path}', {part}: {reason}.", inner);

    /// <summary>Runs one step of reading <paramref name="part"/>, turning any failure caused by the bytes into <see cref="InvalidDataException"/>.</summary>
    private static T Guard<T>(string path, string part, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (IsCausedByContent(ex))
        {
            throw Failure(path, part, ex.Message.TrimEnd('.'), ex);
        }
    }

    private static bool IsCausedByContent(Exception ex) =>
        ex is IOException or InvalidDataException or JsonException or ArgumentException or NotSupportedException
            or OverflowException or FormatException or InvalidOperationException or IndexOutOfRangeException
            or InvalidCastException or KeyNotFoundException;
}
