using System.Text.Json.Nodes;
using MLNet.Seq2Seq.Persistence;

namespace MLNet.Seq2Seq.Tests.Persistence;

[TestClass]
public sealed class ModelArchiveRoundTripTests
{
    private static readonly float[] AwkwardValues =
    [
        0f, -0f, 1f, -1f, float.Epsilon, -float.Epsilon, 1e-40f, -3.5e-39f, BitConverter.Int32BitsToSingle(0x007FFFFF),
        float.MaxValue, float.MinValue, float.PositiveInfinity, float.NegativeInfinity, 3.14159274f, 1e-7f, 65504f,
    ];

    [TestMethod]
    public void JsonAndTensorsReadBackExactly()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("model.zip");
        JsonNode options = JsonNode.Parse("""{"hidden": 256, "name": "encoder", "layers": [1, 2], "nested": {"é": null, "x": 1.5}}""")!;
        float[] matrix = [.. Enumerable.Range(0, 12).Select(i => (i - 6) / 7f)];

        using (var writer = new ModelArchiveWriter(path))
        {
            writer.AddJson("options.json", options);
            writer.AddTensor("encoder/awkward", AwkwardValues, [AwkwardValues.Length]);
            writer.AddTensor("encoder/W_ih", matrix, [3, 4]);
            writer.AddTensor("empty", ReadOnlySpan<float>.Empty, [0, 5]);
            writer.AddTensor("scalar", [42f], []);
            writer.Commit();
        }

