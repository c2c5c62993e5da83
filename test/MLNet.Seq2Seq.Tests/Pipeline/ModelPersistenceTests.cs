using System.Diagnostics;
using MLNet.Seq2Seq.Tests.Examples;
using MLNet.Seq2Seq.Tests.Persistence;
using MLNet.Seq2Seq.Transforms.Text;

namespace MLNet.Seq2Seq.Tests.Pipeline;

[TestClass]
public sealed class ModelPersistenceTests
{
    private static readonly SourceRow[] Probe = [new() { Source = "King" }, new() { Source = "man?" }, new() { Source = "UP" }, new() { Source = "upupupup" }];

    [TestMethod]
    public void AChainWithBuiltInsBeforeAndAfterOurStepsRoundTripsThroughMlNetsModelFile()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("model.zip");
        var ctx = new MLContext(seed: 1);
        IDataView training = ctx.Data.LoadFromEnumerable(PipelineTestData.Words.Select(w => new SourceRow { Source = w.Text }));
        ITransformer model = ReversingChain(ctx).Fit(training);

        ctx.Model.Save(model, training.Schema, path);
        var loadingContext = new MLContext();
        ITransformer loaded = loadingContext.Model.Load(path, out DataViewSchema inputSchema);

        Assert.AreEqual("Source", inputSchema.Single().Name);
        string[] before = Outputs(ctx, model), after = Outputs(loadingContext, loaded);
        CollectionAssert.AreEqual(new[] { "gnik", "\uFFFDnam", "pu", "pupupupu" }, before);
        CollectionAssert.AreEqual(before, after);
        CollectionAssert.AreEqual(new[] { "g", "n", "i", "k", "", "", "", "" }, loadingContext.Data.CreateEnumerable<CharactersRow>(loaded.Transform(loadingContext.Data.LoadFromEnumerable(Probe)), false).First().Characters);
        CollectionAssert.AreEqual(
            new[] { nameof(CharacterKeyMappingTransformer), nameof(KeyPaddingTransformer), nameof(KeyReversingTransformer), nameof(KeyToTextTransformer) },
            loadingContext.Seq2Seq.FindSteps(loaded).Select(s => s.GetType().Name).ToArray());
    }

    [TestMethod]
    public void AFreshProcessThatOnlyReferencesTheAssemblyServesTheSavedModel()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("model.zip");
        var ctx = new MLContext(seed: 1);
        IDataView training = ctx.Data.LoadFromEnumerable(PipelineTestData.Words.Select(w => new SourceRow { Source = w.Text }));
        ITransformer model = ReversingChain(ctx).Fit(training);
        ctx.Model.Save(model, training.Schema, path);

        string[] printed = RunLoadProbe(path, "Reversed", Probe.Select(p => p.Source));

        CollectionAssert.AreEqual(Outputs(ctx, model), printed);
    }

    [TestMethod]
    public void StreamRoundTripOfOneStepKeepsItsVocabularyAndKeys()
    {
        var ctx = new MLContext();
        IDataView training = ctx.Data.LoadFromEnumerable(PipelineTestData.Words);
        CharacterKeyMappingTransformer mapping = ctx.Transforms.Text.MapCharactersToKeys("Keys", "Text").Fit(training);
        using var stream = new MemoryStream();

        ctx.Model.Save(mapping, training.Schema, stream);
        stream.Position = 0;
        ITransformer loaded = ctx.Model.Load(stream, out _);

        var revived = (CharacterKeyMappingTransformer)ctx.Seq2Seq.FindSteps(loaded).Single();
        CollectionAssert.AreEqual(mapping.Vocabulary.ToArray(), revived.Vocabulary.ToArray());
        IDataView probe = ctx.Data.LoadFromEnumerable(new[] { new TextRow { Text = "kingz" } });
        CollectionAssert.AreEqual(PipelineTestData.ReadKeys(mapping.Transform(probe), "Keys")[0], PipelineTestData.ReadKeys(loaded.Transform(probe), "Keys")[0]);
        Assert.AreEqual(mapping.GetOutputSchema(probe.Schema)["Keys"].Type, loaded.GetOutputSchema(probe.Schema)["Keys"].Type);
    }

    [TestMethod]
    public void LoadModelNamesTheFileOfATruncatedOrForeignModel()
    {
        using var folder = new TemporaryFolder();
        var ctx = new MLContext();
        IDataView training = ctx.Data.LoadFromEnumerable(PipelineTestData.Words.Select(w => new SourceRow { Source = w.Text }));
        string good = folder.File("good.zip"), truncated = folder.File("truncated.zip"), foreign = folder.File("foreign.zip");
        ctx.Model.Save(ReversingChain(ctx).Fit(training), training.Schema, good);
        byte[] bytes = File.ReadAllBytes(good);
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        File.WriteAllText(foreign, "not a model");

        foreach (string path in new[] { truncated, foreign })
        {
            var error = Assert.ThrowsExactly<InvalidDataException>(() => ctx.Seq2Seq.LoadModel(path, out _), path);
            StringAssert.Contains(error.Message, path);
        }

        Assert.ThrowsExactly<FileNotFoundException>(() => ctx.Seq2Seq.LoadModel(folder.File("missing.zip"), out _));
    }

    [TestMethod]
    public void AModelFileOfTheFirstFormatAsksToBeRetrained()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("old.zip");
        using (var writer = new MLNet.Seq2Seq.Persistence.ModelArchiveWriter(path))
        {
            writer.AddJson("pipeline.json", System.Text.Json.Nodes.JsonNode.Parse("""{"inputSchema":[],"isChain":true,"steps":[]}""")!);
            writer.Commit();
        }

        var error = Assert.ThrowsExactly<InvalidDataException>(() => new MLContext().Seq2Seq.LoadModel(path, out _));

        StringAssert.Contains(error.Message, path);
        StringAssert.Contains(error.Message, "retrain");
    }

    /// <summary>NormalizeText (ML.NET) → our four text steps → MapKeyToValue (ML.NET).</summary>
    internal static IEstimator<ITransformer> ReversingChain(MLContext ctx) =>
        ctx.Transforms.Text.NormalizeText("Text", "Source", Microsoft.ML.Transforms.Text.TextNormalizingEstimator.CaseMode.Lower)
            .Append(ctx.Transforms.Text.MapCharactersToKeys("Keys", "Text"))
            .Append(ctx.Transforms.Text.PadOrTruncateKeys("Padded", "Keys", new KeyPaddingOptions { Length = 8 }))
            .Append(ctx.Transforms.Text.ReverseKeys("ReversedKeys", "Padded"))
            .Append(ctx.Transforms.Text.MapKeysToText("Reversed", "ReversedKeys"))
            .Append(ctx.Transforms.Conversion.MapKeyToValue("Characters", "ReversedKeys"));

    /// <summary>Runs the load probe (a console app referencing only ML.NET and our assembly) on <paramref name="model"/>.</summary>
    internal static string[] RunLoadProbe(string model, string column, IEnumerable<string> inputs)
    {
        string probe = RepositoryFolder.BuiltApp("test/MLNet.Seq2Seq.LoadProbe", "MLNet.Seq2Seq.LoadProbe");
        var start = new ProcessStartInfo("dotnet", [probe, model, column]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using Process process = Process.Start(start)!;
        foreach (string input in inputs)
        {
            process.StandardInput.WriteLine(input);
        }

        process.StandardInput.Close();
        string output = process.StandardOutput.ReadToEnd();
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.AreEqual(0, process.ExitCode, errors);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static string[] Outputs(MLContext ctx, ITransformer model) =>
        [.. model.Transform(ctx.Data.LoadFromEnumerable(Probe)).GetColumn<string>("Reversed")];

    internal sealed class SourceRow
    {
        public string Source { get; set; } = "";
    }

    private sealed class CharactersRow
    {
        public string[] Characters { get; set; } = [];
    }
}
