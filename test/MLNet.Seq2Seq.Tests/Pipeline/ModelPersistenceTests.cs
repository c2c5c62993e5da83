using System.Text.Json.Nodes;
using MLNet.Seq2Seq.Data;
using MLNet.Seq2Seq.Persistence;
using MLNet.Seq2Seq.Tests.Persistence;
using MLNet.Seq2Seq.Transforms.Text;

namespace MLNet.Seq2Seq.Tests.Pipeline;

[TestClass]
public sealed class ModelPersistenceTests
{
    private static readonly TextRow[] Probe = [new() { Text = "king" }, new() { Text = "man?" }, new() { Text = string.Empty }, new() { Text = "upupupup" }];

    [TestMethod]
    public void SavedChainLoadsBackWithTheSameOutputsAndInputSchema()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("model.zip");
        var ctx = new Seq2SeqContext();
        IDataView training = ctx.Data.LoadFromEnumerable(PipelineTestData.Words);
        var options = new CharacterTokenizingOptions { CaseFolding = CaseFolding.Lower, MaximumVocabularySize = 8 };
        var model = ctx.Transforms.Text.TokenizeIntoCharactersAsKeys("Keys", "Text", options)
            .Append(ctx.Transforms.Text.PadOrTruncateKeys("Padded", "Keys"))
            .Append(ctx.Transforms.Text.ReverseKeys("ReversedKeys", "Padded"))
            .Append(ctx.Transforms.Text.MapKeysToText("Reversed", "ReversedKeys"))
            .Fit(training);

        ctx.Model.Save(model, training.Schema, path);
        var loadingContext = new Seq2SeqContext();
        ITransformer loaded = loadingContext.Model.Load(path, out DataViewSchema inputSchema);

