using MLNet.Seq2Seq.Transforms.Text;

namespace MLNet.Seq2Seq.Tests.Text;

/// <summary>Runs the example of docs/pipeline-example.md; keep the two identical.</summary>
[TestClass]
public sealed class PipelineExampleTests
{
    [TestMethod]
    public void ReadmePipelineExampleRuns()
    {
        // --- docs/pipeline-example.md begins ---
        var ctx = new Seq2SeqContext(seed: 1);
        IDataView words = ctx.Data.LoadFromEnumerable(new[]
        {
            new Word { Text = "man" }, new Word { Text = "king" }, new Word { Text = "up" },
        });

        var pipeline = ctx.Transforms.Text.TokenizeIntoCharactersAsKeys("Keys", "Text")
            .Append(ctx.Transforms.Text.PadOrTruncateKeys("Padded", "Keys", new KeyPaddingOptions { Length = 8 }))
            .Append(ctx.Transforms.Text.ReverseKeys("ReversedKeys", "Padded"))
            .Append(ctx.Transforms.Text.MapKeysToText("Reversed", "ReversedKeys"));

        ITransformer model = pipeline.Fit(words);
        ctx.Model.Save(model, words.Schema, "reverse.zip");

        ITransformer loaded = ctx.Model.Load("reverse.zip", out DataViewSchema inputSchema);
        using var engine = ctx.Model.CreatePredictionEngine<Word, Reversed>(loaded);
        Reversed result = engine.Predict(new Word { Text = "king" });
        Console.WriteLine($"{result.Text} ({result.PaddedLength} characters)"); // gnik (4 characters)
        // --- docs/pipeline-example.md ends ---

        Assert.AreEqual("gnik", result.Text);
        Assert.AreEqual(4, result.PaddedLength);
        Assert.AreEqual("Text", inputSchema[0].Name);
        File.Delete("reverse.zip");
    }

    // --- docs/pipeline-example.md classes ---
    public sealed class Word
    {
        public string Text { get; set; } = "";
    }

    public sealed class Reversed
    {
        [Seq2Seq.Data.ColumnName("Reversed")]
        public string Text { get; set; } = "";

        public int PaddedLength { get; set; }
    }
}
