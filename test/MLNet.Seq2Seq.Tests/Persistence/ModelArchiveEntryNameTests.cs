using MLNet.Seq2Seq.Persistence;

namespace MLNet.Seq2Seq.Tests.Persistence;

[TestClass]
public sealed class ModelArchiveEntryNameTests
{
    /// <summary>Names a zip can carry; the empty name and unpaired surrogates cannot be stored, so they are only tested on write.</summary>
    public static IEnumerable<object[]> UnsafeNames =>
    [
        ["/etc/passwd"], ["../outside"], ["a/../../outside"], ["a/.."], ["./a"], ["a\\b"], ["..\\outside"],
        ["C:/windows"], ["c:relative"], ["a:stream"], ["a\u0000b"], ["a\nb"], ["a\u007Fb"], ["a//b"], ["folder/"],
        ["a/./b"], ["what?"],
    ];

    public static IEnumerable<object[]> UnsafeNamesOnlyWritable => [.. UnsafeNames, [""], ["a\ud800b"]];

    [TestMethod]
    [DynamicData(nameof(UnsafeNamesOnlyWritable))]
    public void UnsafeNameIsRefusedOnWrite(string name)
    {
        using var folder = new TemporaryFolder();
        using var writer = new ModelArchiveWriter(folder.File("model.zip"));
        Assert.ThrowsExactly<ArgumentException>(() => writer.AddTensor(name, [1f], [1]));
        Assert.ThrowsExactly<ArgumentException>(() => writer.AddJson(name, new System.Text.Json.Nodes.JsonObject()));
    }

    [TestMethod]
    [DynamicData(nameof(UnsafeNames))]
    public void UnsafeNameIsRefusedOnReadEvenWhenListed(string name)
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("model.zip");
        new CraftedArchive().AddListedTensor(name, [1f], [1]).Save(path);

        InvalidDataException error = Assert.ThrowsExactly<InvalidDataException>(() => ModelArchiveReader.Open(path));
        StringAssert.Contains(error.Message, path);
    }

    [TestMethod]
    public void EmptyNameListedInManifestIsRefused()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("model.zip");
        var archive = new CraftedArchive().AddListedTensor("w", [1f], [1]);
        archive.Manifest["entries"]![0]!["name"] = "";
        archive.Save(path);

        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => ModelArchiveReader.Open(path)).Message, "empty");
    }

    [TestMethod]
    public void TraversalNameOnReadIsNamedInTheMessage()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("model.zip");
        new CraftedArchive().AddListedJson("options.json", "{}").AddUnlisted("../../evil.sh", [1, 2, 3]).Save(path);

        InvalidDataException error = Assert.ThrowsExactly<InvalidDataException>(() => ModelArchiveReader.Open(path));
        StringAssert.Contains(error.Message, "'../../evil.sh'");
        StringAssert.Contains(error.Message, path);
    }

    [TestMethod]
    [DataRow("w", "w")]
    [DataRow("w", "W")]
    [DataRow("manifest.json", null)]
    [DataRow("Manifest.JSON", null)]
    public void DuplicateOrReservedNameIsRefusedOnWrite(string first, string? second)
    {
        using var folder = new TemporaryFolder();
        using var writer = new ModelArchiveWriter(folder.File("model.zip"));
        if (second is null)
        {
            Assert.ThrowsExactly<ArgumentException>(() => writer.AddTensor(first, [1f], [1]));
            return;
        }

        writer.AddTensor(first, [1f], [1]);
        Assert.ThrowsExactly<ArgumentException>(() => writer.AddTensor(second, [1f], [1]));
    }

    [TestMethod]
    public void DuplicateZipEntryIsRefusedOnRead()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("model.zip");
        new CraftedArchive().AddListedTensor("w", [1f], [1]).AddUnlisted("w", [0, 0, 0x80, 0x3F]).Save(path);

        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => ModelArchiveReader.Open(path)).Message, "'w'");
    }

    [TestMethod]
    public void NamesDifferingOnlyInCaseAreRefusedOnRead()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("model.zip");
        new CraftedArchive().AddListedTensor("w", [1f], [1]).AddListedTensor("W", [1f], [1]).Save(path);

        Assert.ThrowsExactly<InvalidDataException>(() => ModelArchiveReader.Open(path));
    }

    [TestMethod]
    [DataRow("options.json")]
    [DataRow("encoder/layer0/W_ih")]
    [DataRow("vocab/source tokens.json")]
    [DataRow("décodeur/偏置")]
    [DataRow("a.b..c")]
    public void OrdinaryNamesAreAccepted(string name) => Assert.IsNull(ModelArchiveEntryName.FindProblem(name));
}
