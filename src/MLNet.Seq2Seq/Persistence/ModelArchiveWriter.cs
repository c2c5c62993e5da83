using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MLNet.Seq2Seq.Persistence;

/// <summary>
/// Writes one model file: a zip with a manifest (format name and version, every entry with its SHA-256)
/// and the entries added here. Nothing is visible at the target path until <see cref="Commit"/>,
/// which replaces the file atomically; disposing without committing leaves any existing file untouched.
/// </summary>
/// <remarks>
/// Entries stream into a temporary file beside the target. Commit appends the manifest, flushes the temporary file to
/// disk and renames it over the target; any failure, or disposal before Commit, deletes the temporary file.
/// A name or shape rejected by an Add method leaves the writer usable; a failed write of the temporary file does not.
/// </remarks>
internal sealed class ModelArchiveWriter : IDisposable
{
    /// <summary>A fixed entry timestamp, so the same model always produces the same bytes.</summary>
    private static readonly DateTimeOffset EntryTimestamp = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly string _targetPath;
    private readonly string? _temporaryPath;
    private readonly List<ModelArchiveManifestEntry> _entries = [];
    private readonly HashSet<string> _names = new(ModelArchiveEntryName.Comparer) { ModelArchiveFormat.ManifestEntryName };
    private Stream? _file;
    private ZipArchive? _zip;
    private WriterState _state = WriterState.Open;

