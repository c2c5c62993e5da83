using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using MLNet.Seq2Seq.Persistence;

namespace MLNet.Seq2Seq.Tests.Persistence;

/// <summary>
/// Builds model files by hand with System.IO.Compression, bypassing <see cref="ModelArchiveWriter"/>, so tests can
/// produce files the writer would refuse to write: bad names, wrong versions, damaged entries, unlisted entries.
/// </summary>
internal sealed class CraftedArchive
{
    private readonly List<(string Name, byte[] Bytes)> _zipEntries = [];

    public CraftedArchive() => Manifest = new JsonObject
    {
        ["format"] = ModelArchiveFormat.FormatName,
        ["formatVersion"] = ModelArchiveFormat.CurrentFormatVersion,
        ["libraryVersion"] = "test",
        ["entries"] = new JsonArray(),
    };

    /// <summary>The manifest written as <c>manifest.json</c>; tests may edit it freely before <see cref="Save"/>.</summary>
    public JsonObject Manifest { get; }

    /// <summary>Adds a JSON entry to the zip and lists it, correctly, in the manifest.</summary>
    public CraftedArchive AddListedJson(string name, string json)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        List(name, "json", bytes, shape: null);
        return AddUnlisted(name, bytes);
    }

    /// <summary>Adds a tensor entry to the zip and lists it, correctly, in the manifest.</summary>
    public CraftedArchive AddListedTensor(string name, float[] values, int[] shape)
    {
        byte[] bytes = new byte[values.Length * sizeof(float)];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        List(name, "tensor", bytes, shape);
        return AddUnlisted(name, bytes);
    }

    /// <summary>Adds bytes to the zip without touching the manifest.</summary>
    public CraftedArchive AddUnlisted(string name, byte[] bytes)
    {
        _zipEntries.Add((name, bytes));
        return this;
    }

    /// <summary>Replaces the zip bytes of an entry, leaving the manifest's record of it as it was.</summary>
    public CraftedArchive ReplaceBytes(string name, byte[] bytes)
    {
        int index = _zipEntries.FindIndex(entry => entry.Name == name);
        _zipEntries[index] = (name, bytes);
        return this;
    }

    public void Save(string path)
    {
        using FileStream file = File.Create(path);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        Write(zip, ModelArchiveFormat.ManifestEntryName, Encoding.UTF8.GetBytes(Manifest.ToJsonString()));
        foreach ((string name, byte[] bytes) in _zipEntries)
        {
            Write(zip, name, bytes);
        }
    }

    /// <summary>Reads every entry of an existing zip, manifest included, so a test can alter and re-zip a real model file.</summary>
    public static List<(string Name, byte[] Bytes)> ReadZip(string path)
    {
        using ZipArchive zip = ZipFile.OpenRead(path);
        var entries = new List<(string, byte[])>();
        foreach (ZipArchiveEntry entry in zip.Entries)
        {
            using Stream stream = entry.Open();
            using var content = new MemoryStream();
            stream.CopyTo(content);
            entries.Add((entry.FullName, content.ToArray()));
        }

        return entries;
    }

    /// <summary>Writes the given entries, in order, as a new zip.</summary>
    public static void WriteZip(string path, IEnumerable<(string Name, byte[] Bytes)> entries)
    {
        using FileStream file = File.Create(path);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        foreach ((string name, byte[] bytes) in entries)
        {
            Write(zip, name, bytes);
        }
    }

    private void List(string name, string kind, byte[] bytes, int[]? shape)
    {
        var record = new JsonObject
        {
            ["name"] = name,
            ["kind"] = kind,
            ["length"] = bytes.Length,
            ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(bytes)),
        };
        if (shape is not null)
        {
            record["shape"] = new JsonArray([.. shape.Select(dimension => (JsonNode)dimension)]);
        }

        Manifest["entries"]!.AsArray().Add(record);
    }

    private static void Write(ZipArchive zip, string name, byte[] bytes)
    {
        using Stream stream = zip.CreateEntry(name).Open();
        stream.Write(bytes);
    }
}
