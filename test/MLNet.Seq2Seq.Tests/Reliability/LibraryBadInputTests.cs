using MLNet.Seq2Seq.Tests.Pipeline;
using MLNet.Seq2Seq.Tests.Persistence;
using MLNet.Seq2Seq.Trainers;
using MLNet.Seq2Seq.Transforms.Text;

namespace MLNet.Seq2Seq.Tests.Reliability;

/// <summary>Bad input through the library: null or empty sources, an empty training set, long sources, unknown characters.</summary>
[TestClass]
public sealed class LibraryBadInputTests
{
    [TestMethod]
    [DataRow(null)]
    [DataRow("")]
    public void ANullOrEmptySourceInTrainingIsAnErrorNamingColumnAndRow(string? source)
    {
        var pairs = TinyCopyModel.Pairs(6, 1);
        pairs[3].Source = source;

        var error = PipelineTestData.ThrowsInvalidData(() => TinyCopyModel.Train(new MLContext(1), pairs));

        StringAssert.Contains(error.Message, "Column 'SourceKeys', training row 3");
        StringAssert.Contains(error.Message, "empty");
    }

    [TestMethod]
    public void AnEmptyTrainingSetIsAnError()
    {
        var error = PipelineTestData.ThrowsInvalidData(() => TinyCopyModel.Train(new MLContext(1), []));
        StringAssert.Contains(error.Message, "training data has no rows");
    }

    [TestMethod]
    public void AMissingDataFileIsAnErrorNamingIt()
    {
        string missing = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.tsv");
        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new MLContext(1).Data.LoadFromTextFile<TinyCopyModel.Pair>(missing));
        StringAssert.Contains(error.Message, missing);
    }

    [TestMethod]
    public void ALongSourceIsTruncatedOrRefusedAndTheLimitIsSavedWithTheModel()
    {
        var context = new MLContext(1);
        var options = TinyCopyModel.Options(epochs: 1);
        options.MaxSourceLength = 3;
        var model = TinyCopyModel.Train(context, TinyCopyModel.Pairs(20, 2), options);

        Assert.AreEqual(TinyCopyModel.Predict(context, model, ["abc"])[0], TinyCopyModel.Predict(context, model, ["abcabc"])[0]);

        using var folder = new TemporaryFolder();
        context.Model.Save(model, context.Data.LoadFromEnumerable(TinyCopyModel.Pairs(1, 1)).Schema, folder.File("model.zip"));
        ITransformer loaded = context.Seq2Seq.LoadModel(folder.File("model.zip"), out _);
        var mapping = context.Seq2Seq.FindSteps(loaded).OfType<CharacterKeyMappingTransformer>().Single();
        Assert.AreEqual(3, mapping.MaximumLength);
        var strict = new TransformerChain<ITransformer>([.. ((TransformerChain<ITransformer>)loaded).Select(step => step == mapping ? mapping.WithHandling(null, null, LengthOverflowHandling.Error) : step)]);
        var error = PipelineTestData.ThrowsInvalidData(() => TinyCopyModel.Predict(context, strict, ["abcd"]));
        StringAssert.Contains(error.Message, "Column 'Source': the text \"abcd\" has 4 characters, more than the maximum length 3");
    }

    [TestMethod]
    public void AnInvalidMaximumSourceLengthIsRejectedWhenTheEstimatorIsBuilt()
    {
        var options = TinyCopyModel.Options();
        options.MaxSourceLength = 0;
        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new MLContext(1).Seq2Seq.CharacterSeq2Seq("Source", "Target", options));
        StringAssert.Contains(error.Message, nameof(CharacterSeq2SeqOptions.MaxSourceLength));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() =>
            new MLContext(1).Transforms.Text.MapCharactersToKeys("Keys", "Source", new CharacterKeyMappingOptions { MaximumLength = -1 }));
    }

    [TestMethod]
    public void AnUnknownCharacterIsCountedInItsColumnOrAnErrorNamingTheCharacter()
    {
        var context = new MLContext(1);
        var lenient = TinyCopyModel.Train(context, TinyCopyModel.Pairs(20, 3));
        IDataView predicted = lenient.Transform(context.Data.LoadFromEnumerable(new[] { new TinyCopyModel.Question { Source = "abz" }, new TinyCopyModel.Question { Source = "ab" } }));
        CollectionAssert.AreEqual(new[] { 1, 0 }, predicted.GetColumn<int>("UnknownCharacters").ToArray());

        var options = TinyCopyModel.Options();
        options.UnknownCharacters = UnknownCharacterHandling.Error;
        var strict = TinyCopyModel.Train(context, TinyCopyModel.Pairs(20, 3), options);
        var error = PipelineTestData.ThrowsInvalidData(() => TinyCopyModel.Predict(context, strict, ["abz"]));
        StringAssert.Contains(error.Message, "character 'z'");
    }

    [TestMethod]
    public void ANullOrEmptySourceAtPredictionTimeIsDecodedFromTheEncodersInitialState()
    {
        var context = new MLContext(1);
        var model = TinyCopyModel.Train(context, TinyCopyModel.Pairs(20, 4));
        string[] answers = TinyCopyModel.Predict(context, model, [null!, ""]);
        Assert.AreEqual(answers[0], answers[1]);
        Assert.IsLessThanOrEqualTo(6, answers[0].Length);
    }
}
