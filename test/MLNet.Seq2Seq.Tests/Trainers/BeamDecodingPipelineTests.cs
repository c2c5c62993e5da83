using MLNet.Seq2Seq.Tests.Training;
using MLNet.Seq2Seq.Trainers;

namespace MLNet.Seq2Seq.Tests.Trainers;

[TestClass]
public sealed class BeamDecodingPipelineTests
{
    public sealed class RankedAnswer
    {
        public string Prediction { get; set; } = "";

        public float[] PredictedProbabilities { get; set; } = [];

        public string[] NBestText { get; set; } = [];

        public float[] NBestScores { get; set; } = [];
    }

    private static readonly string[] Questions = ["57+5", "12+34", "29+29", "0+0", "7+20", "3+3", "18+9", "21+14"];
    private static MLContext context = null!;
    private static ITransformer model = null!;
    private static IDataView data = null!;

    [ClassInitialize]
    public static void TrainOnce(TestContext _)
    {
        context = new MLContext(seed: 1);
        data = context.Data.LoadFromEnumerable(AdditionData.Generate(29, 3).Select(p => new Pair { Source = p.Source, Target = p.Target }));
        var options = new CharacterSeq2SeqOptions
        {
            Trainer = new LstmEncoderDecoderOptions { Epochs = 3, BatchSize = 32, HiddenSize = 32, EmbeddingSize = 8, LearningRate = 0.01f, Threads = 2 },
        };
        model = context.Seq2Seq.CharacterSeq2Seq("Source", "Target", options).Fit(data);
    }

    private static DecodingOptions Beam(int width, int nBest) => new() { BeamWidth = width, NBest = nBest, LengthPenalty = 0.6f };

    [TestMethod]
    public void WidthOnePredictsWhatTheDefaultGreedyModelDoesAndAddsNoColumns()
    {
        var widthOne = new MLContext().Seq2Seq.WithDecoding(model, new DecodingOptions { BeamWidth = 1 });
        Assert.IsNull(widthOne.GetOutputSchema(data.Schema).GetColumnOrNull("NBestText"));
        using var greedy = context.Model.CreatePredictionEngine<Question, Answer>(model);
        using var same = context.Model.CreatePredictionEngine<Question, Answer>(widthOne);
        foreach (string question in Questions)
        {
            Assert.AreEqual(greedy.Predict(new Question { Source = question }).Prediction, same.Predict(new Question { Source = question }).Prediction, question);
        }
    }

    [TestMethod]
    public void BeamSearchFillsThePredictionAndTheNBestColumnsThroughAPredictionEngine()
    {
        using var engine = context.Model.CreatePredictionEngine<Question, RankedAnswer>(new MLContext().Seq2Seq.WithDecoding(model, Beam(4, 3)));
        foreach (string question in Questions)
        {
            var answer = engine.Predict(new Question { Source = question });
            Assert.HasCount(3, answer.NBestText, question);
            Assert.HasCount(3, answer.NBestScores, question);
            Assert.AreEqual(answer.NBestText[0], answer.Prediction, question);
            Assert.HasCount(answer.Prediction.Length, answer.PredictedProbabilities, question);
            Assert.AreEqual(3, answer.NBestText.Distinct().Count(), question);
            Assert.IsGreaterThanOrEqualTo(answer.NBestScores[1], answer.NBestScores[0], question);
            Assert.IsGreaterThanOrEqualTo(answer.NBestScores[2], answer.NBestScores[1], question);
            Assert.IsTrue(answer.NBestScores.All(s => s <= 0), question);
        }
    }

