using System.Text.Json.Nodes;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Seq2Seq.Engine.Models;
using MLNet.Seq2Seq.Persistence;
using MLNet.Seq2Seq.Tests.Persistence;
using MLNet.Seq2Seq.Trainers;

namespace MLNet.Seq2Seq.Tests.Trainers;

/// <summary>The Bidirectional and Cell options through the trainer, the model file and validation.</summary>
[TestClass]
public sealed class EncoderOptionsTests
{
    private static readonly Pair[] Pairs =
    [
        new() { Source = "man", Target = "woman" }, new() { Source = "black", Target = "white" },
        new() { Source = "king", Target = "queen" }, new() { Source = "girl", Target = "boy" },
    ];

    private static readonly string[] Questions = ["man", "king", "gilr", "x"];

    [TestMethod]
    [DataRow(true, RecurrentCell.Gru)]
    [DataRow(true, RecurrentCell.Lstm)]
    [DataRow(false, RecurrentCell.Gru)]
    public void TrainedModelKeepsItsEncoderOptionsThroughTheModelFile(bool bidirectional, RecurrentCell cell)
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("model.zip");
        var (ctx, model, schema) = Train(new LstmEncoderDecoderOptions { Bidirectional = bidirectional, Cell = cell });
        Assert.AreEqual(bidirectional, ShapeOf(model).Bidirectional);
        Assert.AreEqual(cell, ShapeOf(model).Cell);

        ctx.Model.Save(model, schema, path);
        var loaded = ctx.Model.Load(path, out _);

        Assert.AreEqual(bidirectional, ShapeOf(loaded).Bidirectional);
        Assert.AreEqual(cell, ShapeOf(loaded).Cell);
        string[] before = Predict(ctx, model);
        Assert.IsGreaterThan(1, before.Distinct().Count(), $"the questions' answers must differ, or equal answers would prove little: {string.Join(" | ", before)}");
        CollectionAssert.AreEqual(before, Predict(ctx, loaded));
    }

    [TestMethod]
    public void AnUndefinedCellIsRejectedNamingTheOption()
    {
        var options = new LstmEncoderDecoderOptions { Cell = (RecurrentCell)7 };

        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(options.Validate);

        Assert.AreEqual(nameof(LstmEncoderDecoderOptions.Cell), error.ParamName);
    }

    private static (MLContext Context, ITransformer Model, DataViewSchema Schema) Train(LstmEncoderDecoderOptions trainer)
    {
        var ctx = new MLContext(seed: 4);
        IDataView data = ctx.Data.LoadFromEnumerable(Pairs);
        trainer.HiddenSize = 12;
        trainer.EmbeddingSize = 6;
        trainer.Epochs = 3;
        trainer.BatchSize = 2;
        trainer.Threads = 1;
        var model = ctx.Seq2Seq.CharacterSeq2Seq("Source", "Target", new CharacterSeq2SeqOptions { Trainer = trainer }).Fit(data);
        return (ctx, model, data.Schema);
    }

    private static NetworkShape ShapeOf(ITransformer model) =>
        new MLContext().Seq2Seq.FindSteps(model).OfType<LstmEncoderDecoderTransformer>().Single().Trained.Network.Shape;

    private static string[] Predict(MLContext ctx, ITransformer model)
    {
        using var engine = ctx.Model.CreatePredictionEngine<Question, Answer>(model);
        // The probabilities too: a tiny model may answer alike, but its probabilities still tell the inputs apart.
        return [.. Questions.Select(q => engine.Predict(new Question { Source = q })).Select(a => $"{a.Prediction} {string.Join(",", a.PredictedProbabilities)}")];
    }
}
