using System.Text.Json.Nodes;
using MLNet.Seq2Seq.Persistence;

namespace MLNet.Seq2Seq.Tests.Persistence;

[TestClass]
public sealed class ModelArchiveAtomicSaveTests
{
    [TestMethod]
    public void TargetChangesOnlyAtCommit()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("model.zip");
        ModelArchiveRoundTripTests.WriteSingleTensor(path, 1f);
        byte[] before = File.ReadAllBytes(path);

        using (var writer = new ModelArchiveWriter(path))
        {
            writer.AddTensor("t", [2f], [1]);
            CollectionAssert.AreEqual(before, File.ReadAllBytes(path));
            writer.Commit();
        }

        using ModelArchiveReader reader = ModelArchiveReader.Open(path);
        Assert.AreEqual(2f, reader.ReadTensor("t")[0]);
        CollectionAssert.AreEqual(new[] { "model.zip" }, folder.FileNames());
    }

    [TestMethod]
    public void DisposeWithoutCommitKeepsOldFileAndRemovesTemporary()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("model.zip");
        ModelArchiveRoundTripTests.WriteSingleTensor(path, 1f);
        byte[] before = File.ReadAllBytes(path);

        using (var writer = new ModelArchiveWriter(path))
        {
            writer.AddTensor("t", [2f], [1]);
            Assert.HasCount(2, folder.FileNames());
        }

        CollectionAssert.AreEqual(before, File.ReadAllBytes(path));
        CollectionAssert.AreEqual(new[] { "model.zip" }, folder.FileNames());
    }

    [TestMethod]
    public void ExceptionWhileAddingEntriesKeepsOldFileAndRemovesTemporary()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("model.zip");
        ModelArchiveRoundTripTests.WriteSingleTensor(path, 1f);
        byte[] before = File.ReadAllBytes(path);

        Assert.ThrowsExactly<InvalidOperationException>(() =>
        {
            using var writer = new ModelArchiveWriter(path);
            writer.AddJson("options.json", new JsonObject { ["hidden"] = 4 });
            writer.AddTensor("a", new float[1000], [10, 100]);
            throw new InvalidOperationException("the trainer failed half-way through saving");
        });

        CollectionAssert.AreEqual(before, File.ReadAllBytes(path));
        CollectionAssert.AreEqual(new[] { "model.zip" }, folder.FileNames());
    }

    [TestMethod]
    public void RejectedAddLeavesWriterUsable()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("model.zip");
        using (var writer = new ModelArchiveWriter(path))
        {
            writer.AddTensor("a", [1f], [1]);
            Assert.ThrowsExactly<ArgumentException>(() => writer.AddTensor("b", [1f, 2f], [3]));
            Assert.ThrowsExactly<ArgumentException>(() => writer.AddTensor("../b", [1f], [1]));
            writer.AddTensor("b", [2f], [1]);
            writer.Commit();
        }

        using ModelArchiveReader reader = ModelArchiveReader.Open(path);
        CollectionAssert.AreEqual(new[] { "a", "b" }, reader.EntryNames.ToArray());
    }

    [TestMethod]
    public void NewFileAppearsOnlyAtCommit()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("model.zip");
        using (var writer = new ModelArchiveWriter(path))
        {
            writer.AddTensor("t", [1f], [1]);
            Assert.IsFalse(File.Exists(path));
        }

        Assert.IsEmpty(folder.FileNames());
    }

    [TestMethod]
    public void FailedRenameRemovesTemporary()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("model.zip");
        Directory.CreateDirectory(path);
        using (var writer = new ModelArchiveWriter(path))
        {
            writer.AddTensor("t", [1f], [1]);
            Assert.Throws<IOException>(writer.Commit);
        }

        Assert.IsEmpty(folder.FileNames());
        Assert.IsTrue(Directory.Exists(path));
    }

    [TestMethod]
    public void WriterRefusesUseAfterCommit()
    {
        using var folder = new TemporaryFolder();
        using var writer = new ModelArchiveWriter(folder.File("model.zip"));
        writer.Commit();
        Assert.ThrowsExactly<InvalidOperationException>(() => writer.AddTensor("t", [1f], [1]));
        Assert.ThrowsExactly<InvalidOperationException>(writer.Commit);
    }
}
