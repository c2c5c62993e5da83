using MLNet.Seq2Seq.Data;
using MLNet.Seq2Seq.Tests.Pipeline;
using MLNet.Seq2Seq.Transforms.Text;

namespace MLNet.Seq2Seq.Tests.Text;

[TestClass]
public sealed class KeyTransformTests
{
    [TestMethod]
    public void PaddingToAFixedLengthTruncatesAndReportsTrueLengths()
    {
        var ctx = new Seq2SeqContext();
        IDataView tokens = Tokenized(ctx, out _, "abc", "a", "abcdef");

        IDataView padded = ctx.Transforms.Text.PadOrTruncateKeys("Padded", "Keys", new KeyPaddingOptions { Length = 4 }).Fit(tokens).Transform(tokens);

        uint[][] keys = PipelineTestData.ReadKeys(padded, "Padded");
        CollectionAssert.AreEqual(new uint[] { 4, 5, 6, 0 }, keys[0]);
        CollectionAssert.AreEqual(new uint[] { 4, 0, 0, 0 }, keys[1]);
        CollectionAssert.AreEqual(new uint[] { 4, 5, 6, 7 }, keys[2]);
        CollectionAssert.AreEqual(new[] { 3, 1, 4 }, ReadInts(padded, "PaddedLength"));
        Assert.AreEqual(4, ((VectorDataViewType)padded.Schema["Padded"].Type).Size);
        Assert.IsTrue(padded.Schema["Padded"].HasKeyValues());
    }

    [TestMethod]
    public void PaddingLearnsTheLongestLengthAndNamesTheLengthColumn()
    {
        var ctx = new Seq2SeqContext();
        IDataView tokens = Tokenized(ctx, out _, "abc", "a", "ab");

        KeyPaddingTransformer padding = ctx.Transforms.Text.PadOrTruncateKeys("Padded", "Keys", new KeyPaddingOptions { LengthColumnName = "Count" }).Fit(tokens);
        IDataView padded = padding.Transform(tokens);

        Assert.AreEqual(3, padding.Length);
        CollectionAssert.AreEqual(new[] { 3, 1, 2 }, ReadInts(padded, "Count"));
    }

    [TestMethod]
    public void PaddingOverflowErrorNamesColumnAndRow()
    {
        var ctx = new Seq2SeqContext();
        IDataView tokens = Tokenized(ctx, out _, "ab", "abcd");
        var options = new KeyPaddingOptions { Length = 3, OverflowHandling = LengthOverflowHandling.Error };

        IDataView padded = ctx.Transforms.Text.PadOrTruncateKeys("Padded", "Keys", options).Fit(tokens).Transform(tokens);

        var error = Assert.ThrowsExactly<InvalidDataException>(() => PipelineTestData.ReadKeys(padded, "Padded"));
        StringAssert.Contains(error.Message, "'Keys'");
        StringAssert.Contains(error.Message, "row 1");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ctx.Transforms.Text.PadOrTruncateKeys("P", "Keys", new KeyPaddingOptions { Length = 0 }));
    }

    [TestMethod]
    public void ReversingKeepsPaddingAtTheEnd()
    {
        var ctx = new Seq2SeqContext();
        IDataView tokens = Tokenized(ctx, out _, "abc", "ab");
        IDataView padded = ctx.Transforms.Text.PadOrTruncateKeys("Padded", "Keys", new KeyPaddingOptions { Length = 5 }).Fit(tokens).Transform(tokens);

        IDataView reversed = ctx.Transforms.Text.ReverseKeys("Reversed", "Padded").Fit(padded).Transform(padded);

        uint[][] keys = PipelineTestData.ReadKeys(reversed, "Reversed");
        CollectionAssert.AreEqual(new uint[] { 6, 5, 4, 0, 0 }, keys[0]);
        CollectionAssert.AreEqual(new uint[] { 5, 4, 0, 0, 0 }, keys[1]);
        Assert.AreEqual(padded.Schema["Padded"].Type, reversed.Schema["Reversed"].Type);
        Assert.IsTrue(reversed.Schema["Reversed"].HasKeyValues());
    }

    [TestMethod]
    public void KeysMapBackToTextStoppingAtTheEndKey()
    {
        string[] vocabulary = [.. SpecialKeys.Names, "a", "b", "c"];

        Assert.AreEqual("ab", KeyToTextTransformer.Decode([SpecialKeys.Start, 4, 5, SpecialKeys.End, 6, 0], vocabulary));
        Assert.AreEqual("cb", KeyToTextTransformer.Decode([6, SpecialKeys.Padding, 5, 0], vocabulary));
        Assert.AreEqual("a<unk>", KeyToTextTransformer.Decode([4, SpecialKeys.Unknown], vocabulary));
        Assert.AreEqual(string.Empty, KeyToTextTransformer.Decode([SpecialKeys.End, 4], vocabulary));
    }

    [TestMethod]
    public void KeyToTextTransformReadsTheVocabularyFromTheAnnotation()
    {
        var ctx = new Seq2SeqContext();
        IDataView tokens = Tokenized(ctx, out _, "cab", "b");

        IDataView text = ctx.Transforms.Text.MapKeysToText("Back", "Keys").Fit(tokens).Transform(tokens);

        CollectionAssert.AreEqual(new[] { "cab", "b" }, PipelineTestData.ReadTexts(ctx, text, "Back"));
    }

    [TestMethod]
    public void SpecialKeysHaveTheDocumentedValuesAndNames()
    {
        Assert.AreEqual(0u, SpecialKeys.Padding);
        Assert.AreEqual(1u, SpecialKeys.Unknown);
        Assert.AreEqual(2u, SpecialKeys.Start);
        Assert.AreEqual(3u, SpecialKeys.End);
        CollectionAssert.AreEqual(new[] { "<pad>", "<unk>", "<s>", "</s>" }, SpecialKeys.Names.ToArray());
    }

    private static IDataView Tokenized(Seq2SeqContext ctx, out CharacterTokenizingTransformer tokenizer, params string[] texts)
    {
        IDataView data = CharacterTokenizingTests.Texts(ctx, texts);
        tokenizer = ctx.Transforms.Text.TokenizeIntoCharactersAsKeys("Keys", "Text").Fit(CharacterTokenizingTests.Texts(ctx, "abcdef"));
        return tokenizer.Transform(data);
    }

    private static int[] ReadInts(IDataView data, string column)
    {
        DataViewSchema.Column lengthColumn = data.Schema[column];
        using DataViewRowCursor cursor = data.GetRowCursor([lengthColumn]);
        ValueGetter<int> getter = cursor.GetGetter<int>(lengthColumn);
        var values = new List<int>();
        int value = 0;
        while (cursor.MoveNext())
        {
            getter(ref value);
            values.Add(value);
        }

        return [.. values];
    }
}
