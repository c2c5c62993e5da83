using FsCheck;
using FsCheck.Fluent;
using MLNet.Seq2Seq.Tests.Pipeline;

namespace MLNet.Seq2Seq.Tests.Text;

[TestClass]
public sealed class TextTransformPropertyTests
{
    private static readonly Gen<string> Words =
        Gen.ArrayOf(Gen.Elements("abcdefghij XYZ+0123456789".ToCharArray())).Select(chars => new string(chars));

    [TestMethod]
    public void TokenizingThenMappingBackIsTheIdentityOnInVocabularyText()
    {
        var ctx = new MLContext();
        var model = ctx.Transforms.Text.MapCharactersToKeys("Keys", "Text")
            .Append(ctx.Transforms.Text.MapKeysToText("Back", "Keys"))
            .Fit(CharacterKeyMappingTests.Texts(ctx, "abcdefghij XYZ+0123456789"));
        using var engine = ctx.Model.CreatePredictionEngine<TextRow, BackText>(model);

        Prop.ForAll(Arb.From(Words), text => engine.Predict(new TextRow { Text = text }).Back == text)
            .QuickCheckThrowOnFailure();
    }

    [TestMethod]
    public void ReversingTwiceIsTheIdentity()
    {
        var ctx = new MLContext();
        var model = ctx.Transforms.Text.MapCharactersToKeys("Keys", "Text")
            .Append(ctx.Transforms.Text.ReverseKeys("Once", "Keys"))
            .Append(ctx.Transforms.Text.ReverseKeys("Twice", "Once"))
            .Fit(CharacterKeyMappingTests.Texts(ctx, "abcdefghij XYZ+0123456789"));
        using var engine = ctx.Model.CreatePredictionEngine<TextRow, TwiceReversed>(model);

        Prop.ForAll(Arb.From(Words), text =>
        {
            TwiceReversed result = engine.Predict(new TextRow { Text = text });
            return result.Twice.SequenceEqual(result.Keys) && result.Once.SequenceEqual(result.Keys.Reverse());
        }).QuickCheckThrowOnFailure();
    }

    private sealed class BackText
    {
        public string Back { get; set; } = string.Empty;
    }

    private sealed class TwiceReversed
    {
        public uint[] Keys { get; set; } = [];

        public uint[] Once { get; set; } = [];

        public uint[] Twice { get; set; } = [];
    }
}
