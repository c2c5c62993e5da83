using MLNet.Seq2Seq.Tests.Pipeline;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Seq2Seq.Tests.Training;
using MLNet.Seq2Seq.Trainers;

namespace MLNet.Seq2Seq.Tests.Trainers;

[TestClass]
public sealed class CharacterSeq2SeqTests
{
    private static readonly Pair[] WordPairs =
    [
        new() { Source = "man", Target = "woman" }, new() { Source = "black", Target = "white" },
        new() { Source = "king", Target = "queen" }, new() { Source = "girl", Target = "boy" },
        new() { Source = "up", Target = "down" }, new() { Source = "high", Target = "low" },
    ];

    private static ITransformer? additionModel;
    private static IDataView? additionTest;
    private static MLContext? additionContext;

    [ClassInitialize]
    public static void TrainAdditionOnce(TestContext _)
    {
        additionContext = new MLContext(seed: 1);
        var all = AdditionData.Generate(99, 2).Select(p => new Pair { Source = p.Source, Target = p.Target }).ToArray();
        var train = additionContext.Data.LoadFromEnumerable(all.Take(9000));
        additionTest = additionContext.Data.LoadFromEnumerable(all.Skip(9000));
        var options = new CharacterSeq2SeqOptions
        {
            ReverseSource = true,
            Trainer = new LstmEncoderDecoderOptions { Epochs = 10, BatchSize = 64, LearningRate = 0.005f, Decoder = DecoderForm.Peeky, Threads = 2 },
        };
        additionModel = additionContext.Seq2Seq.CharacterSeq2Seq("Source", "Target", options).Fit(train);
    }

    [TestMethod]
    public void PeekyWithReversalReachesNinetyPercentOnHeldOutAddition()
    {
        var metrics = additionContext!.Seq2Seq.Evaluate(additionModel!.Transform(additionTest!), "Target", "Prediction");
        Assert.AreEqual(1000, metrics.Count);
        Assert.IsGreaterThanOrEqualTo(0.9, metrics.ExactMatch);
        Assert.IsGreaterThanOrEqualTo(metrics.ExactMatch, metrics.CharacterAccuracy);
        Assert.IsLessThanOrEqualTo(1 - metrics.ExactMatch, metrics.CharacterErrorRate);
    }

