namespace MLNet.Seq2Seq.Tests.Pipeline;

[TestClass]
public sealed class PredictionEngineTests
{
    [TestMethod]
    public void EnginePredictsOneObjectAtATime()
    {
        var ctx = new MLContext();
        ITransformer model = PipelineTestData.ReversingPipeline(ctx).Fit(ctx.Data.LoadFromEnumerable(PipelineTestData.Words));
        using var engine = ctx.Model.CreatePredictionEngine<TextRow, ReversedPrediction>(model);

        ReversedPrediction king = engine.Predict(new TextRow { Text = "king" });
        ReversedPrediction up = engine.Predict(new TextRow { Text = "up" });

        Assert.AreEqual("gnik", king.Reversed);
        Assert.AreEqual(4, king.PaddedLength);
        Assert.AreEqual(6, king.PaddedKeys.Length);
        Assert.AreEqual("pu", up.Reversed);
        Assert.AreEqual(2, up.PaddedLength);
    }

    [TestMethod]
    public void PredictIntoAnExistingObject()
    {
        var ctx = new MLContext();
        ITransformer model = PipelineTestData.ReversingPipeline(ctx).Fit(ctx.Data.LoadFromEnumerable(PipelineTestData.Words));
        using var engine = ctx.Model.CreatePredictionEngine<TextRow, ReversedPrediction>(model);
        var prediction = new ReversedPrediction();
        ReversedPrediction same = prediction;

        engine.Predict(new TextRow { Text = "man" }, ref prediction);

        Assert.AreSame(same, prediction);
        Assert.AreEqual("nam", prediction.Reversed);
    }

    [TestMethod]
    public void EngineNamesAnInputColumnTheSourceClassLacks()
    {
        var ctx = new MLContext();
        ITransformer model = PipelineTestData.ReversingPipeline(ctx).Fit(ctx.Data.LoadFromEnumerable(PipelineTestData.Words));

        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ctx.Model.CreatePredictionEngine<Data.SourceRow, ReversedPrediction>(model));

        StringAssert.Contains(error.Message, "'Text'");
        StringAssert.Contains(error.Message, "String");
    }

    [TestMethod]
    public void DisposingAnEngineLeavesTheSharedModelUsable()
    {
        var ctx = new MLContext();
        ITransformer model = PipelineTestData.ReversingPipeline(ctx).Fit(ctx.Data.LoadFromEnumerable(PipelineTestData.Words));

        ctx.Model.CreatePredictionEngine<TextRow, ReversedPrediction>(model).Dispose();
        using var second = ctx.Model.CreatePredictionEngine<TextRow, ReversedPrediction>(model);

        Assert.AreEqual("nam", second.Predict(new TextRow { Text = "man" }).Reversed);
    }

    [TestMethod]
    public void ThreadSafePredictorServesManyThreadsFromAPoolOfEngines()
    {
        var ctx = new MLContext();
        ITransformer model = PipelineTestData.ReversingPipeline(ctx).Fit(ctx.Data.LoadFromEnumerable(PipelineTestData.Words));
        string[] inputs = ["man", "king", "up", "nuk", "pig", "a"];
        using var predictor = ctx.Model.CreateThreadSafePredictor<TextRow, ReversedPrediction>(model);
        const int Workers = 4;

        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = Workers }, i =>
        {
            string input = inputs[i % inputs.Length];
            string expected = new(input.Reverse().ToArray());
            string actual = predictor.Predict(new TextRow { Text = input }).Reversed;
            if (actual != expected)
            {
                failures.Add($"{input}: {actual}");
            }
        });

        Assert.IsEmpty(failures);
        Assert.IsTrue(predictor.CreatedEngineCount is >= 1 and <= Workers + 1, $"engines: {predictor.CreatedEngineCount}");
    }

    [TestMethod]
    public void ThreadSafePredictorRefusesWorkAfterDispose()
    {
        var ctx = new MLContext();
        ITransformer model = PipelineTestData.ReversingPipeline(ctx).Fit(ctx.Data.LoadFromEnumerable(PipelineTestData.Words));
        var predictor = ctx.Model.CreateThreadSafePredictor<TextRow, ReversedPrediction>(model);

        predictor.Dispose();

        Assert.ThrowsExactly<ObjectDisposedException>(() => predictor.Predict(new TextRow { Text = "man" }));
    }
}
