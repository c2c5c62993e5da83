using System.Text.Json.Nodes;
using MLNet.Seq2Seq.Persistence;

namespace MLNet.Seq2Seq.Tests.Persistence;

/// <summary>Damaged files must fail to open with <see cref="InvalidDataException"/> naming the file, and never otherwise.</summary>
[TestClass]
public sealed class ModelArchiveCorruptionTests
{
    private static readonly JsonNode Options = new JsonObject { ["hidden"] = 16, ["vocab"] = new JsonArray("a", "b", "c") };
    private static readonly float[] Weights = [.. Enumerable.Range(0, 300).Select(i => MathF.Sin(i) * 1e-3f)];

    [TestMethod]
    public void EveryTruncationIsInvalidData()
    {
        using var folder = new TemporaryFolder();
        byte[] original = WriteModel(folder.File("model.zip"));
        string path = folder.File("truncated.zip");

        for (int length = 0; length < original.Length; length++)
        {
            File.WriteAllBytes(path, original.AsSpan(0, length).ToArray());
            InvalidDataException error = Assert.ThrowsExactly<InvalidDataException>(() => ModelArchiveReader.Open(path), $"length {length}");
            StringAssert.Contains(error.Message, path);
        }
    }

    [TestMethod]
    public void RandomBytesAreInvalidData()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("random.zip");
        var random = new Random(20261122);
        foreach (int length in new[] { 1, 4, 21, 22, 23, 100, 1000, 65_000 })
        {
            for (int trial = 0; trial < 5; trial++)
            {
                byte[] bytes = new byte[length];
                random.NextBytes(bytes);
                if (trial % 2 == 1 && length >= 4)
                {
                    "PK\u0003\u0004"u8.CopyTo(bytes);
                }

                File.WriteAllBytes(path, bytes);
                Assert.ThrowsExactly<InvalidDataException>(() => ModelArchiveReader.Open(path), $"length {length}, trial {trial}");
            }
        }
    }

    [TestMethod]
    public void FlippedBytesEitherOpenWithIdenticalContentOrAreInvalidData()
    {
        using var folder = new TemporaryFolder();
        byte[] original = WriteModel(folder.File("model.zip"));
        string path = folder.File("damaged.zip");
        var random = new Random(7);
        int opened = 0;

        for (int trial = 0; trial < 400; trial++)
        {
            byte[] damaged = (byte[])original.Clone();
            int flips = 1 + random.Next(3);
            for (int flip = 0; flip < flips; flip++)
            {
                damaged[random.Next(damaged.Length)] ^= (byte)(1 + random.Next(255));
            }

            File.WriteAllBytes(path, damaged);
            ModelArchiveReader reader;
            try
            {
                reader = ModelArchiveReader.Open(path);
            }
            catch (InvalidDataException error)
            {
                StringAssert.Contains(error.Message, path, $"trial {trial}");
                continue;
            }

            using (reader)
            {
                Assert.IsTrue(JsonNode.DeepEquals(Options, reader.ReadJson("options.json")), $"trial {trial}");
                CollectionAssert.AreEqual(Weights, reader.ReadTensor("encoder/weights", [10, 30]), $"trial {trial}");
                CollectionAssert.AreEqual(new[] { "options.json", "encoder/weights" }, reader.EntryNames.ToArray(), $"trial {trial}");
                opened++;
            }
        }

        Assert.IsLessThan(400, opened, "some flips must hit checked bytes");
    }

    private static byte[] WriteModel(string path)
    {
        using (var writer = new ModelArchiveWriter(path))
        {
            writer.AddJson("options.json", Options);
            writer.AddTensor("encoder/weights", Weights, [10, 30]);
            writer.Commit();
        }

        return File.ReadAllBytes(path);
    }
}