    [TestMethod]
    public void SavedModelPredictsExactlyWhatTheTrainedOneDidWithoutATargetColumn()
    {
        var ctx = additionContext!;
        string path = Path.Combine(Path.GetTempPath(), $"addition-{Guid.NewGuid():N}.zip");
        try
        {
            ctx.Model.Save(additionModel!, additionTest!.Schema, path);
            var loaded = ctx.Model.Load(path, out _);
            using var trained = ctx.Model.CreatePredictionEngine<Question, Answer>(additionModel!);
            using var reloaded = ctx.Model.CreatePredictionEngine<Question, Answer>(loaded);
            foreach (string question in new[] { "57+5", "12+34", "99+99", "0+0", "7+70" })
            {
                var a = trained.Predict(new Question { Source = question });
                var b = reloaded.Predict(new Question { Source = question });
                Assert.AreEqual(a.Prediction, b.Prediction, question);
                CollectionAssert.AreEqual(a.PredictedProbabilities, b.PredictedProbabilities, question);
                Assert.HasCount(a.Prediction.Length, a.PredictedProbabilities);
                Assert.IsTrue(a.PredictedProbabilities.All(p => p is > 0 and <= 1));
            }

            Assert.AreEqual("62", trained.Predict(new Question { Source = "57+5" }).Prediction);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void LearnsTheFirstSeedsWordPairsExactly()
    {
        var ctx = new MLContext(seed: 3);
        var data = ctx.Data.LoadFromEnumerable(WordPairs);
        var options = new CharacterSeq2SeqOptions
        {
            Trainer = new LstmEncoderDecoderOptions { Epochs = 150, BatchSize = 6, LearningRate = 0.01f, HiddenSize = 32, Decoder = DecoderForm.Plain },
        };
        var model = ctx.Seq2Seq.CharacterSeq2Seq("Source", "Target", options).Fit(data);
        var predictions = ctx.Data.CreateEnumerable<Answer>(model.Transform(data), reuseRowObject: false).Select(a => a.Prediction).ToArray();
        CollectionAssert.AreEqual(WordPairs.Select(p => p.Target).ToArray(), predictions);
    }

    [TestMethod]
    public void EveryDecoderFormTrainsThroughThePipeline()
    {
        foreach (var form in Enum.GetValues<DecoderForm>())
        {
            var ctx = new MLContext(seed: 5);
            var data = ctx.Data.LoadFromEnumerable(WordPairs);
            var options = new CharacterSeq2SeqOptions
            {
                Trainer = new LstmEncoderDecoderOptions { Epochs = 150, BatchSize = 6, LearningRate = 0.01f, HiddenSize = 32, Decoder = form, Layers = 2 },
            };
            var model = ctx.Seq2Seq.CharacterSeq2Seq("Source", "Target", options).Fit(data);
            var metrics = ctx.Seq2Seq.Evaluate(model.Transform(data), "Target", "Prediction");
            Assert.IsGreaterThanOrEqualTo(0.8, metrics.CharacterAccuracy, form.ToString());
        }
    }

    [TestMethod]
    public void ValidationKeepsTheBestEpochAndReportsIt()
    {
        var ctx = new MLContext(seed: 3);
        var data = ctx.Data.LoadFromEnumerable(WordPairs);
        var reports = new List<TrainingProgress>();
        var options = new CharacterSeq2SeqOptions
        {
            ValidationData = data,
            Trainer = new LstmEncoderDecoderOptions { Epochs = 40, BatchSize = 6, LearningRate = 0.01f, HiddenSize = 16, Patience = 5, Progress = new SynchronousProgress(reports.Add) },
        };
        var chain = ctx.Seq2Seq.CharacterSeq2Seq("Source", "Target", options).Fit(data);
        var trainer = chain.OfType<LstmEncoderDecoderTransformer>().Single();
        var best = trainer.TrainingHistory.Max(e => e.ValidExactMatch!.Value);
        Assert.AreEqual(best, ctx.Seq2Seq.Evaluate(chain.Transform(data), "Target", "Prediction").ExactMatch, 1e-9);
        Assert.AreEqual(trainer.TrainingHistory.Count, reports.Count(r => r.CompletedEpoch is not null));
        Assert.IsTrue(reports.All(r => r.Loss > 0 && double.IsFinite(r.Loss)));
    }

    /// <summary>Every rule of LstmEncoderDecoderOptions.Validate, each broken alone, at its edge where it has one.</summary>
    [TestMethod]
    [DataRow(nameof(LstmEncoderDecoderOptions.HiddenSize), 0)]
    [DataRow(nameof(LstmEncoderDecoderOptions.EmbeddingSize), -1)]
    [DataRow(nameof(LstmEncoderDecoderOptions.Layers), 0)]
    [DataRow(nameof(LstmEncoderDecoderOptions.Epochs), 0)]
    [DataRow(nameof(LstmEncoderDecoderOptions.BatchSize), 0)]
    [DataRow(nameof(LstmEncoderDecoderOptions.Patience), -1)]
    [DataRow(nameof(LstmEncoderDecoderOptions.Threads), 0)]
    [DataRow(nameof(LstmEncoderDecoderOptions.MaxOutputLength), 0)]
    [DataRow(nameof(LstmEncoderDecoderOptions.Dropout), 1f)]
    [DataRow(nameof(LstmEncoderDecoderOptions.Dropout), -0.1f)]
    [DataRow(nameof(LstmEncoderDecoderOptions.TeacherForcingRatio), 1.5f)]
    [DataRow(nameof(LstmEncoderDecoderOptions.TeacherForcingRatio), float.NaN)]
    [DataRow(nameof(LstmEncoderDecoderOptions.FinalTeacherForcingRatio), -0.01f)]
    [DataRow(nameof(LstmEncoderDecoderOptions.FinalTeacherForcingRatio), 1.01f)]
    [DataRow(nameof(LstmEncoderDecoderOptions.LearningRate), 0f)]
    [DataRow(nameof(LstmEncoderDecoderOptions.LearningRate), float.PositiveInfinity)]
    [DataRow(nameof(LstmEncoderDecoderOptions.GradientClipNorm), -1f)]
    [DataRow(nameof(LstmEncoderDecoderOptions.GradientClipNorm), float.NaN)]
    [DataRow(nameof(LstmEncoderDecoderOptions.GradientClipNorm), float.PositiveInfinity)]
    [DataRow(nameof(LstmEncoderDecoderOptions.Attention), 9)]
    [DataRow(nameof(LstmEncoderDecoderOptions.Cell), 9)]
    [DataRow(nameof(LstmEncoderDecoderOptions.Decoder), 9)]
    [DataRow(nameof(LstmEncoderDecoderOptions.Context), 9)]
    [DataRow(nameof(LstmEncoderDecoderOptions.TeacherForcingDecay), 9)]
    public void AnOutOfRangeOptionIsRejectedWhenTheEstimatorIsBuiltNamingIt(string option, object value)
    {
        var options = new LstmEncoderDecoderOptions();
        var property = typeof(LstmEncoderDecoderOptions).GetProperty(option)!;
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        property.SetValue(options, type.IsEnum ? Enum.ToObject(type, value) : Convert.ChangeType(value, type, System.Globalization.CultureInfo.InvariantCulture));

        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new MLContext().Seq2Seq.Trainers.LstmEncoderDecoder(options));

        Assert.AreEqual(option, error.ParamName);
        StringAssert.Contains(error.Message, option);
    }

    [TestMethod]
    [DataRow(nameof(LstmEncoderDecoderOptions.SourceColumnName))]
    [DataRow(nameof(LstmEncoderDecoderOptions.TargetColumnName))]
    [DataRow(nameof(LstmEncoderDecoderOptions.PredictedColumnName))]
    [DataRow(nameof(LstmEncoderDecoderOptions.ProbabilitiesColumnName))]
    [DataRow(nameof(LstmEncoderDecoderOptions.AttentionColumnName))]
    public void AnEmptyColumnNameIsRejectedWhenTheEstimatorIsBuiltNamingTheOption(string option)
    {
        var options = new LstmEncoderDecoderOptions();
        typeof(LstmEncoderDecoderOptions).GetProperty(option)!.SetValue(options, "");

        var error = Assert.ThrowsExactly<ArgumentException>(() => new MLContext().Seq2Seq.Trainers.LstmEncoderDecoder(options));

        Assert.AreEqual(option, error.ParamName);
    }

    [TestMethod]
    public void TheEdgesOfEveryRangeAreAccepted()
    {
        var options = new LstmEncoderDecoderOptions
        {
            HiddenSize = 1, EmbeddingSize = 1, Layers = 1, Epochs = 1, BatchSize = 1, Patience = 0, Threads = 1, MaxOutputLength = 1,
            Dropout = 0f, TeacherForcingRatio = 0f, FinalTeacherForcingRatio = 1f, GradientClipNorm = 0f, LearningRate = float.Epsilon,
        };

        Assert.IsNotNull(new MLContext().Seq2Seq.Trainers.LstmEncoderDecoder(options));
        options.Dropout = 0.999f;
        options.TeacherForcingRatio = 1f;
        options.FinalTeacherForcingRatio = 0f;
        Assert.IsNotNull(new MLContext().Seq2Seq.Trainers.LstmEncoderDecoder(options));
    }

    [TestMethod]
    public void FitAndGetOutputSchemaNameAMissingOrMistypedColumn()
    {
        var ctx = new MLContext();
        var data = ctx.Data.LoadFromEnumerable(WordPairs);
        var trainer = ctx.Seq2Seq.Trainers.LstmEncoderDecoder(new LstmEncoderDecoderOptions { SourceColumnName = "Source", TargetColumnName = "Target" });
        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => trainer.Fit(data));
        StringAssert.Contains(error.Message, "Source");
        StringAssert.Contains(error.Message, "Key");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => trainer.GetOutputSchema(PipelineTestData.Shape(data.Schema)));
        var missing = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() =>
            ctx.Seq2Seq.CharacterSeq2Seq("Question", "Target").Fit(data));
        StringAssert.Contains(missing.Message, "Question");
    }

    [TestMethod]
    public void ValidationDataWithAnotherVocabularyIsRejectedNamingTheColumn()
    {
        var ctx = new MLContext(seed: 1);
        var text = ctx.Transforms.Text;
        IDataView Tokenized(IEnumerable<Pair> pairs)
        {
            var data = ctx.Data.LoadFromEnumerable(pairs);
            return text.MapCharactersToKeys("SourceKeys", "Source").Append(text.MapCharactersToKeys("TargetKeys", "Target")).Fit(data).Transform(data);
        }

        var trainer = ctx.Seq2Seq.Trainers.LstmEncoderDecoder(new LstmEncoderDecoderOptions
        {
            Epochs = 1,
            HiddenSize = 8,
            ValidationData = Tokenized([new Pair { Source = "xyz", Target = "woman" }]),
        });
        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => trainer.Fit(Tokenized(WordPairs)));
        StringAssert.Contains(error.Message, "'SourceKeys' of the validation data");
    }

    [TestMethod]
    public void EvaluateComputesExactMatchCharacterAccuracyAndErrorRate()
    {
        var ctx = new MLContext();
        var data = ctx.Data.LoadFromEnumerable(new[]
        {
            new Scored { Target = "62", Prediction = "62" },
            new Scored { Target = "100", Prediction = "109" },
            new Scored { Target = "7", Prediction = "" },
        });
        var metrics = ctx.Seq2Seq.Evaluate(data, "Target", "Prediction");
        Assert.AreEqual(3, metrics.Count);
        Assert.AreEqual(1 / 3.0, metrics.ExactMatch, 1e-12);
        Assert.AreEqual(4 / 6.0, metrics.CharacterAccuracy, 1e-12);
        Assert.AreEqual(2 / 6.0, metrics.CharacterErrorRate, 1e-12);
    }

    [TestMethod]
    public void APredictionLongerThanItsReferenceIsNoExactMatchAndItsExtraCharactersAreEdits()
    {
        // Character accuracy counts reference characters matched at their position, so the extra "00" costs nothing
        // there; the edit distance counts both, capped at the reference length.
        var metrics = Evaluate(new Scored { Target = "62", Prediction = "6200" });

        Assert.AreEqual(0.0, metrics.ExactMatch);
        Assert.AreEqual(1.0, metrics.CharacterAccuracy);
        Assert.AreEqual(1.0, metrics.CharacterErrorRate);
        Assert.AreEqual(0.5, Evaluate(new Scored { Target = "62", Prediction = "620" }).CharacterErrorRate, 1e-12);
    }

    [TestMethod]
    public void TheCharacterErrorRateIsCappedAtOne()
    {
        var metrics = Evaluate(new Scored { Target = "1", Prediction = "23456" }, new Scored { Target = "7", Prediction = "7" });

        Assert.AreEqual(1.0, metrics.CharacterErrorRate, "5 edits over 2 reference characters, capped");
        Assert.AreEqual(0.5, metrics.ExactMatch);
        Assert.AreEqual(0.5, metrics.CharacterAccuracy);
    }

    [TestMethod]
    public void EmptyReferencesScoreByWhetherThePredictionIsEmptyToo()
    {
        var allEmpty = Evaluate(new Scored { Target = "", Prediction = "" }, new Scored { Target = "", Prediction = "" });
        var oneWrong = Evaluate(new Scored { Target = "", Prediction = "" }, new Scored { Target = "", Prediction = "x" });
        var mixed = Evaluate(new Scored { Target = "", Prediction = "ab" }, new Scored { Target = "abcd", Prediction = "abcd" });

        Assert.AreEqual((1.0, 1.0, 0.0), (allEmpty.ExactMatch, allEmpty.CharacterAccuracy, allEmpty.CharacterErrorRate));
        Assert.AreEqual((0.5, 0.0, 1.0), (oneWrong.ExactMatch, oneWrong.CharacterAccuracy, oneWrong.CharacterErrorRate));
        Assert.AreEqual((0.5, 1.0, 0.5), (mixed.ExactMatch, mixed.CharacterAccuracy, mixed.CharacterErrorRate));
    }

    [TestMethod]
    public void ZeroRowsAreRefusedNamingBothColumns()
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => Evaluate());

        Assert.AreEqual("data", error.ParamName);
        StringAssert.Contains(error.Message, "no rows");
        StringAssert.Contains(error.Message, "'Prediction' against 'Target'");
    }

    private static Seq2SeqMetrics Evaluate(params Scored[] rows)
    {
        var ctx = new MLContext();
        return ctx.Seq2Seq.Evaluate(ctx.Data.LoadFromEnumerable(rows), "Target", "Prediction");
    }

    public sealed class Scored
    {
        public string Target { get; set; } = "";

        public string Prediction { get; set; } = "";
    }

    private sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
