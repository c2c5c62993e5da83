using MLNet.Seq2Seq.Data;

namespace MLNet.Seq2Seq.Tests.Data;

[TestClass]
public sealed class EnumerableDataViewTests
{
    [TestMethod]
    public void MembersBecomeTypedColumns()
    {
        IDataView data = new Seq2SeqContext().Data.LoadFromEnumerable(new[] { new AllTypesRow() });

        DataViewSchema schema = data.Schema;

        Assert.AreEqual(TextDataViewType.Instance, schema["Text"].Type);
        Assert.AreEqual(NumberDataViewType.Single, schema["Single"].Type);
        Assert.AreEqual(NumberDataViewType.Double, schema["Double"].Type);
        Assert.AreEqual(NumberDataViewType.Int32, schema["Int32"].Type);
        Assert.AreEqual(NumberDataViewType.UInt32, schema["UInt32"].Type);
        Assert.AreEqual(NumberDataViewType.Int64, schema["Int64"].Type);
        Assert.AreEqual(BooleanDataViewType.Instance, schema["Flag"].Type);
        Assert.AreEqual(new VectorDataViewType(TextDataViewType.Instance), schema["Words"].Type);
        Assert.AreEqual(new VectorDataViewType(NumberDataViewType.Single), schema["Features"].Type);
        Assert.AreEqual(NumberDataViewType.Int32, schema["Renamed"].Type);
        Assert.IsNull(schema.GetColumnOrNull("Original"));
        Assert.IsNull(schema.GetColumnOrNull("Ignored"));
        Assert.AreEqual(1L, data.GetRowCount());
    }

    [TestMethod]
    public void GettersReadTheCurrentObject()
    {
        var rows = new[] { new AllTypesRow { Text = "hi", Words = ["a", "b"], Original = 7 }, new AllTypesRow { Text = "yo" } };
        IDataView data = new Seq2SeqContext().Data.LoadFromEnumerable(rows);
        using DataViewRowCursor cursor = data.GetRowCursor(data.Schema);
        var text = cursor.GetGetter<ReadOnlyMemory<char>>(data.Schema["Text"]);
        var words = cursor.GetGetter<VBuffer<ReadOnlyMemory<char>>>(data.Schema["Words"]);
        var renamed = cursor.GetGetter<int>(data.Schema["Renamed"]);
        ReadOnlyMemory<char> textValue = default;
        VBuffer<ReadOnlyMemory<char>> wordsValue = default;
        int renamedValue = 0;

        Assert.IsTrue(cursor.MoveNext());
        text(ref textValue);
        words(ref wordsValue);
        renamed(ref renamedValue);
        Assert.AreEqual("hi", textValue.ToString());
        CollectionAssert.AreEqual(new[] { "a", "b" }, wordsValue.DenseValues().Select(w => w.ToString()).ToArray());
        Assert.AreEqual(7, renamedValue);
        Assert.AreEqual(0L, cursor.Position);
        Assert.IsTrue(cursor.MoveNext());
        text(ref textValue);
        Assert.AreEqual("yo", textValue.ToString());
        Assert.IsFalse(cursor.MoveNext());
    }

    [TestMethod]
    public void GetterOfTheWrongTypeNamesTheColumnAndTheExpectedType()
    {
        IDataView data = new Seq2SeqContext().Data.LoadFromEnumerable(new[] { new AllTypesRow() });
        using DataViewRowCursor cursor = data.GetRowCursor(data.Schema);

        var error = Assert.ThrowsExactly<InvalidOperationException>(() => cursor.GetGetter<float>(data.Schema["Text"]));

        StringAssert.Contains(error.Message, "'Text'");
        StringAssert.Contains(error.Message, "ReadOnlyMemory<Char>");
    }

    [TestMethod]
    public void InactiveColumnCannotBeRead()
    {
        IDataView data = new Seq2SeqContext().Data.LoadFromEnumerable(new[] { new AllTypesRow() });
        using DataViewRowCursor cursor = data.GetRowCursor([data.Schema["Text"]]);

        Assert.IsFalse(cursor.IsColumnActive(data.Schema["Int32"]));
        var error = Assert.ThrowsExactly<InvalidOperationException>(() => cursor.GetGetter<int>(data.Schema["Int32"]));
        StringAssert.Contains(error.Message, "'Int32'");
    }

    [TestMethod]
    public void CreateEnumerableRoundTripsObjectsAndCanReuseTheRowObject()
    {
        var ctx = new Seq2SeqContext();
        var rows = new[]
        {
            new AllTypesRow { Text = "a", Single = 1.5f, Double = 2.5, Int32 = -3, UInt32 = 4, Int64 = 5, Flag = true, Words = ["x"], Features = [1, 2], Original = 9 },
            new AllTypesRow { Text = "b" },
        };
        IDataView data = ctx.Data.LoadFromEnumerable(rows);

        AllTypesRow[] copies = [.. ctx.Data.CreateEnumerable<AllTypesRow>(data, reuseRowObject: false)];
        List<AllTypesRow> reused = [.. ctx.Data.CreateEnumerable<AllTypesRow>(data, reuseRowObject: true)];

        Assert.AreEqual(2, copies.Length);
        Assert.AreEqual("a", copies[0].Text);
        Assert.AreEqual(1.5f, copies[0].Single);
        Assert.AreEqual(2.5, copies[0].Double);
        Assert.AreEqual(-3, copies[0].Int32);
        Assert.AreEqual(4u, copies[0].UInt32);
        Assert.AreEqual(5L, copies[0].Int64);
        Assert.IsTrue(copies[0].Flag);
        CollectionAssert.AreEqual(new[] { "x" }, copies[0].Words);
        CollectionAssert.AreEqual(new[] { 1f, 2f }, copies[0].Features);
        Assert.AreEqual(9, copies[0].Original);
        Assert.AreSame(reused[0], reused[1]);
    }

    [TestMethod]
    public void CreateEnumerableNamesAMemberWithoutAColumn()
    {
        var ctx = new Seq2SeqContext();
        IDataView data = ctx.Data.LoadFromEnumerable(new[] { new SourceRow() });

        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ctx.Data.CreateEnumerable<PairRow>(data, reuseRowObject: false));

        StringAssert.Contains(error.Message, "'Target'");
    }

    [TestMethod]
    public void TrainTestSplitIsDeterministicForASeedAndPartitionsTheRows()
    {
        var ctx = new Seq2SeqContext();
        IDataView data = ctx.Data.LoadFromEnumerable(Enumerable.Range(0, 200).Select(i => new SourceRow { Source = i.ToString(System.Globalization.CultureInfo.InvariantCulture) }).ToArray());

        string[] Rows(IDataView view) => [.. ctx.Data.CreateEnumerable<SourceRow>(view, reuseRowObject: false).Select(r => r.Source)];
        DataOperationsCatalog.TrainTestData first = ctx.Data.TrainTestSplit(data, testFraction: 0.25, seed: 42);
        DataOperationsCatalog.TrainTestData second = new Seq2SeqContext().Data.TrainTestSplit(data, testFraction: 0.25, seed: 42);

        CollectionAssert.AreEqual(Rows(first.TestSet), Rows(second.TestSet));
        CollectionAssert.AreEqual(Rows(first.TrainSet), Rows(second.TrainSet));
        Assert.AreEqual(200, Rows(first.TrainSet).Length + Rows(first.TestSet).Length);
        Assert.AreEqual(0, Rows(first.TrainSet).Intersect(Rows(first.TestSet)).Count());
        Assert.IsTrue(Rows(first.TestSet).Length is > 25 and < 75, $"test rows: {Rows(first.TestSet).Length}");
    }
}
