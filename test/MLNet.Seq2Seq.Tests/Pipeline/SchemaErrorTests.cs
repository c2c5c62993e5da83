using MLNet.Seq2Seq.Transforms.Text;

namespace MLNet.Seq2Seq.Tests.Pipeline;

[TestClass]
public sealed class SchemaErrorTests
{
    [TestMethod]
    public void TokenizerRejectsANonTextColumnAtFitAndAtGetOutputSchema()
    {
        var ctx = new Seq2SeqContext();
        IDataView data = ctx.Data.LoadFromEnumerable(new[] { new Data.AllTypesRow() });
        var estimator = ctx.Transforms.Text.TokenizeIntoCharactersAsKeys("Keys", "Int32");

        AssertMismatch(() => estimator.Fit(data), "'Int32'", "String");
        AssertMismatch(() => estimator.GetOutputSchema(SchemaShape.Create(data.Schema)), "'Int32'", "String");
    }

    [TestMethod]
    public void MissingColumnIsNamedWithTheExpectedType()
    {
        var ctx = new Seq2SeqContext();
        IDataView data = ctx.Data.LoadFromEnumerable(PipelineTestData.Words);

        AssertMismatch(() => ctx.Transforms.Text.TokenizeIntoCharactersAsKeys("Keys", "Source").Fit(data), "'Source'", "String");
        AssertMismatch(() => ctx.Transforms.Text.ReverseKeys("R", "Text").Fit(data), "'Text'", "Vector<Key<UInt32>>");
    }

    [TestMethod]
    public void KeyTransformsRejectTextAtFitAndAtGetOutputSchema()
    {
        var ctx = new Seq2SeqContext();
        IDataView data = ctx.Data.LoadFromEnumerable(PipelineTestData.Words);
        SchemaShape shape = SchemaShape.Create(data.Schema);
        IEstimator<ITransformer>[] estimators =
        [
            ctx.Transforms.Text.PadOrTruncateKeys("P", "Text"),
            ctx.Transforms.Text.ReverseKeys("R", "Text"),
            ctx.Transforms.Text.MapKeysToText("T", "Text"),
        ];

        foreach (IEstimator<ITransformer> estimator in estimators)
        {
            AssertMismatch(() => estimator.Fit(data), "'Text'", "Vector<Key<UInt32>>");
            AssertMismatch(() => estimator.GetOutputSchema(shape), "'Text'", "Vector<Key<UInt32>>");
        }
    }

    [TestMethod]
    public void KeyToTextNeedsKeysWithAVocabulary()
    {
        var ctx = new Seq2SeqContext();
        IDataView data = ctx.Data.LoadFromEnumerable(new[] { new KeyRow { Keys = [1, 2] } });

        AssertMismatch(() => ctx.Transforms.Text.MapKeysToText("T", "Keys").Fit(data), "'Keys'", "KeyValues");
    }

    [TestMethod]
    public void ChainGetOutputSchemaFollowsTheSteps()
    {
        var ctx = new Seq2SeqContext();
        SchemaShape input = SchemaShape.Create(ctx.Data.LoadFromEnumerable(PipelineTestData.Words).Schema);

        SchemaShape output = PipelineTestData.ReversingPipeline(ctx).GetOutputSchema(input);

        Assert.IsTrue(output.TryFindColumn("Padded", out SchemaShape.Column padded));
        Assert.AreEqual(SchemaShape.Column.VectorKind.Vector, padded.Kind);
        Assert.IsTrue(output.TryFindColumn("PaddedLength", out _));
        Assert.IsTrue(output.TryFindColumn("Reversed", out SchemaShape.Column reversed));
        Assert.AreEqual(Seq2Seq.Data.TextDataViewType.Instance, reversed.ItemType);
        AssertMismatch(
            () => ctx.Transforms.Text.ReverseKeys("R", "Keys").Append(ctx.Transforms.Text.MapKeysToText("T", "R")).GetOutputSchema(input),
            "'Keys'",
            "Vector<Key<UInt32>>");
    }

    private static void AssertMismatch(Action action, string column, string expectedType)
    {
        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(action);
        StringAssert.Contains(error.Message, column);
        StringAssert.Contains(error.Message, expectedType);
    }

    private sealed class KeyRow
    {
        public uint[] Keys { get; set; } = [];
    }
}