    [TestMethod]
    public void ASavedBeamModelLoadsWithItsDecodingOptions()
    {
        var beam = new MLContext().Seq2Seq.WithDecoding(model, Beam(3, 2));
        using var stream = new MemoryStream();
        context.Model.Save(beam, data.Schema, stream);
        stream.Position = 0;
        var loaded = context.Model.Load(stream, out _);
        var encoderDecoder = new MLContext().Seq2Seq.FindSteps(loaded).OfType<LstmEncoderDecoderTransformer>().Single();
        Assert.AreEqual(3, encoderDecoder.Decoding.BeamWidth);
        Assert.AreEqual(2, encoderDecoder.Decoding.NBest);
        Assert.AreEqual(0.6f, encoderDecoder.Decoding.LengthPenalty);
        using var before = context.Model.CreatePredictionEngine<Question, RankedAnswer>(beam);
        using var after = context.Model.CreatePredictionEngine<Question, RankedAnswer>(loaded);
        foreach (string question in Questions)
        {
            var a = before.Predict(new Question { Source = question });
            var b = after.Predict(new Question { Source = question });
            CollectionAssert.AreEqual(a.NBestText, b.NBestText, question);
            CollectionAssert.AreEqual(a.NBestScores, b.NBestScores, question);
        }
    }

    [TestMethod]
    public void CustomOutputColumnNamesNameThePredictedKeysProbabilitiesAndNBestColumns()
    {
        var ctx = new MLContext(seed: 2);
        var text = ctx.Transforms.Text;
        var pipeline = text.MapCharactersToKeys("SourceKeys", "Source").Append(text.MapCharactersToKeys("TargetKeys", "Target"))
            .Append(ctx.Seq2Seq.Trainers.LstmEncoderDecoder(new LstmEncoderDecoderOptions
            {
                Epochs = 1, HiddenSize = 8, EmbeddingSize = 4, Threads = 1, PredictedColumnName = "Answer", ProbabilitiesColumnName = "Confidence",
            }));
        var fitted = pipeline.Fit(data);
        var beam = ctx.Seq2Seq.WithDecoding(fitted, new DecodingOptions { BeamWidth = 3, NBest = 2, NBestTextColumnName = "Ranked", NBestScoresColumnName = "RankedScores" });

        var schema = beam.Transform(data).Schema;
        foreach (string name in new[] { "PredictedKeys", "PredictedProbabilities", "NBestText", "NBestScores" })
        {
            Assert.IsNull(schema.GetColumnOrNull(name), $"no column under the default name {name}");
        }

        Assert.IsInstanceOfType<Microsoft.ML.Data.KeyDataViewType>(((Microsoft.ML.Data.VectorDataViewType)schema["Answer"].Type).ItemType);
        Assert.AreEqual(Microsoft.ML.Data.NumberDataViewType.Single, ((Microsoft.ML.Data.VectorDataViewType)schema["Confidence"].Type).ItemType);
        Assert.AreEqual(Microsoft.ML.Data.TextDataViewType.Instance, ((Microsoft.ML.Data.VectorDataViewType)schema["Ranked"].Type).ItemType);
        Assert.AreEqual(Microsoft.ML.Data.NumberDataViewType.Single, ((Microsoft.ML.Data.VectorDataViewType)schema["RankedScores"].Type).ItemType);
        var rows = ctx.Data.CreateEnumerable<CustomNamedAnswer>(beam.Transform(data), reuseRowObject: false).Take(5).ToArray();
        foreach (var row in rows)
        {
            Assert.HasCount(row.Answer.Length, row.Confidence);
            Assert.HasCount(2, row.Ranked);
            Assert.HasCount(2, row.RankedScores);
        }
    }

    public sealed class CustomNamedAnswer
    {
        public uint[] Answer { get; set; } = [];

        public float[] Confidence { get; set; } = [];

        public string[] Ranked { get; set; } = [];

        public float[] RankedScores { get; set; } = [];
    }

    [TestMethod]
    public void InvalidOptionsAreRejectedByName()
    {
        var tooMany = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new MLContext().Seq2Seq.WithDecoding(model, Beam(2, 3)));
        Assert.AreEqual(nameof(DecodingOptions.NBest), tooMany.ParamName);
        var negative = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new MLContext().Seq2Seq.WithDecoding(model, new DecodingOptions { BeamWidth = 2, LengthPenalty = -1 }));
        Assert.AreEqual(nameof(DecodingOptions.LengthPenalty), negative.ParamName);
        var tokenizerOnly = ((TransformerChain<ITransformer>)model).First();
        Assert.ThrowsExactly<ArgumentException>(() => new MLContext().Seq2Seq.WithDecoding(tokenizerOnly, Beam(2, 1)));
    }
}
