using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Seq2Seq.Tests.Examples;
using MLNet.Seq2Seq.Transforms.Text;

namespace MLNet.Seq2Seq.Tests.Text;

/// <summary>
/// Runs the text-steps example of README.md and docs/pipeline-example.md, and checks that both show exactly this code.
/// It writes reverse.zip to the current directory, so it never runs beside other tests.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class PipelineExampleTests
{
    [TestMethod]
    public void ReadmePipelineExampleRuns()
    {
        // --- docs/pipeline-example.md begins ---
        var ml = new MLContext(seed: 1);
        IDataView words = ml.Data.LoadFromEnumerable(new[]
        {
            new Word { Text = "man" }, new Word { Text = "king" }, new Word { Text = "up" },
        });

        var pipeline = ml.Transforms.Text.MapCharactersToKeys("Keys", "Text")
            .Append(ml.Transforms.Text.PadOrTruncateKeys("Padded", "Keys", new KeyPaddingOptions { Length = 8 }))
            .Append(ml.Transforms.Text.ReverseKeys("ReversedKeys", "Padded"))
            .Append(ml.Transforms.Text.MapKeysToText("Reversed", "ReversedKeys"));

        ITransformer model = pipeline.Fit(words);
        ml.Model.Save(model, words.Schema, "reverse.zip");

        ITransformer loaded = ml.Model.Load("reverse.zip", out DataViewSchema inputSchema);
        using var engine = ml.Model.CreatePredictionEngine<Word, Reversed>(loaded, inputSchema);
        Reversed result = engine.Predict(new Word { Text = "king" });
        Console.WriteLine($"{result.Text} ({result.PaddedLength} characters)"); // gnik (4 characters)
        Reversed unseen = engine.Predict(new Word { Text = "kings" });
        Console.WriteLine($"{unseen.Text} ({unseen.KeysUnknownCount} unknown)"); // �gnik (1 unknown)
        // --- docs/pipeline-example.md ends ---

        Assert.AreEqual("gnik", result.Text);
        Assert.AreEqual(4, result.PaddedLength);
        Assert.AreEqual(0, result.KeysUnknownCount);
        Assert.AreEqual("\uFFFDgnik", unseen.Text);
        Assert.AreEqual(1, unseen.KeysUnknownCount);
        Assert.AreEqual("Text", inputSchema[0].Name);
        File.Delete("reverse.zip");
        AssertShownIn("README.md");
        AssertShownIn(Path.Combine("docs", "pipeline-example.md"));
    }

    /// <summary>Fails unless <paramref name="document"/> holds this test's example code and classes, ignoring indentation.</summary>
    private static void AssertShownIn(string document)
    {
        static string Normalize(IEnumerable<string> lines) => string.Join('\n', lines.Select(l => l.Trim()).Where(l => l.Length > 0));
        string[] source = File.ReadAllLines(Path.Combine(RepositoryFolder.Root, "test", "MLNet.Seq2Seq.Tests", "Text", "PipelineExampleTests.cs"));
        string Between(string begins, string ends) => Normalize(source.SkipWhile(l => l.Trim() != $"// --- docs/pipeline-example.md {begins} ---").Skip(1)
            .TakeWhile(l => l.Trim() != $"// --- docs/pipeline-example.md {ends} ---"));
        string code = Between("begins", "ends"), classes = Between("classes", "classes end");
        Assert.IsGreaterThan(0, code.Length);
        Assert.IsGreaterThan(0, classes.Length);
        string text = Normalize(File.ReadAllLines(Path.Combine(RepositoryFolder.Root, document)));
        StringAssert.Contains(text, code, $"{document}'s text-steps example differs from the code this test runs.");
        StringAssert.Contains(text, classes, $"{document}'s text-steps classes differ from this test's.");
    }

    // --- docs/pipeline-example.md classes ---
    public sealed class Word
    {
        public string Text { get; set; } = "";
    }

    public sealed class Reversed
    {
        [ColumnName("Reversed")]
        public string Text { get; set; } = "";

        public int PaddedLength { get; set; }

        public int KeysUnknownCount { get; set; }
    }
    // --- docs/pipeline-example.md classes end ---
}
