using System.Diagnostics;
using MLNet.Seq2Seq.Trainers;

namespace MLNet.Seq2Seq.Tests.Trainers;

/// <summary>The attention decoder learns a small generated date-normalization task through the character pipeline.</summary>
[TestClass]
public sealed class AttentionDateTests
{
    public sealed class AttendedAnswer
    {
        public string Source { get; set; } = "";

        public string Prediction { get; set; } = "";

        public float[] Attention { get; set; } = [];
    }

    private const int TrainCount = 3000, TestCount = 500;
    private static MLContext? context;
    private static ITransformer? model;
    private static IDataView? test;
    private static TimeSpan trainingTime;

    [ClassInitialize]
    public static void TrainOnce(TestContext _)
    {
        context = new MLContext(seed: 1);
        var all = DateData.Generate(TrainCount + TestCount, 7).Select(p => new Pair { Source = p.Source, Target = p.Target }).ToArray();
        var train = context.Data.LoadFromEnumerable(all.Take(TrainCount));
        test = context.Data.LoadFromEnumerable(all.Skip(TrainCount));
        var options = new CharacterSeq2SeqOptions
        {
            ReverseSource = false,
            Trainer = new LstmEncoderDecoderOptions
            {
                Decoder = DecoderForm.Attention, Attention = AttentionScoring.General, InputFeeding = true,
                EmbeddingSize = 16, HiddenSize = 64, Epochs = 8, BatchSize = 32, LearningRate = 0.005f, Threads = 2, Seed = 1,
            },
        };
        var clock = Stopwatch.StartNew();
        model = context.Seq2Seq.CharacterSeq2Seq("Source", "Target", options).Fit(train);
        trainingTime = clock.Elapsed;
    }

    [TestMethod]
    public void LearnsHeldOutDatesAboveNinetyEightPercent()
    {
        var metrics = context!.Seq2Seq.Evaluate(model!.Transform(test!), "Target", "Prediction");
        Console.WriteLine($"held-out exact match {metrics.ExactMatch:P2}, character accuracy {metrics.CharacterAccuracy:P2}, trained in {trainingTime.TotalSeconds:F1} s");
        Assert.AreEqual(TestCount, metrics.Count);
        // Deterministic for this seed (100.00 % measured after 8 epochs; 99.80 % and 95.40 % for seeds 7 and 42). After
        // 6 epochs the result still swung by points with ulp-level changes to the arithmetic (97.2-99.8 % for this seed,
        // 95.2 % for seed 42), and a learning rate of 0.01 plateaued near 93 % for most seeds.
        Assert.IsGreaterThanOrEqualTo(0.98, metrics.ExactMatch);
    }

    [TestMethod]
    public void PredictionsCarryOneAttentionRowPerPredictedCharacterOverTheSource()
    {
        var answers = context!.Data.CreateEnumerable<AttendedAnswer>(model!.Transform(test!), reuseRowObject: false).Take(50).ToArray();
        foreach (var answer in answers)
        {
            int sourceLength = answer.Source.Length;
            Assert.HasCount(answer.Prediction.Length * sourceLength, answer.Attention, answer.Source);
            for (int i = 0; i < answer.Prediction.Length; i++)
            {
                var row = answer.Attention.AsSpan(i * sourceLength, sourceLength);
                Assert.AreEqual(1f, System.Numerics.Tensors.TensorPrimitives.Sum(row), 1e-4f, answer.Source);
                Assert.IsTrue(row.ToArray().All(w => w >= 0f), answer.Source);
            }
        }
    }

    [TestMethod]
    public void SavedAttentionModelPredictsTheSameKeysAndWeights()
    {
        string path = Path.Combine(Path.GetTempPath(), $"dates-{Guid.NewGuid():N}.zip");
        try
        {
            context!.Model.Save(model!, test!.Schema, path);
            var loaded = context.Model.Load(path, out _);
            var before = context.Data.CreateEnumerable<AttendedAnswer>(model!.Transform(test), reuseRowObject: false).Take(20).ToArray();
            var after = context.Data.CreateEnumerable<AttendedAnswer>(loaded.Transform(test), reuseRowObject: false).Take(20).ToArray();
            for (int i = 0; i < before.Length; i++)
            {
                Assert.AreEqual(before[i].Prediction, after[i].Prediction);
                CollectionAssert.AreEqual(before[i].Attention, after[i].Attention);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
