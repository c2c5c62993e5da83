using MLNet.Seq2Seq.Data;
using MLNet.Seq2Seq.Tests.Pipeline;
using MLNet.Seq2Seq.Transforms.Text;

namespace MLNet.Seq2Seq.Tests.Text;

[TestClass]
public sealed class CharacterTokenizingTests
{
    [TestMethod]
    public void VocabularyIsSpecialKeysThenCharactersInOrdinalOrder()
    {
        var ctx = new Seq2SeqContext();

        var tokenizer = ctx.Transforms.Text.TokenizeIntoCharactersAsKeys("Keys", "Text").Fit(Texts(ctx, "ba", "cab", "B"));
        IDataView output = tokenizer.Transform(Texts(ctx, "ba", "cab", "B"));

        CollectionAssert.AreEqual(new[] { "<pad>", "<unk>", "<s>", "</s>", "B", "a", "b", "c" }, tokenizer.KeyValues.ToArray());
        uint[][] keys = PipelineTestData.ReadKeys(output, "Keys");
        CollectionAssert.AreEqual(new uint[] { 6, 5 }, keys[0]);
        CollectionAssert.AreEqual(new uint[] { 7, 5, 6 }, keys[1]);
        CollectionAssert.AreEqual(new uint[] { 4 }, keys[2]);
        DataViewSchema.Column column = output.Schema["Keys"];
        Assert.AreEqual(new VectorDataViewType(new KeyDataViewType(typeof(uint), 8)), column.Type);
        CollectionAssert.AreEqual(tokenizer.KeyValues.ToArray(), AnnotationUtils.ReadKeyValues(column));
    }

    [TestMethod]
    public void RowOrderDoesNotChangeTheKeys()
    {
        var ctx = new Seq2SeqContext();

        var first = ctx.Transforms.Text.TokenizeIntoCharactersAsKeys("Keys", "Text").Fit(Texts(ctx, "xyz", "abc", "hello"));
        var second = ctx.Transforms.Text.TokenizeIntoCharactersAsKeys("Keys", "Text").Fit(Texts(ctx, "hello", "xyz", "abc"));

        CollectionAssert.AreEqual(first.KeyValues.ToArray(), second.KeyValues.ToArray());
    }

    [TestMethod]
    public void CaseFoldingAppliesToFittingAndTransforming()
    {
        var ctx = new Seq2SeqContext();
        var options = new CharacterTokenizingOptions { CaseFolding = CaseFolding.Lower };

        var tokenizer = ctx.Transforms.Text.TokenizeIntoCharactersAsKeys("Keys", "Text", options).Fit(Texts(ctx, "AbC"));

        CollectionAssert.AreEqual(new[] { "a", "b", "c" }, tokenizer.KeyValues.Skip(SpecialKeys.Count).ToArray());
        CollectionAssert.AreEqual(new uint[] { 6, 5, 4 }, PipelineTestData.ReadKeys(tokenizer.Transform(Texts(ctx, "CBA")), "Keys")[0]);
        var upper = ctx.Transforms.Text.TokenizeIntoCharactersAsKeys("Keys", "Text", new CharacterTokenizingOptions { CaseFolding = CaseFolding.Upper }).Fit(Texts(ctx, "ab"));
        CollectionAssert.AreEqual(new[] { "A", "B" }, upper.KeyValues.Skip(SpecialKeys.Count).ToArray());
    }

    [TestMethod]
    public void MaximumVocabularySizeKeepsTheMostFrequentTiesByOrdinal()
    {
        var ctx = new Seq2SeqContext();
        var options = new CharacterTokenizingOptions { MaximumVocabularySize = SpecialKeys.Count + 2 };

        var tokenizer = ctx.Transforms.Text.TokenizeIntoCharactersAsKeys("Keys", "Text", options).Fit(Texts(ctx, "zzzyyxxw", "w"));

        CollectionAssert.AreEqual(new[] { "w", "z" }, tokenizer.KeyValues.Skip(SpecialKeys.Count).ToArray());
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ctx.Transforms.Text.TokenizeIntoCharactersAsKeys("K", "Text", new CharacterTokenizingOptions { MaximumVocabularySize = 4 }));
    }

    [TestMethod]
    public void UnknownCharactersMapToUnknownAndAreLogged()
    {
        var ctx = new Seq2SeqContext();
        var messages = new List<LoggingEventArgs>();
        ctx.Log += (_, e) => messages.Add(e);
        var tokenizer = ctx.Transforms.Text.TokenizeIntoCharactersAsKeys("Keys", "Text").Fit(Texts(ctx, "ab"));

        uint[][] keys = PipelineTestData.ReadKeys(tokenizer.Transform(Texts(ctx, "ab", "aqqb")), "Keys");

        CollectionAssert.AreEqual(new uint[] { 4, SpecialKeys.Unknown, SpecialKeys.Unknown, 5 }, keys[1]);
        Assert.AreEqual(1, messages.Count);
        Assert.AreEqual(ChannelMessageKind.Warning, messages[0].Kind);
        StringAssert.Contains(messages[0].Message, "row 1");
        StringAssert.Contains(messages[0].Message, "2 character(s)");
    }

    [TestMethod]
    public void UnknownCharacterErrorNamesColumnRowAndCharacter()
    {
        var ctx = new Seq2SeqContext();
        var options = new CharacterTokenizingOptions { UnknownCharacterHandling = UnknownCharacterHandling.Error };
        var tokenizer = ctx.Transforms.Text.TokenizeIntoCharactersAsKeys("Keys", "Text", options).Fit(Texts(ctx, "ab"));

        var error = Assert.ThrowsExactly<InvalidDataException>(() => PipelineTestData.ReadKeys(tokenizer.Transform(Texts(ctx, "ab", "ba", "a!")), "Keys"));

        StringAssert.Contains(error.Message, "'Text'");
        StringAssert.Contains(error.Message, "row 2");
        StringAssert.Contains(error.Message, "'!'");
    }

    [TestMethod]
    public void NullOrEmptyTextGivesAnEmptyVector()
    {
        var ctx = new Seq2SeqContext();
        var tokenizer = ctx.Transforms.Text.TokenizeIntoCharactersAsKeys("Keys", "Text").Fit(Texts(ctx, "ab"));

        uint[][] keys = PipelineTestData.ReadKeys(tokenizer.Transform(ctx.Data.LoadFromEnumerable(new[] { new TextRow { Text = null! }, new TextRow() })), "Keys");

        Assert.AreEqual(0, keys[0].Length);
        Assert.AreEqual(0, keys[1].Length);
    }

    internal static IDataView Texts(Seq2SeqContext ctx, params string[] texts) =>
        ctx.Data.LoadFromEnumerable(texts.Select(t => new TextRow { Text = t }).ToArray());
}