    /// <summary>Starts a model file that will replace <paramref name="path"/> on commit.</summary>
    public ModelArchiveWriter(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _targetPath = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(_targetPath)
            ?? throw new ArgumentException($"The model path '{_targetPath}' names a root folder, not a file.", nameof(path));
        _temporaryPath = Path.Combine(folder, $".{Path.GetFileName(_targetPath)}.{Guid.NewGuid():N}.tmp");
        _file = new FileStream(_temporaryPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        try
        {
            _zip = new ZipArchive(_file, ZipArchiveMode.Create, leaveOpen: true);
        }
        catch
        {
            Abandon();
            throw;
        }
    }

    /// <summary>
    /// Starts an archive written into <paramref name="destination"/> (left open), e.g. a memory stream for a model
    /// payload; <paramref name="description"/> names it in messages.
    /// </summary>
    public ModelArchiveWriter(Stream destination, string description)
    {
        ArgumentNullException.ThrowIfNull(destination);
        _targetPath = description;
        _file = destination;
        _zip = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
    }

    /// <summary>The path the model file will have once committed.</summary>
    public string TargetPath => _targetPath;

    /// <summary>The names of the entries added so far, in order; the manifest is not among them.</summary>
    public IReadOnlyList<string> EntryNames => _entries.ConvertAll(entry => entry.Name);

    /// <summary>Adds a JSON entry.</summary>
    public void AddJson(string entryName, JsonNode content)
    {
        ArgumentNullException.ThrowIfNull(content);
        ValidateNewName(entryName);
        using var utf8 = new MemoryStream();
        using (var json = new Utf8JsonWriter(utf8, new JsonWriterOptions { Indented = true }))
        {
            content.WriteTo(json);
        }

        WriteEntry(entryName, ModelArchiveFormat.JsonKind, utf8.GetBuffer().AsSpan(0, (int)utf8.Length), shape: null, CompressionLevel.Optimal);
    }

    /// <summary>Adds a float32 tensor entry with its shape.</summary>
    public void AddTensor(string entryName, ReadOnlySpan<float> data, IReadOnlyList<int> shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ValidateNewName(entryName);
        long elementCount = TensorShape.ElementCount(shape);
        if (elementCount != data.Length)
        {
            throw new ArgumentException(
                $"Tensor '{entryName}' has {data.Length} values but its shape {TensorShape.Format(shape)} needs {elementCount}.",
                nameof(data));
        }

        ReadOnlySpan<byte> bytes = BitConverter.IsLittleEndian ? MemoryMarshal.AsBytes(data) : ToLittleEndian(data);
        WriteEntry(entryName, ModelArchiveFormat.TensorKind, bytes, [.. shape], CompressionLevel.NoCompression);
    }

    /// <summary>Writes the manifest and atomically replaces the target file.</summary>
    public void Commit()
    {
        ThrowIfNotOpen();
        try
        {
            WriteZipEntry(ModelArchiveFormat.ManifestEntryName, ModelArchiveManifest.Serialize(_entries), CompressionLevel.Optimal);
            _zip!.Dispose();
            _zip = null;
            if (_temporaryPath is not null)
            {
                ((FileStream)_file!).Flush(flushToDisk: true);
                _file.Dispose();
                File.Move(_temporaryPath, _targetPath, overwrite: true);
            }

            _file = null;
            _state = WriterState.Committed;
        }
        catch
        {
            Abandon();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_state != WriterState.Committed)
        {
            Abandon();
        }
    }

    private void ValidateNewName(string entryName)
    {
        ArgumentNullException.ThrowIfNull(entryName);
        ThrowIfNotOpen();
        if (ModelArchiveEntryName.FindProblem(entryName) is string problem)
        {
            throw new ArgumentException($"Entry name '{entryName}' for model file '{_targetPath}' is not allowed: {problem}.", nameof(entryName));
        }

        if (_names.Contains(entryName))
        {
            throw new ArgumentException(
                ModelArchiveEntryName.Comparer.Equals(entryName, ModelArchiveFormat.ManifestEntryName)
                    ? $"Entry name '{entryName}' for model file '{_targetPath}' is reserved for the manifest."
                    : $"Model file '{_targetPath}' already has an entry named '{entryName}' (names are compared ignoring case).",
                nameof(entryName));
        }
    }

    private void WriteEntry(string name, string kind, ReadOnlySpan<byte> bytes, IReadOnlyList<int>? shape, CompressionLevel compression)
    {
        string sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        try
        {
            WriteZipEntry(name, bytes, compression);
        }
        catch
        {
            _state = WriterState.Failed;
            throw;
        }

        _names.Add(name);
        _entries.Add(new ModelArchiveManifestEntry(name, kind, bytes.Length, sha256, shape));
    }

    private void WriteZipEntry(string name, ReadOnlySpan<byte> bytes, CompressionLevel compression)
    {
        ZipArchiveEntry entry = _zip!.CreateEntry(name, compression);
        entry.LastWriteTime = EntryTimestamp;
        using Stream stream = entry.Open();
        stream.Write(bytes);
    }

    private static byte[] ToLittleEndian(ReadOnlySpan<float> data)
    {
        var bytes = new byte[data.Length * sizeof(float)];
        for (int i = 0; i < data.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), data[i]);
        }

        return bytes;
    }

    private void ThrowIfNotOpen()
    {
        switch (_state)
        {
            case WriterState.Committed:
                throw new InvalidOperationException($"Model file '{_targetPath}' is already committed.");
            case WriterState.Failed:
                throw new InvalidOperationException($"An earlier write to model file '{_targetPath}' failed; start a new writer.");
            case WriterState.Abandoned:
                throw new ObjectDisposedException(nameof(ModelArchiveWriter), $"The writer for model file '{_targetPath}' was disposed without committing.");
        }
    }

    /// <summary>Releases the temporary file and deletes it (a caller's stream is left as it is); the target is never touched.</summary>
    private void Abandon()
    {
        _state = WriterState.Abandoned;
        try
        {
            _zip?.Dispose();
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or NotSupportedException or ObjectDisposedException)
        {
            // The archive is being thrown away; a failure to finish it must not mask the original error.
        }
        finally
        {
            _zip = null;
            if (_temporaryPath is not null)
            {
                _file?.Dispose();
                File.Delete(_temporaryPath);
            }

            _file = null;
        }
    }

    private enum WriterState
    {
        Open,
        Failed,
        Committed,
        Abandoned,
    }
}
