using System.Text.Json.Nodes;
using MLNet.Seq2Seq.Persistence;

namespace MLNet.Seq2Seq.Tests.Persistence;

[TestClass]
public sealed class ModelArchiveValidationTests
{
    [TestMethod]
    public void CraftedValidFileOpens()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("model.zip");
        new CraftedArchive().AddListedJson("options.json", """{"a":1}""").AddListedTensor("w", [1f, 2f], [2]).Save(path);

        using ModelArchiveReader reader = ModelArchiveReader.Open(path);
        CollectionAssert.AreEqual(new[] { 1f, 2f }, reader.ReadTensor("w", [2]));
    }

    [TestMethod]
    public void NewerFormatVersionIsRefusedSayingBothVersions()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("model.zip");
        var archive = new CraftedArchive();
        archive.Manifest["formatVersion"] = ModelArchiveFormat.CurrentFormatVersion + 1;
        archive.Manifest["entries"] = "a layout this version cannot know";
        archive.Save(path);

        string message = OpenFailure(path);
        StringAssert.Contains(message, $"newer format version {ModelArchiveFormat.CurrentFormatVersion + 1}");
        StringAssert.Contains(message, $"reads up to {ModelArchiveFormat.CurrentFormatVersion}");
        StringAssert.Contains(message, "manifest");
    }

    [TestMethod]
    [DataRow("0")]
    [DataRow("-3")]
    [DataRow("1.5")]
    [DataRow("\"1\"")]
    [DataRow("99999999999999999999")]
    public void UnsupportedFormatVersionIsRefused(string version)
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("model.zip");
        var archive = new CraftedArchive();
        archive.Manifest["formatVersion"] = JsonNode.Parse(version);
        archive.Save(path);

        StringAssert.Contains(OpenFailure(path), "formatVersion");
    }

    [TestMethod]
    public void WrongFormatNameIsRefused()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("model.zip");
        var archive = new CraftedArchive();
        archive.Manifest["format"] = "Some.Other.Model";
        archive.Save(path);

        string message = OpenFailure(path);
        StringAssert.Contains(message, "Some.Other.Model");
        StringAssert.Contains(message, ModelArchiveFormat.FormatName);
    }

    [TestMethod]
    public void ChecksumMismatchNamesTheEntry()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("model.zip");
        using (var writer = new ModelArchiveWriter(path))
        {
            writer.AddJson("options.json", new JsonObject { ["hidden"] = 4 });
            writer.AddTensor("decoder/W_hh", [1f, 2f, 3f, 4f], [2, 2]);
            writer.Commit();
        }

        List<(string Name, byte[] Bytes)> entries = CraftedArchive.ReadZip(path);
        int index = entries.FindIndex(entry => entry.Name == "decoder/W_hh");
        entries[index].Bytes[5] ^= 0x01;
        CraftedArchive.WriteZip(path, entries);

        string message = OpenFailure(path);
        StringAssert.Contains(message, "'decoder/W_hh'");
        StringAssert.Contains(message, "SHA-256");
    }

    [TestMethod]
    public void LengthMismatchNamesTheEntry()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("model.zip");
        new CraftedArchive().AddListedTensor("w", [1f, 2f], [2]).ReplaceBytes("w", new byte[12]).Save(path);

        StringAssert.Contains(OpenFailure(path), "'w'");
    }

    [TestMethod]
    public void UnlistedEntryIsRefused()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("model.zip");
        new CraftedArchive().AddListedTensor("w", [1f], [1]).AddUnlisted("extra.bin", [1, 2, 3]).Save(path);

        StringAssert.Contains(OpenFailure(path), "'extra.bin'");
    }

    [TestMethod]
    public void ListedButMissingEntryIsRefused()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("model.zip");
        var archive = new CraftedArchive().AddListedTensor("w", [1f], [1]);
        archive.Manifest["entries"]!.AsArray().Add(new JsonObject
        {
            ["name"] = "ghost",
            ["kind"] = "json",
            ["length"] = 2,
            ["sha256"] = new string('0', 64),
        });
        archive.Save(path);

        StringAssert.Contains(OpenFailure(path), "'ghost'");
    }

    [TestMethod]
    public void TensorLengthInconsistentWithShapeIsRefused()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("model.zip");
        var archive = new CraftedArchive().AddListedTensor("w", [1f, 2f, 3f], [3]);
        archive.Manifest["entries"]![0]!["shape"] = new JsonArray(2, 2);
        archive.Save(path);

        string message = OpenFailure(path);
        StringAssert.Contains(message, "'w'");
        StringAssert.Contains(message, "[2, 2]");
    }

    [TestMethod]
    public void HugeShapeIsRefusedWithoutOverflowingUnchecked()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("model.zip");
        var archive = new CraftedArchive().AddListedTensor("w", [1f], [1]);
        archive.Manifest["entries"]![0]!["shape"] = new JsonArray(int.MaxValue, int.MaxValue, int.MaxValue);
        archive.Save(path);

        StringAssert.Contains(OpenFailure(path), "manifest");
    }

    [TestMethod]
    [DataRow("""{"format": "MLNet.Seq2Seq.Model"}""")]
    [DataRow("""[1, 2]""")]
    [DataRow("""{"format": "MLNet.Seq2Seq.Model", "formatVersion": 1, "libraryVersion": "x", "entries": [], "type": "System.IO.File"}""")]
    [DataRow("""{"format": "MLNet.Seq2Seq.Model", "formatVersion": 1, "libraryVersion": "x", "entries": [{"name": "a", "kind": "System.String", "length": 0, "sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}]}""")]
    [DataRow("""{"format": "MLNet.Seq2Seq.Model", "formatVersion": 1, "libraryVersion": "x", "entries": [], }""")]
    [DataRow("""not json""")]
    [DataRow("")]
    public void MalformedManifestIsRefusedNamingTheManifest(string manifest)
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("model.zip");
        CraftedArchive.WriteZip(path, [("manifest.json", System.Text.Encoding.UTF8.GetBytes(manifest))]);

        StringAssert.Contains(OpenFailure(path), "manifest");
    }

    [TestMethod]
    public void MissingManifestIsRefused()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("model.zip");
        CraftedArchive.WriteZip(path, [("options.json", "{}"u8.ToArray())]);

        StringAssert.Contains(OpenFailure(path), "manifest");
    }

    [TestMethod]
    public void MissingFileIsFileNotFoundNamingThePath()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("absent/model.zip");
        FileNotFoundException error = Assert.ThrowsExactly<FileNotFoundException>(() => ModelArchiveReader.Open(path));
        StringAssert.Contains(error.Message, path);
        Assert.AreEqual(path, error.FileName);
    }

    private static string OpenFailure(string path)
    {
        string message = Assert.ThrowsExactly<InvalidDataException>(() => ModelArchiveReader.Open(path)).Message;
        StringAssert.Contains(message, path);
        return message;
    }
}
