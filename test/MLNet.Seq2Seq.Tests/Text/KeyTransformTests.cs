using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Seq2Seq.Tests.Pipeline;
using MLNet.Seq2Seq.Transforms.Text;

namespace MLNet.Seq2Seq.Tests.Text;

[TestClass]
public sealed class KeyTransformTests
{
    [TestMethod]
    public void PaddingToAFixedLengthTruncatesAndReportsTrueLengths()
    {
        var ctx = new MLContext();
        IDataView tokens = Tokenized(ctx, out _, "abc", "a", "abcdef");

        IDataView padded = ctx.Transforms.Text.PadOrTruncateKeys("Padded", "Keys", new KeyPaddingOptions { Length = 4 }).Fit(tokens).Transform(tokens);

        uint[][] keys = PipelineTestData.ReadKeys(padded, "Padded");
        CollectionAssert.AreEqual(new uint[] { 1, 2, 3, 0 }, keys[0]);
        CollectionAssert.AreEqual(new uint[] { 1, 0, 0, 0 }, keys[1]);
        CollectionAssert.AreEqual(new uint[] { 1, 2, 3, 4 }, keys[2]);
        CollectionAssert.AreEqual(new[] { 3, 1, 4 }, ReadInts(padded, "PaddedLength"));
        Assert.AreEqual(tokens.Schema["Keys"].Type, padded.Schema["Padded"].Type);
        Assert.IsTrue(padded.Schema["Padded"].HasKeyValues());
    }

    [TestMethod]
    public void PaddingLearnsTheLongestLengthAndNamesTheLengthColumn()
    {
        var ctx = new MLContext();
        IDataView tokens = Tokenized(ctx, out _, "abc", "a", "ab");

        KeyPaddingTransformer padding = ctx.Transforms.Text.PadOrTruncateKeys("Padded", "Keys", new KeyPaddingOptions { LengthColumnName = "Count" }).Fit(tokens);
        IDataView padded = padding.Transform(tokens);

        Assert.AreEqual(3, padding.Length);
        CollectionAssert.AreEqual(new[] { 3, 1, 2 }, ReadInts(padded, "Count"));
    }

    [TestMethod]
    public void PaddingOverflowErrorNamesColumnAndLength()
    {
        var ctx = new MLContext();
        IDataView tokens = Tokenized(ctx, out _, "ab", "abcd");
        var options = new KeyPaddingOptions { Length = 3, OverflowHandling = LengthOverflowHandling.Error };

        IDataView padded = ctx.Transforms.Text.PadOrTruncateKeys("Padded", "Keys", options).Fit(tokens).Transform(tokens);

        var error = PipelineTestData.ThrowsInvalidData(() => PipelineTestData.ReadKeys(padded, "Padded"));
        StringAssert.Contains(error.Message, "'Keys'");
        StringAssert.Contains(error.Message, "4 keys exceed the length 3");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ctx.Transforms.Text.PadOrTruncateKeys("P", "Keys", new KeyPaddingOptions { Length = 0 }));
    }

    [TestMethod]
    public void ReversingKeepsPaddingAtTheEnd()
    {
        var ctx = new MLContext();
        IDataView tokens = Tokenized(ctx, out _, "abc", "ab");
        IDataView padded = ctx.Transforms.Text.PadOrTruncateKeys("Padded", "Keys", new KeyPaddingOptions { Length = 5 }).Fit(tokens).Transform(tokens);

        IDataView reversed = ctx.Transforms.Text.ReverseKeys("Reversed", "Padded").Fit(padded).Transform(padded);

        uint[][] keys = PipelineTestData.ReadKeys(reversed, "Reversed");
        CollectionAssert.AreEqual(new uint[] { 3, 2, 1, 0, 0 }, keys[0]);
        CollectionAssert.AreEqual(new uint[] { 2, 1, 0, 0, 0 }, keys[1]);
        Assert.AreEqual(padded.Schema["Padded"].Type, reversed.Schema["Reversed"].Type);
        Assert.IsTrue(reversed.Schema["Reversed"].HasKeyValues());
    }

    [TestMethod]
    public void KeysMapBackToTextSkippingPaddingAndMissingKeys()
    {
        var ctx = new MLContext();
        IDataView tokens = Tokenized(ctx, out _, "ab");
        IDataView padded = ctx.Transforms.Text.PadOrTruncateKeys("Padded", "Keys", new KeyPaddingOptions { Length = 4 }).Fit(tokens).Transform(tokens);

        IDataView text = ctx.Transforms.Text.MapKeysToText("Back", "Padded", separator: "-").Fit(padded).Transform(padded);

        CollectionAssert.AreEqual(new[] { "a-b" }, PipelineTestData.ReadTexts(ctx, text, "Back"));
    }

    [TestMethod]
    public void KeyStepsRefuseAnInputWhoseVocabularyDiffersFromTheFittedOne()
    {
        var ctx = new MLContext();
        IDataView tokens = Tokenized(ctx, out _, "ab");
        var reverse = ctx.Transforms.Text.ReverseKeys("Reversed", "Keys").Fit(tokens);
        IDataView other = ctx.Transforms.Text.MapCharactersToKeys("Keys", "Text").Fit(CharacterKeyMappingTests.Texts(ctx, "xyz")).Transform(CharacterKeyMappingTests.Texts(ctx, "xy"));

        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => reverse.Transform(other));

        StringAssert.Contains(error.Message, "'Keys'");
        StringAssert.Contains(error.Message, "different vocabulary");
    }

    [TestMethod]
    public void KeyToTextTransformReadsTheVocabularyFromTheAnnotation()
    {
        var ctx = new MLContext();
        IDataView tokens = Tokenized(ctx, out _, "cab", "b");

        IDataView text = ctx.Transforms.Text.MapKeysToText("Back", "Keys").Fit(tokens).Transform(tokens);

        CollectionAssert.AreEqual(new[] { "cab", "b" }, PipelineTestData.ReadTexts(ctx, text, "Back"));
    }

    private static IDataView Tokenized(MLContext ctx, out CharacterKeyMappingTransformer tokenizer, params string[] texts)
    {
        IDataView data = CharacterKeyMappingTests.Texts(ctx, texts);
        tokenizer = ctx.Transforms.Text.MapCharactersToKeys("Keys", "Text").Fit(CharacterKeyMappingTests.Texts(ctx, "abcdef"));
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
