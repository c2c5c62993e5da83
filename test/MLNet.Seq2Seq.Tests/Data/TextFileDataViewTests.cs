using System.Text;
using MLNet.Seq2Seq.Data;
using MLNet.Seq2Seq.Tests.Persistence;

namespace MLNet.Seq2Seq.Tests.Data;

[TestClass]
public sealed class TextFileDataViewTests
{
    [TestMethod]
    public void LoadsFieldsByIndexSkippingTheHeader()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("pairs.csv");
        File.WriteAllText(path, "source,target\r\nman,woman\r\nking,queen\r\n");
        var ctx = new Seq2SeqContext();

        IDataView data = ctx.Data.LoadFromTextFile<PairRow>(path, separatorChar: ',', hasHeader: true);
        PairRow[] rows = [.. ctx.Data.CreateEnumerable<PairRow>(data, reuseRowObject: false)];

        Assert.AreEqual(2, rows.Length);
        Assert.AreEqual("man", rows[0].Source);
        Assert.AreEqual("woman", rows[0].Target);
        Assert.AreEqual("queen", rows[1].Target);
        Assert.IsNull(data.GetRowCount());
    }

    [TestMethod]
    public void MissingFileNamesThePath()
    {
        string path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.tsv");

        var error = Assert.ThrowsExactly<FileNotFoundException>(() => new Seq2SeqContext().Data.LoadFromTextFile<PairRow>(path));

        StringAssert.Contains(error.Message, path);
    }

    [TestMethod]
    public void WrongFieldCountNamesFileAndLine()
    {
        string message = ReadAndFail("a\tb\nc\td\te\n");

        StringAssert.Contains(message, "line 2");
        StringAssert.Contains(message, "expected 2 fields, found 3");
    }

    [TestMethod]
    public void EmptyLineNamesFileAndLine()
    {
        string message = ReadAndFail("a\tb\n\nc\td\n");

        StringAssert.Contains(message, "line 2");
        StringAssert.Contains(message, "empty");
    }

    [TestMethod]
    public void InvalidUtf8NamesFileAndLine()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("bad.tsv");
        byte[] bytes = [.. Encoding.UTF8.GetBytes("a\tb\nc\t"), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\n")];
        File.WriteAllBytes(path, bytes);
        var ctx = new Seq2SeqContext();

        var error = Assert.ThrowsExactly<InvalidDataException>(() => ctx.Data.CreateEnumerable<PairRow>(ctx.Data.LoadFromTextFile<PairRow>(path), false).ToList());

        StringAssert.Contains(error.Message, path);
        StringAssert.Contains(error.Message, "line 2");
        StringAssert.Contains(error.Message, "UTF-8");
    }

    [TestMethod]
    public void SkipModeSkipsCountsAndLogsBadRows()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("mixed.tsv");
        File.WriteAllText(path, "a\tb\n\nc\td\te\nf\tg\n");
        var ctx = new Seq2SeqContext();
        var warnings = new List<string>();
        ctx.Log += (_, e) =>
        {
            if (e.Kind == ChannelMessageKind.Warning)
            {
                warnings.Add(e.Message);
            }
        };

        IDataView data = ctx.Data.LoadFromTextFile<PairRow>(path, new TextFileLoaderOptions { OnBadRow = BadRowHandling.Skip });
        PairRow[] rows = [.. ctx.Data.CreateEnumerable<PairRow>(data, reuseRowObject: false)];

        CollectionAssert.AreEqual(new[] { "a", "f" }, rows.Select(r => r.Source).ToArray());
        Assert.AreEqual(3, warnings.Count);
        StringAssert.Contains(warnings[0], "line 2");
        StringAssert.Contains(warnings[1], "line 3");
        StringAssert.Contains(warnings[2], "Skipped 2 bad row(s)");
    }

    [TestMethod]
    public void FileIsReadOnlyWhenACursorMoves()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("lazy.tsv");
        File.WriteAllText(path, "a\tb\n");
        var ctx = new Seq2SeqContext();
        IDataView data = ctx.Data.LoadFromTextFile<PairRow>(path);
        File.WriteAllText(path, "x\ty\n");

        Assert.AreEqual("x", ctx.Data.CreateEnumerable<PairRow>(data, reuseRowObject: false).Single().Source);
    }

    private static string ReadAndFail(string content)
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("data.tsv");
        File.WriteAllText(path, content);
        var ctx = new Seq2SeqContext();
        IDataView data = ctx.Data.LoadFromTextFile<PairRow>(path);
        var error = Assert.ThrowsExactly<InvalidDataException>(() => ctx.Data.CreateEnumerable<PairRow>(data, reuseRowObject: false).ToList());
        StringAssert.Contains(error.Message, path);
        return error.Message;
    }
}