        Assert.AreEqual(1, inputSchema.Count);
        Assert.AreEqual("Text", inputSchema[0].Name);
        Assert.AreEqual(TextDataViewType.Instance, inputSchema[0].Type);
        var chain = (TransformerChain<ITransformer>)loaded;
        Assert.AreEqual(4, chain.Count());
        Assert.IsInstanceOfType<KeyToTextTransformer>(chain.LastTransformer);
        AssertSameOutputs(ctx, model, loadingContext, loaded);
    }

    [TestMethod]
    public void StreamRoundTripAndSingleTransformer()
    {
        var ctx = new Seq2SeqContext();
        IDataView training = ctx.Data.LoadFromEnumerable(PipelineTestData.Words);
        CharacterTokenizingTransformer tokenizer = ctx.Transforms.Text.TokenizeIntoCharactersAsKeys("Keys", "Text").Fit(training);
        using var stream = new MemoryStream();

        ctx.Model.Save(tokenizer, training.Schema, stream);
        stream.Position = 0;
        ITransformer loaded = ctx.Model.Load(stream, out _);

        var loadedTokenizer = (CharacterTokenizingTransformer)loaded;
        CollectionAssert.AreEqual(tokenizer.KeyValues.ToArray(), loadedTokenizer.KeyValues.ToArray());
        IDataView probe = ctx.Data.LoadFromEnumerable(Probe);
        CollectionAssert.AreEqual(
            PipelineTestData.ReadKeys(tokenizer.Transform(probe), "Keys").SelectMany(k => k).ToArray(),
            PipelineTestData.ReadKeys(loaded.Transform(probe), "Keys").SelectMany(k => k).ToArray());
    }

    [TestMethod]
    public void MalformedStepJsonNamesTheFileAndTheEntry()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("bad.zip");
        using (var writer = new ModelArchiveWriter(path))
        {
            writer.AddJson("steps/000/padding.json", JsonNode.Parse("""{"inputColumnName":"Keys","outputColumnName":"P","lengthColumnName":"L","length":"six","overflowHandling":"Truncate"}""")!);
            writer.AddJson(PipelineManifest.EntryName, JsonNode.Parse("""{"inputSchema":[],"isChain":true,"steps":[{"component":"KeyPadding","entryPrefix":"steps/000/"}]}""")!);
            writer.Commit();
        }

        var error = Assert.ThrowsExactly<InvalidDataException>(() => new Seq2SeqContext().Model.Load(path, out _));

        StringAssert.Contains(error.Message, path);
        StringAssert.Contains(error.Message, "steps/000/padding.json");
    }

    [TestMethod]
    public void MissingMemberAndUnknownComponentAreReported()
    {
        using var folder = new TemporaryFolder();
        string missingMember = folder.File("missing.zip");
        using (var writer = new ModelArchiveWriter(missingMember))
        {
            writer.AddJson(PipelineManifest.EntryName, JsonNode.Parse("""{"isChain":true,"steps":[]}""")!);
            writer.Commit();
        }

        string unknown = folder.File("unknown.zip");
        using (var writer = new ModelArchiveWriter(unknown))
        {
            writer.AddJson(PipelineManifest.EntryName, JsonNode.Parse("""{"inputSchema":[],"isChain":true,"steps":[{"component":"System.IO.File","entryPrefix":"steps/000/"}]}""")!);
            writer.Commit();
        }

        var missingError = Assert.ThrowsExactly<InvalidDataException>(() => new Seq2SeqContext().Model.Load(missingMember, out _));
        var unknownError = Assert.ThrowsExactly<InvalidDataException>(() => new Seq2SeqContext().Model.Load(unknown, out _));

        StringAssert.Contains(missingError.Message, "pipeline.json");
        StringAssert.Contains(missingError.Message, missingMember);
        StringAssert.Contains(unknownError.Message, "'System.IO.File'");
        StringAssert.Contains(unknownError.Message, unknown);
    }

    [TestMethod]
    public void InvalidInputColumnTypeOrVocabularyIsReported()
    {
        using var folder = new TemporaryFolder();
        string badType = folder.File("type.zip");
        using (var writer = new ModelArchiveWriter(badType))
        {
            writer.AddJson(PipelineManifest.EntryName, JsonNode.Parse("""{"inputSchema":[{"name":"Text","type":{"kind":"Vector"}}],"isChain":true,"steps":[]}""")!);
            writer.Commit();
        }

        string badVocabulary = folder.File("vocabulary.zip");
        using (var writer = new ModelArchiveWriter(badVocabulary))
        {
            writer.AddJson("steps/000/tokenizer.json", JsonNode.Parse("""{"inputColumnName":"Text","outputColumnName":"Keys","caseFolding":"None","maximumVocabularySize":null,"unknownCharacterHandling":"Error","vocabulary":["<pad>","<unk>","<s>","</s>","ab",null]}""")!);
            writer.AddJson(PipelineManifest.EntryName, JsonNode.Parse("""{"inputSchema":[],"isChain":true,"steps":[{"component":"CharacterTokenizer","entryPrefix":"steps/000/"}]}""")!);
            writer.Commit();
        }

        var typeError = Assert.ThrowsExactly<InvalidDataException>(() => new Seq2SeqContext().Model.Load(badType, out _));
        var vocabularyError = Assert.ThrowsExactly<InvalidDataException>(() => new Seq2SeqContext().Model.Load(badVocabulary, out _));

        StringAssert.Contains(typeError.Message, "'Text'");
        StringAssert.Contains(typeError.Message, "pipeline.json");
        StringAssert.Contains(vocabularyError.Message, "steps/000/tokenizer.json");
        StringAssert.Contains(vocabularyError.Message, badVocabulary);
    }

    [TestMethod]
    public void SavedFileNamesNoDotNetType()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("model.zip");
        var ctx = new Seq2SeqContext();
        IDataView training = ctx.Data.LoadFromEnumerable(PipelineTestData.Words);

        ctx.Model.Save(PipelineTestData.ReversingPipeline(ctx).Fit(training), training.Schema, path);

        using ModelArchiveReader reader = ModelArchiveReader.Open(path);
        string manifest = reader.ReadJson(PipelineManifest.EntryName).ToJsonString();
        Assert.IsFalse(manifest.Contains("MLNet.", StringComparison.Ordinal), manifest);
        StringAssert.Contains(manifest, "CharacterTokenizer");
    }

    private static void AssertSameOutputs(Seq2SeqContext ctx, ITransformer original, Seq2SeqContext loadingContext, ITransformer loaded)
    {
        IDataView probe = ctx.Data.LoadFromEnumerable(Probe);
        IDataView before = original.Transform(probe);
        IDataView after = loaded.Transform(loadingContext.Data.LoadFromEnumerable(Probe));
        CollectionAssert.AreEqual(PipelineTestData.ReadTexts(ctx, before, "Reversed"), PipelineTestData.ReadTexts(loadingContext, after, "Reversed"));
        CollectionAssert.AreEqual(
            PipelineTestData.ReadKeys(before, "Padded").SelectMany(k => k).ToArray(),
            PipelineTestData.ReadKeys(after, "Padded").SelectMany(k => k).ToArray());
        Assert.AreEqual(before.Schema["Padded"].Type, after.Schema["Padded"].Type);
    }
}
