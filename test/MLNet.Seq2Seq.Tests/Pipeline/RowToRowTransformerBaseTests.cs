using MLNet.Seq2Seq.Data;

namespace MLNet.Seq2Seq.Tests.Pipeline;

[TestClass]
public sealed class RowToRowTransformerBaseTests
{
    [TestMethod]
    public void SubclassGettersRunOnlyForRequestedColumnsAndOncePerRow()
    {
        var ctx = new Seq2SeqContext();
        var transformer = new TextLengthTransformer(ctx);
        IDataView output = transformer.Transform(ctx.Data.LoadFromEnumerable(PipelineTestData.Words));

        PipelineTestData.ReadTexts(ctx, output, "Text");
        Assert.AreEqual(0, transformer.Computations);

        DataViewSchema.Column length = output.Schema["Length"];
        using DataViewRowCursor cursor = output.GetRowCursor([length]);
        ValueGetter<int> first = cursor.GetGetter<int>(length);
        ValueGetter<int> second = cursor.GetGetter<int>(length);
        int value = 0;
        Assert.IsTrue(cursor.MoveNext());
        first(ref value);
        second(ref value);
        Assert.AreEqual(3, value);
        Assert.AreEqual(1, transformer.Computations);
    }

    [TestMethod]
    public void SubclassSchemaCheckNamesTheColumnAndTheExpectedType()
    {
        var ctx = new Seq2SeqContext();
        var builder = new DataViewSchema.Builder();
        builder.AddColumn("Text", NumberDataViewType.Single);

        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new TextLengthTransformer(ctx).GetOutputSchema(builder.ToSchema()));

        StringAssert.Contains(error.Message, "'Text'");
        StringAssert.Contains(error.Message, "expected String");
    }

    private sealed class TextLengthTransformer(Seq2SeqContext context) : RowToRowTransformerBase(context)
    {
        public int Computations { get; private set; }

        private protected override IReadOnlyList<OutputColumn> BindOutputColumns(DataViewSchema inputSchema)
        {
            DataViewSchema.Column text = RequireInputColumn(inputSchema, "Text", c => c.Type is TextDataViewType, "String");
            return [OutputColumn.Create<int>("Length", NumberDataViewType.Int32, null, [text], row => CreateGetter(row, text))];
        }

        private ValueGetter<int> CreateGetter(DataViewRow row, DataViewSchema.Column text)
        {
            ValueGetter<ReadOnlyMemory<char>> getText = row.GetGetter<ReadOnlyMemory<char>>(text);
            ReadOnlyMemory<char> value = default;
            return (ref int length) =>
            {
                Computations++;
                getText(ref value);
                length = value.Length;
            };
        }
    }
}
