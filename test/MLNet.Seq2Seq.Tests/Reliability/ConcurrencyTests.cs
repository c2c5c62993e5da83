namespace MLNet.Seq2Seq.Tests.Reliability;

/// <summary>Predicting from many threads and training in parallel give exactly the sequential results.</summary>
[TestClass]
public sealed class ConcurrencyTests
{
    [TestMethod]
    public void EightThreadsOfTenThousandRequestsGetTheSequentialAnswers()
    {
        var context = new MLContext(1);
        var model = TinyCopyModel.Train(context, TinyCopyModel.Pairs(60, 6), TinyCopyModel.Options(epochs: 12));
        string[] questions = [.. TinyCopyModel.Pairs(64, 7).Select(p => p.Source!)];
        string[] expected = TinyCopyModel.Predict(context, model, questions);
        Assert.IsGreaterThan(3, expected.Distinct().Count(), $"the model must answer the questions differently, or a mix-up between threads would go unseen: {string.Join(" ", expected.Distinct())}");
        using var predictor = context.Model.CreateThreadSafePredictor<TinyCopyModel.Question, TinyCopyModel.Answer>(model);
        const int Threads = 8, Requests = 10_000;
        var mismatches = new int[Threads];

        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, thread =>
        {
            for (int request = 0; request < Requests; request++)
            {
                int question = (thread * 31 + request * 7) % questions.Length;
                if (predictor.Predict(new TinyCopyModel.Question { Source = questions[question] }).Prediction != expected[question])
                {
                    mismatches[thread]++;
                }
            }
        });

        CollectionAssert.AreEqual(new int[Threads], mismatches);
    }

    [TestMethod]
    public void TwoTrainingsInParallelGiveTheModelsOfTwoSequentialOnes()
    {
        var first = TinyCopyModel.Pairs(40, 8);
        var second = TinyCopyModel.Pairs(40, 9);
        float[] sequentialFirst = TinyCopyModel.Weights(TinyCopyModel.Train(new MLContext(3), first));
        float[] sequentialSecond = TinyCopyModel.Weights(TinyCopyModel.Train(new MLContext(4), second));

        var parallelFirst = Task.Run(() => TinyCopyModel.Weights(TinyCopyModel.Train(new MLContext(3), first)));
        var parallelSecond = Task.Run(() => TinyCopyModel.Weights(TinyCopyModel.Train(new MLContext(4), second)));
        Task.WaitAll(parallelFirst, parallelSecond);

        CollectionAssert.AreEqual(sequentialFirst, parallelFirst.Result);
        CollectionAssert.AreEqual(sequentialSecond, parallelSecond.Result);
        CollectionAssert.AreNotEqual(sequentialFirst, sequentialSecond);
    }
}
