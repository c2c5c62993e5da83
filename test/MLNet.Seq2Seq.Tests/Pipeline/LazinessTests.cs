using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Seq2Seq.Transforms.Text;

namespace MLNet.Seq2Seq.Tests.Pipeline;

[TestClass]
public sealed class LazinessTests
{
    [TestMethod]
    public void ColumnsNotRequestedAreNotComputed()
    {
        var ctx = new MLContext();
        var options = new CharacterKeyMappingOptions { UnknownCharacterHandling = UnknownCharacterHandling.Error };
        var tokenizer = ctx.Transforms.Text.MapCharactersToKeys("Keys", "Text", options).Fit(ctx.Data.LoadFromEnumerable(PipelineTestData.Words));
        IDataView transformed = tokenizer.Transform(ctx.Data.LoadFromEnumerable(new[] { new TextRow { Text = "zzz" } }));

        Assert.AreEqual(1, PipelineTestData.ReadTexts(ctx, transformed, "Text").Length);
        var error = PipelineTestData.ThrowsInvalidData(() => PipelineTestData.ReadKeys(transformed, "Keys"));
        StringAssert.Contains(error.Message, "'z'");
    }

    [TestMethod]
    public void SameNamedOutputHidesTheInputColumn()
    {
        var ctx = new MLContext();
        var tokenizer = ctx.Transforms.Text.MapCharactersToKeys("Text").Fit(ctx.Data.LoadFromEnumerable(PipelineTestData.Words));

        DataViewSchema schema = tokenizer.GetOutputSchema(ctx.Data.LoadFromEnumerable(PipelineTestData.Words).Schema);

        Assert.AreEqual(3, schema.Count);
        Assert.IsTrue(schema[0].IsHidden);
        Assert.AreEqual(TextDataViewType.Instance, schema[0].Type);
        Assert.IsInstanceOfType<VectorDataViewType>(schema["Text"].Type);
    }

    [TestMethod]
    public void TransformWorksOnDataWithoutColumnsOnlyFittingSaw()
    {
        var ctx = new MLContext();
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
