using System.Globalization;
using MLNet.Seq2Seq.Data;
using MLNet.Seq2Seq.Trainers;

namespace MLNet.Seq2Seq.Tests.Trainers;

/// <summary>
/// Runs README.md's training example and checks the README shows exactly this code. It changes the current
/// directory and Console.Out, which are process-wide, so it never runs beside other tests.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class ReadmeExampleTests
{
    [TestMethod]
    public void ReadmeTrainingExampleRunsAndMatchesTheReadme()
    {
        string folder = Directory.CreateTempSubdirectory("readme-example").FullName;
        string previous = Environment.CurrentDirectory;
        var random = new Random(5);
        File.WriteAllLines(Path.Combine(folder, "addition.tsv"), Enumerable.Range(0, 3000).Select(_ =>
        {
            int a = random.Next(50), b = random.Next(50);
            return string.Create(CultureInfo.InvariantCulture, $"{a}+{b}\t{a + b}");
        }));
        Environment.CurrentDirectory = folder;
        var output = new StringWriter();
        var console = Console.Out;
        Console.SetOut(output);
        try
        {
            // --- README example begins ---
            var ctx = new Seq2SeqContext(seed: 1);
            IDataView data = ctx.Data.LoadFromTextFile<Pair>("addition.tsv", separatorChar: '\t');
            var split = ctx.Data.TrainTestSplit(data, testFraction: 0.1);
            var pipeline = ctx.Seq2Seq.CharacterSeq2Seq("Source", "Target", new CharacterSeq2SeqOptions
            {
                ReverseSource = true,
                Trainer = new LstmEncoderDecoderOptions { Decoder = DecoderForm.Peeky, Epochs = 25, LearningRate = 0.005f },
            });
            ITransformer model = pipeline.Fit(split.TrainSet);
            var metrics = ctx.Seq2Seq.Evaluate(model.Transform(split.TestSet), "Target", "Prediction");
            Console.WriteLine($"exact match {metrics.ExactMatch:P1}");
            ctx.Model.Save(model, data.Schema, "addition.zip");
            using var engine = ctx.Model.CreatePredictionEngine<Pair, Answer>(model);
            Console.WriteLine(engine.Predict(new Pair { Source = "57+5" }).Prediction);
            // --- README example ends ---

            Assert.IsGreaterThanOrEqualTo(0.5, metrics.ExactMatch);
            Assert.IsTrue(File.Exists("addition.zip"));
        }
        finally
        {
            Console.SetOut(console);
            Environment.CurrentDirectory = previous;
            Directory.Delete(folder, recursive: true);
        }

        StringAssert.Contains(output.ToString(), "exact match ");
        AssertReadmeShowsThisCode();
    }

    private static void AssertReadmeShowsThisCode()
    {
        static string[] Normalize(IEnumerable<string> lines) => [.. lines.Select(l => l.Trim()).Where(l => l.Length > 0)];
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "README.md")))
        {
            root = Path.GetDirectoryName(root) ?? throw new AssertFailedException("README.md not found above the test output.");
        }

        string[] source = File.ReadAllLines(Path.Combine(root, "test/MLNet.Seq2Seq.Tests/Trainers/ReadmeExampleTests.cs"));
        var code = Normalize(source.SkipWhile(l => !l.Contains("README example begins", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(l => !l.Contains("README example ends", StringComparison.Ordinal)));
        string readme = string.Join('\n', Normalize(File.ReadAllLines(Path.Combine(root, "README.md"))));
        StringAssert.Contains(readme, string.Join('\n', code), "README.md's pipeline example differs from the code this test runs.");
    }

    public sealed class Pair
    {
        [LoadColumn(0)]
        public string Source { get; set; } = "";

        [LoadColumn(1)]
        public string Target { get; set; } = "";
    }

    public sealed class Answer
    {
        public string Prediction { get; set; } = "";
    }
}