        using ModelArchiveReader reader = ModelArchiveReader.Open(path);
        Assert.AreEqual(ModelArchiveFormat.CurrentFormatVersion, reader.FormatVersion);
        Assert.AreEqual(ModelArchiveFormat.LibraryVersion, reader.LibraryVersion);
        CollectionAssert.AreEqual(new[] { "options.json", "encoder/awkward", "encoder/W_ih", "empty", "scalar" }, reader.EntryNames.ToArray());
        Assert.IsTrue(JsonNode.DeepEquals(options, reader.ReadJson("options.json")));
        AssertSameBits(AwkwardValues, reader.ReadTensor("encoder/awkward"));
        AssertSameBits(matrix, reader.ReadTensor("encoder/W_ih", [3, 4]));
        CollectionAssert.AreEqual(new[] { 3, 4 }, reader.GetTensorShape("encoder/W_ih").ToArray());
        Assert.IsEmpty(reader.ReadTensor("empty", [0, 5]));
        AssertSameBits([42f], reader.ReadTensor("scalar", []));
        Assert.IsTrue(reader.Contains("scalar"));
        Assert.IsFalse(reader.Contains("Scalar"));
        Assert.IsFalse(reader.Contains("manifest.json"));
    }

    [TestMethod]
    public void SameContentProducesSameBytes()
    {
        using var folder = new TemporaryFolder();
        byte[] Save(string name)
        {
            using (var writer = new ModelArchiveWriter(folder.File(name)))
            {
                writer.AddJson("a.json", new JsonObject { ["x"] = 1 });
                writer.AddTensor("t", AwkwardValues, [4, 4]);
                writer.Commit();
            }

            return File.ReadAllBytes(folder.File(name));
        }

        CollectionAssert.AreEqual(Save("first.zip"), Save("second.zip"));

        // Two saves within one zip time unit (2 s) would match even with the clock's timestamps: the entries must
        // carry the writer's fixed one, so saves on other days give the same bytes too.
        using var zip = System.IO.Compression.ZipFile.OpenRead(folder.File("first.zip"));
        Assert.IsNotEmpty(zip.Entries);
        foreach (var entry in zip.Entries)
        {
            Assert.AreEqual(new DateTime(2000, 1, 1), entry.LastWriteTime.DateTime, entry.FullName);
        }
    }

    [TestMethod]
    public void ManifestListsEveryEntryWithKindLengthChecksumAndShape()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("model.zip");
        using (var writer = new ModelArchiveWriter(path))
        {
            writer.AddJson("options.json", new JsonObject { ["hidden"] = 8 });
            writer.AddTensor("w", new float[6], [2, 3]);
            writer.Commit();
        }

        List<(string Name, byte[] Bytes)> zip = CraftedArchive.ReadZip(path);
        JsonNode manifest = JsonNode.Parse(zip.Single(entry => entry.Name == "manifest.json").Bytes)!;
        Assert.AreEqual("MLNet.Seq2Seq.Model", (string?)manifest["format"]);
        Assert.AreEqual(1, (int?)manifest["formatVersion"]);
        Assert.IsFalse(string.IsNullOrEmpty((string?)manifest["libraryVersion"]));
        JsonArray entries = manifest["entries"]!.AsArray();
        Assert.HasCount(2, entries);
        Assert.AreEqual("json", (string?)entries[0]!["kind"]);
        Assert.IsNull(entries[0]!["shape"]);
        Assert.AreEqual("tensor", (string?)entries[1]!["kind"]);
        Assert.AreEqual(24L, (long?)entries[1]!["length"]);
        Assert.AreEqual(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(new byte[24])), (string?)entries[1]!["sha256"]);
        Assert.IsTrue(JsonNode.DeepEquals(new JsonArray(2, 3), entries[1]!["shape"]));
        Assert.DoesNotContain("System.", manifest.ToJsonString());
    }

    [TestMethod]
    public void ReaderHoldsNoFileHandle()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("model.zip");
        WriteSingleTensor(path, 1f);

        using ModelArchiveReader reader = ModelArchiveReader.Open(path);
        using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
        }

        WriteSingleTensor(path, 2f);
        File.Delete(path);
        Assert.AreEqual(1f, reader.ReadTensor("t")[0]);
    }

    [TestMethod]
    public void ReadTensorWithWrongShapeNamesEntryAndBothShapes()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("model.zip");
        using (var writer = new ModelArchiveWriter(path))
        {
            writer.AddTensor("decoder/bias", new float[6], [2, 3]);
            writer.Commit();
        }

        using ModelArchiveReader reader = ModelArchiveReader.Open(path);
        InvalidDataException error = Assert.ThrowsExactly<InvalidDataException>(() => reader.ReadTensor("decoder/bias", [3, 2]));
        StringAssert.Contains(error.Message, "decoder/bias");
        StringAssert.Contains(error.Message, "[2, 3]");
        StringAssert.Contains(error.Message, "[3, 2]");
        StringAssert.Contains(error.Message, path);
    }

    [TestMethod]
    public void ReadingMissingOrWrongKindEntryNamesIt()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("model.zip");
        WriteSingleTensor(path, 1f);

        using ModelArchiveReader reader = ModelArchiveReader.Open(path);
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => reader.ReadJson("t")).Message, "'t'");
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => reader.ReadTensor("absent")).Message, "'absent'");
    }

    [TestMethod]
    public void TensorWhoseShapeDisagreesWithItsDataIsRefusedOnWrite()
    {
        using var folder = new TemporaryFolder();
        using var writer = new ModelArchiveWriter(folder.File("model.zip"));
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => writer.AddTensor("w", new float[5], [2, 3])).Message, "'w'");
        Assert.ThrowsExactly<ArgumentException>(() => writer.AddTensor("w", new float[6], [-2, -3]));
        Assert.ThrowsExactly<OverflowException>(() => writer.AddTensor("w", new float[6], [int.MaxValue, int.MaxValue, int.MaxValue]));
    }

    internal static void WriteSingleTensor(string path, float value)
    {
        using var writer = new ModelArchiveWriter(path);
        writer.AddTensor("t", [value], [1]);
        writer.Commit();
    }

    private static void AssertSameBits(float[] expected, float[] actual)
    {
        CollectionAssert.AreEqual(
            expected.Select(BitConverter.SingleToInt32Bits).ToArray(),
            actual.Select(BitConverter.SingleToInt32Bits).ToArray());
    }
}
