using MLNet.Seq2Seq.Transforms.Text;

namespace MLNet.Seq2Seq.Tests.Pipeline;

[TestClass]
public sealed class SchemaErrorTests
{
    [TestMethod]
    public void TokenizerRejectsANonTextColumnAtFitAndAtGetOutputSchema()
    {
        var ctx = new MLContext();
        IDataView data = ctx.Data.LoadFromEnumerable(new[] { new Data.AllTypesRow() });
        var estimator = ctx.Transforms.Text.MapCharactersToKeys("Keys", "Int32");

        AssertMismatch(() => estimator.Fit(data), "'Int32'", "String");
        AssertMismatch(() => estimator.GetOutputSchema(PipelineTestData.Shape(data.Schema)), "'Int32'", "String");
    }

    [TestMethod]
    public void MissingColumnIsNamedWithTheExpectedType()
    {
        var ctx = new MLContext();
        IDataView data = ctx.Data.LoadFromEnumerable(PipelineTestData.Words);

        AssertMismatch(() => ctx.Transforms.Text.MapCharactersToKeys("Keys", "Source").Fit(data), "'Source'", "String");
        AssertMismatch(() => ctx.Transforms.Text.ReverseKeys("R", "Text").Fit(data), "'Text'", "vector of keys");
    }

    [TestMethod]
    public void KeyTransformsRejectTextAtFitAndAtGetOutputSchema()
    {
        var ctx = new MLContext();
        IDataView data = ctx.Data.LoadFromEnumerable(PipelineTestData.Words);
        SchemaShape shape = PipelineTestData.Shape(data.Schema);
        IEstimator<ITransformer>[] estimators =
        [
            ctx.Transforms.Text.PadOrTruncateKeys("P", "Text"),
            ctx.Transforms.Text.ReverseKeys("R", "Text"),
            ctx.Transforms.Text.MapKeysToText("T", "Text"),
        ];

        foreach (IEstimator<ITransformer> estimator in estimators)
        {
            AssertMismatch(() => estimator.Fit(data), "'Text'", "vector of keys");
            AssertMismatch(() => estimator.GetOutputSchema(shape), "'Text'", "vector of keys");
        }
    }

    [TestMethod]
    public void KeyToTextNeedsKeysWithAVocabulary()
    {
        var ctx = new MLContext();
        IDataView data = ctx.Data.LoadFromEnumerable(new[] { new KeyRow { Keys = [1, 2] } });

        AssertMismatch(() => ctx.Transforms.Text.MapKeysToText("T", "Keys").Fit(data), "'Keys'", "KeyValues");
    }

    [TestMethod]
    public void ChainGetOutputSchemaFollowsTheSteps()
    {
        var ctx = new MLContext();
        SchemaShape input = PipelineTestData.Shape(ctx.Data.LoadFromEnumerable(PipelineTestData.Words).Schema);

        SchemaShape output = PipelineTestData.ReversingPipeline(ctx).GetOutputSchema(input);

        SchemaShape.Column padded = output.Single(c => c.Name == "Padded");
        Assert.AreEqual(SchemaShape.Column.VectorKind.VariableVector, padded.Kind);
        Assert.IsTrue(output.Any(c => c.Name == "PaddedLength"));
        SchemaShape.Column reversed = output.Single(c => c.Name == "Reversed");
        Assert.AreEqual(TextDataViewType.Instance, reversed.ItemType);
        AssertMismatch(
            () => ctx.Transforms.Text.ReverseKeys("R", "Keys").Append(ctx.Transforms.Text.MapKeysToText("T", "R")).GetOutputSchema(input),
            "'Keys'",
            "vector of keys");
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
