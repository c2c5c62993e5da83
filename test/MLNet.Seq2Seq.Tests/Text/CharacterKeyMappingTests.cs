using MLNet.Seq2Seq.Tests.Pipeline;
using MLNet.Seq2Seq.Transforms.Text;

namespace MLNet.Seq2Seq.Tests.Text;

[TestClass]
public sealed class CharacterKeyMappingTests
{
    private const string Replacement = "\uFFFD";

    [TestMethod]
    public void VocabularyIsCharactersInOrdinalOrderThenTheReplacementCharacterWithOneBasedKeys()
    {
        var ctx = new MLContext();

        var mapping = ctx.Transforms.Text.MapCharactersToKeys("Keys", "Text").Fit(Texts(ctx, "ba", "cab", "B"));
        IDataView output = mapping.Transform(Texts(ctx, "ba", "cab", "B"));

        CollectionAssert.AreEqual(new[] { "B", "a", "b", "c", Replacement }, mapping.Vocabulary.ToArray());
        uint[][] keys = PipelineTestData.ReadKeys(output, "Keys");
        CollectionAssert.AreEqual(new uint[] { 3, 2 }, keys[0]);
        CollectionAssert.AreEqual(new uint[] { 4, 2, 3 }, keys[1]);
        CollectionAssert.AreEqual(new uint[] { 1 }, keys[2]);
        DataViewSchema.Column column = output.Schema["Keys"];
        Assert.AreEqual(new VectorDataViewType(new KeyDataViewType(typeof(uint), 5)), column.Type);
        VBuffer<ReadOnlyMemory<char>> values = default;
        column.GetKeyValues(ref values);
        CollectionAssert.AreEqual(mapping.Vocabulary.ToArray(), values.DenseValues().Select(v => v.ToString()).ToArray());
    }

    [TestMethod]
    public void MlNetMapKeyToValueReadsTheKeys()
    {
        var ctx = new MLContext();
        var pipeline = ctx.Transforms.Text.MapCharactersToKeys("Keys", "Text").Append(ctx.Transforms.Conversion.MapKeyToValue("Characters", "Keys"));

        IDataView output = pipeline.Fit(Texts(ctx, "king")).Transform(Texts(ctx, "gin"));

        var characters = ctx.Data.CreateEnumerable<CharactersRow>(output, reuseRowObject: false).Single().Characters;
        CollectionAssert.AreEqual(new[] { "g", "i", "n" }, characters);
    }

    [TestMethod]
    public void RowOrderDoesNotChangeTheKeys()
    {
        var ctx = new MLContext();

        var first = ctx.Transforms.Text.MapCharactersToKeys("Keys", "Text").Fit(Texts(ctx, "xyz", "abc", "hello"));
        var second = ctx.Transforms.Text.MapCharactersToKeys("Keys", "Text").Fit(Texts(ctx, "hello", "xyz", "abc"));

        CollectionAssert.AreEqual(first.Vocabulary.ToArray(), second.Vocabulary.ToArray());
    }

    [TestMethod]
    public void CaseFoldingAppliesToFittingAndTransforming()
    {
        var ctx = new MLContext();
        var options = new CharacterKeyMappingOptions { CaseFolding = CaseFolding.Lower };

        var mapping = ctx.Transforms.Text.MapCharactersToKeys("Keys", "Text", options).Fit(Texts(ctx, "AbC"));

        CollectionAssert.AreEqual(new[] { "a", "b", "c", Replacement }, mapping.Vocabulary.ToArray());
        CollectionAssert.AreEqual(new uint[] { 3, 2, 1 }, PipelineTestData.ReadKeys(mapping.Transform(Texts(ctx, "CBA")), "Keys")[0]);
        var upper = ctx.Transforms.Text.MapCharactersToKeys("Keys", "Text", new CharacterKeyMappingOptions { CaseFolding = CaseFolding.Upper }).Fit(Texts(ctx, "ab"));
        CollectionAssert.AreEqual(new[] { "A", "B", Replacement }, upper.Vocabulary.ToArray());
    }

