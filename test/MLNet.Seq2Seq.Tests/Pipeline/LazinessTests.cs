using MLNet.Seq2Seq.Data;
using MLNet.Seq2Seq.Transforms.Text;

namespace MLNet.Seq2Seq.Tests.Pipeline;

[TestClass]
public sealed class LazinessTests
{
    [TestMethod]
    public void TransformComputesNothingUntilTheCursorReachesTheFailingRow()
    {
        var ctx = new Seq2SeqContext();
        var model = PipelineTestData.ReversingPipeline(ctx).Fit(ctx.Data.LoadFromEnumerable(PipelineTestData.Words));
        IDataView source = ctx.Data.LoadFromEnumerable(FailingOnSecondRow());

        IDataView transformed = model.Transform(source);
        DataViewSchema.Column reversed = transformed.Schema["Reversed"];
        using DataViewRowCursor cursor = transformed.GetRowCursor([reversed]);
        ValueGetter<ReadOnlyMemory<char>> getter = cursor.GetGetter<ReadOnlyMemory<char>>(reversed);
        ReadOnlyMemory<char> value = default;

        Assert.IsTrue(cursor.MoveNext());
        getter(ref value);
        Assert.AreEqual("nam", value.ToString());
        var error = Assert.ThrowsExactly<InvalidOperationException>(() => cursor.MoveNext());
        Assert.AreEqual("second row", error.Message);
    }

    [TestMethod]
    public void ColumnsNotRequestedAreNotComputed()
    {
        var ctx = new Seq2SeqContext();
        var options = new CharacterTokenizingOptions { UnknownCharacterHandling = UnknownCharacterHandling.Error };
        var tokenizer = ctx.Transforms.Text.TokenizeIntoCharactersAsKeys("Keys", "Text", options).Fit(ctx.Data.LoadFromEnumerable(PipelineTestData.Words));
        IDataView transformed = tokenizer.Transform(ctx.Data.LoadFromEnumerable(new[] { new TextRow { Text = "zzz" } }));

        Assert.AreEqual(1, PipelineTestData.ReadTexts(ctx, transformed, "Text").Length);
        var error = Assert.ThrowsExactly<InvalidDataException>(() => PipelineTestData.ReadKeys(transformed, "Keys"));
        StringAssert.Contains(error.Message, "'z'");
    }

    [TestMethod]
    public void SameNamedOutputHidesTheInputColumn()
    {
        var ctx = new Seq2SeqContext();
        var tokenizer = ctx.Transforms.Text.TokenizeIntoCharactersAsKeys("Text").Fit(ctx.Data.LoadFromEnumerable(PipelineTestData.Words));

        DataViewSchema schema = tokenizer.GetOutputSchema(ctx.Data.LoadFromEnumerable(PipelineTestData.Words).Schema);

        Assert.AreEqual(2, schema.Count);
        Assert.IsTrue(schema[0].IsHidden);
        Assert.AreEqual(TextDataViewType.Instance, schema[0].Type);
        Assert.IsInstanceOfType<VectorDataViewType>(schema["Text"].Type);
    }

    [TestMethod]
    public void TransformWorksOnDataWithoutColumnsOnlyFittingSaw()
    {
        var ctx = new Seq2SeqContext();
        IDataView training = ctx.Data.LoadFromEnumerable(new[] { new TextPairRow { Text = "up", Target = "down" } });
        var model = PipelineTestData.ReversingPipeline(ctx).Fit(training);

        IDataView transformed = model.Transform(ctx.Data.LoadFromEnumerable(new[] { new TextRow { Text = "pu" } }));

        CollectionAssert.AreEqual(new[] { "up" }, PipelineTestData.ReadTexts(ctx, transformed, "Reversed"));
    }

    private static IEnumerable<TextRow> FailingOnSecondRow()
    {
        yield return new TextRow { Text = "man" };
        throw new InvalidOperationException("second row");
    }
}