    [TestMethod]
    public void MaximumVocabularySizeKeepsTheMostFrequentTiesByOrdinal()
    {
        var ctx = new MLContext();
        var options = new CharacterKeyMappingOptions { MaximumVocabularySize = 3 };

        var mapping = ctx.Transforms.Text.MapCharactersToKeys("Keys", "Text", options).Fit(Texts(ctx, "zzzyyxxw", "w"));

        CollectionAssert.AreEqual(new[] { "w", "z", Replacement }, mapping.Vocabulary.ToArray());
        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ctx.Transforms.Text.MapCharactersToKeys("K", "Text", new CharacterKeyMappingOptions { MaximumVocabularySize = 1 }));
        StringAssert.Contains(error.Message, nameof(CharacterKeyMappingOptions.MaximumVocabularySize));
    }

    [TestMethod]
    public void UnknownCharactersMapToTheReplacementCharacterAndAreCounted()
    {
        var ctx = new MLContext();
        var mapping = ctx.Transforms.Text.MapCharactersToKeys("Keys", "Text").Fit(Texts(ctx, "ab"));

        IDataView output = mapping.Transform(Texts(ctx, "ab", "aqqb"));

        uint[][] keys = PipelineTestData.ReadKeys(output, "Keys");
        CollectionAssert.AreEqual(new uint[] { 1, 3, 3, 2 }, keys[1]);
        Assert.AreEqual("KeysUnknownCount", mapping.UnknownCountColumnName);
        CollectionAssert.AreEqual(new[] { 0, 2 }, output.GetColumn<int>("KeysUnknownCount").ToArray());
    }

    [TestMethod]
    public void TheUnknownCountColumnCanBeNamed()
    {
        var ctx = new MLContext();
        var options = new CharacterKeyMappingOptions { UnknownCountColumnName = "Unseen" };

        IDataView output = ctx.Transforms.Text.MapCharactersToKeys("Keys", "Text", options).Fit(Texts(ctx, "ab")).Transform(Texts(ctx, "abc"));

        CollectionAssert.AreEqual(new[] { 1 }, output.GetColumn<int>("Unseen").ToArray());
        Assert.IsNull(output.Schema.GetColumnOrNull("KeysUnknownCount"));
    }

    [TestMethod]
    public void UnknownCharacterErrorNamesColumnTextAndCharacter()
    {
        var ctx = new MLContext();
        var options = new CharacterKeyMappingOptions { UnknownCharacterHandling = UnknownCharacterHandling.Error };
        var mapping = ctx.Transforms.Text.MapCharactersToKeys("Keys", "Text", options).Fit(Texts(ctx, "ab"));

        var error = PipelineTestData.ThrowsInvalidData(() => PipelineTestData.ReadKeys(mapping.Transform(Texts(ctx, "ab", "ba", "a!")), "Keys"));

        StringAssert.Contains(error.Message, "'Text'");
        StringAssert.Contains(error.Message, "\"a!\"");
        StringAssert.Contains(error.Message, "'!'");
    }

    [TestMethod]
    public void TextsLongerThanTheMaximumAreTruncatedOrRefused()
    {
        var ctx = new MLContext();
        var truncating = ctx.Transforms.Text.MapCharactersToKeys("Keys", "Text", new CharacterKeyMappingOptions { MaximumLength = 2 }).Fit(Texts(ctx, "abc"));
        var refusing = ctx.Transforms.Text.MapCharactersToKeys("Keys", "Text", new CharacterKeyMappingOptions { MaximumLength = 2, LengthOverflowHandling = LengthOverflowHandling.Error }).Fit(Texts(ctx, "abc"));

        CollectionAssert.AreEqual(new uint[] { 3, 2 }, PipelineTestData.ReadKeys(truncating.Transform(Texts(ctx, "cba")), "Keys")[0]);
        var error = PipelineTestData.ThrowsInvalidData(() => PipelineTestData.ReadKeys(refusing.Transform(Texts(ctx, "cba")), "Keys"));
        StringAssert.Contains(error.Message, "'Text'");
        StringAssert.Contains(error.Message, "maximum length 2");
    }

    [TestMethod]
    public void EmptyTextGivesAnEmptyVector()
    {
        var ctx = new MLContext();
        var mapping = ctx.Transforms.Text.MapCharactersToKeys("Keys", "Text").Fit(Texts(ctx, "ab"));

        uint[][] keys = PipelineTestData.ReadKeys(mapping.Transform(ctx.Data.LoadFromEnumerable(new[] { new TextRow { Text = "" } })), "Keys");

        Assert.AreEqual(0, keys[0].Length);
    }

    internal static IDataView Texts(MLContext ctx, params string[] texts) =>
        ctx.Data.LoadFromEnumerable(texts.Select(t => new TextRow { Text = t }).ToArray());

    private sealed class CharactersRow
    {
        public string[] Characters { get; set; } = [];
    }
}
