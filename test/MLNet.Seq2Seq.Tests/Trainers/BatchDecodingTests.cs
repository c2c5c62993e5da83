using System.IO.Compression;
using MLNet.Seq2Seq.Decoding;
using MLNet.Seq2Seq.Engine.Models;
using MLNet.Seq2Seq.Tests.Training;
using MLNet.Seq2Seq.Trainers;
using MLNet.Seq2Seq.Training;

namespace MLNet.Seq2Seq.Tests.Trainers;

/// <summary>WithDecodingEngine: Transform decodes blocks of rows together and gives what per-row decoding gives.</summary>
[TestClass]
public sealed class BatchDecodingTests
{
    private static MLContext context = null!;
    private static ITransformer peeky = null!;
    private static ITransformer attention = null!;
    private static IDataView data = null!;

    /// <summary>Every output column a beam-decoding attention model writes.</summary>
    public sealed class Scored
    {
        public string Prediction { get; set; } = "";

        public float[] PredictedProbabilities { get; set; } = [];

        public float[] Attention { get; set; } = [];

        public string[] NBestText { get; set; } = [];

        public float[] NBestScores { get; set; } = [];
    }

    [ClassInitialize]
    public static void TrainOnce(TestContext _)
    {
        context = new MLContext(seed: 1);

        // 23 rows with repeats, so blocks of 7 leave a short last block and some sources occur twice in one block.
        var pairs = AdditionData.Generate(40, 5).Select(p => new Pair { Source = p.Source, Target = p.Target }).ToList();
        data = context.Data.LoadFromEnumerable(pairs.Take(20).Concat(pairs.Take(3)).ToList());
        LstmEncoderDecoderOptions Trainer(DecoderForm form) =>
            new() { Decoder = form, Epochs = 3, BatchSize = 16, HiddenSize = 24, EmbeddingSize = 8, LearningRate = 0.01f, Threads = 2 };
        var training = context.Data.LoadFromEnumerable(pairs);
        peeky = context.Seq2Seq.CharacterSeq2Seq("Source", "Target", new CharacterSeq2SeqOptions { Trainer = Trainer(DecoderForm.Peeky) }).Fit(training);
        attention = context.Seq2Seq.CharacterSeq2Seq("Source", "Target", new CharacterSeq2SeqOptions { Trainer = Trainer(DecoderForm.Attention) }).Fit(training);
    }

    [TestMethod]
    [DataRow(false, 1, DisplayName = "peeky, greedy")]
    [DataRow(false, 4, DisplayName = "peeky, beam 4")]
    [DataRow(true, 1, DisplayName = "attention, greedy")]
    [DataRow(true, 3, DisplayName = "attention, beam 3")]
    public void BlocksOnTheManagedEngineGiveThePerRowOutputs(bool withAttention, int beamWidth)
    {
        var model = context.Seq2Seq.WithDecoding(withAttention ? attention : peeky, new DecodingOptions { BeamWidth = beamWidth, NBest = beamWidth });
        var blocks = context.Seq2Seq.WithDecodingEngine(model, Seq2SeqEngine.Managed, batchSize: 7);

        var perRow = Rows(model);
        var together = Rows(blocks);

        Assert.HasCount(23, together);
        for (int i = 0; i < perRow.Length; i++)
        {
            Assert.AreEqual(perRow[i].Prediction, together[i].Prediction, $"row {i}");
            CollectionAssert.AreEqual(perRow[i].PredictedProbabilities, together[i].PredictedProbabilities, $"row {i}");
            CollectionAssert.AreEqual(perRow[i].NBestText, together[i].NBestText, $"row {i}");
            CollectionAssert.AreEqual(perRow[i].NBestScores, together[i].NBestScores, $"row {i}");
            CollectionAssert.AreEqual(perRow[i].Attention, together[i].Attention, $"row {i}");
        }

        Assert.HasCount(beamWidth > 1 ? beamWidth : 0, together[0].NBestText);
        Assert.AreEqual(withAttention, together[0].Attention.Length > 0);
    }

    [TestMethod]
    public void EachBlockIsDecodedInOneEngineCall()
    {
        var engine = new CountingEngine();
        var blocks = context.Seq2Seq.WithDecodingEngine(peeky, engine, batchSize: 7);

        var rows = Rows(blocks);

        Assert.HasCount(23, rows);
        var sources = context.Data.CreateEnumerable<Pair>(data, reuseRowObject: false).Select(p => p.Source).ToArray();
        string calls = string.Join(", ", engine.Calls);

        // At most one call per block of 7 (7, 7, 7, 2 rows), never a row on its own; a source whose result is still
        // waiting for an earlier row (the 3 repeats, when ML.NET reads ahead before it maps) is not decoded again.
        Assert.IsLessThanOrEqualTo(4, engine.Calls.Count, calls);
        Assert.IsTrue(engine.Calls.All(size => size is > 1 and <= 7), calls);
        Assert.IsTrue(engine.Calls.Sum() >= sources.Distinct().Count() && engine.Calls.Sum() <= sources.Length, calls);
    }

    [TestMethod]
    public void OnlyAskingForADecodedColumnDecodes()
    {
        var engine = new CountingEngine();
        var blocks = context.Seq2Seq.WithDecodingEngine(peeky, engine, batchSize: 7);
        var scored = blocks.Transform(data);

        Assert.AreEqual(23, context.Data.CreateEnumerable<Pair>(scored, reuseRowObject: false).Count());
        Assert.IsEmpty(engine.Calls);
    }

    [TestMethod]
    public void PredictionEnginesAndSavedModelsStayOnTheManagedEngine()
    {
        var engine = new CountingEngine();
        var blocks = context.Seq2Seq.WithDecodingEngine(peeky, engine, batchSize: 7);
        using var perRow = context.Model.CreatePredictionEngine<Question, Answer>(peeky);
        using var predictor = context.Model.CreatePredictionEngine<Question, Answer>(blocks);
        Assert.AreEqual(perRow.Predict(new Question { Source = "57+5" }).Prediction, predictor.Predict(new Question { Source = "57+5" }).Prediction);
        Assert.IsEmpty(engine.Calls);

        using var saved = new MemoryStream();
        using var plain = new MemoryStream();
        context.Model.Save(blocks, data.Schema, saved);
        context.Model.Save(peeky, data.Schema, plain);
        var loaded = context.Model.Load(new MemoryStream(saved.ToArray()), out _);
        Assert.IsNull(context.Seq2Seq.FindSteps(loaded).OfType<LstmEncoderDecoderTransformer>().Single().DecodingEngine);
        CollectionAssert.AreEqual(Contents(plain), Contents(saved), "the engine choice is not part of the model file");
    }

    [TestMethod]
    public void TheEngineAndBatchSizeAreShownAndKeptByTheOtherWithMethods()
    {
        var step = context.Seq2Seq.FindSteps(peeky).OfType<LstmEncoderDecoderTransformer>().Single();
        Assert.IsNull(step.DecodingEngine);
        Assert.AreEqual(1, step.DecodingBatchSize);

        var blocks = step.WithDecodingEngine(Seq2SeqEngine.Managed, batchSize: 64).WithDecoding(new DecodingOptions { BeamWidth = 2 }).WithMaxOutputLength(5);

        Assert.AreSame(Seq2SeqEngine.Managed, blocks.DecodingEngine);
        Assert.AreEqual(64, blocks.DecodingBatchSize);
        Assert.AreEqual(2, blocks.Decoding.BeamWidth);
        Assert.AreEqual(5, blocks.MaxOutputLength);
    }

    [TestMethod]
    public void ABatchSizeBelowOneAndAModelWithoutAnEncoderDecoderAreRefused()
    {
        var size = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => context.Seq2Seq.WithDecodingEngine(peeky, Seq2SeqEngine.Managed, batchSize: 0));
        Assert.AreEqual("batchSize", size.ParamName);
        var copy = context.Transforms.CopyColumns("Copy", "Source").Fit(data);
        Assert.ThrowsExactly<ArgumentException>(() => context.Seq2Seq.WithDecodingEngine(copy, Seq2SeqEngine.Managed));
    }

    /// <summary>
    /// What a model zip holds, entry by entry: the bytes, except for ML.NET's binary data views, whose compressed
    /// blocks can differ from one save to the next for the same values, so their rows are compared as text.
    /// </summary>
    private static string[] Contents(MemoryStream model)
    {
        using var zip = new ZipArchive(new MemoryStream(model.ToArray()), ZipArchiveMode.Read);
        return [.. zip.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal).Select(e => $"{e.FullName}: {Content(e)}")];
    }

    private static string Content(ZipArchiveEntry entry)
    {
        using var bytes = new MemoryStream();
        using (Stream stream = entry.Open())
        {
            stream.CopyTo(bytes);
        }

        if (!entry.FullName.EndsWith(".idv", StringComparison.Ordinal))
        {
            return Convert.ToBase64String(bytes.ToArray());
        }

        var rows = context.Data.LoadFromBinary(new BytesSource(bytes.ToArray())).Preview(maxRows: 1000).RowView;
        return string.Join("; ", rows.Select(row => string.Join(", ", row.Values.Select(v => $"{v.Key}={v.Value}"))));
    }

    private static Scored[] Rows(ITransformer model)
    {
        var scored = model.Transform(data);
        bool hasAttention = scored.Schema.GetColumnOrNull("Attention") is not null;
        bool hasNBest = scored.Schema.GetColumnOrNull("NBestText") is not null;
        var text = scored.Schema["Prediction"];
        var probabilities = scored.Schema["PredictedProbabilities"];
        using var cursor = scored.GetRowCursor(scored.Schema);
        var getText = cursor.GetGetter<ReadOnlyMemory<char>>(text);
        var getProbabilities = cursor.GetGetter<VBuffer<float>>(probabilities);
        var getAttention = hasAttention ? cursor.GetGetter<VBuffer<float>>(scored.Schema["Attention"]) : null;
        var getNBest = hasNBest ? cursor.GetGetter<VBuffer<ReadOnlyMemory<char>>>(scored.Schema["NBestText"]) : null;
        var getScores = hasNBest ? cursor.GetGetter<VBuffer<float>>(scored.Schema["NBestScores"]) : null;
        var rows = new List<Scored>();
        ReadOnlyMemory<char> prediction = default;
        VBuffer<float> floats = default;
        VBuffer<ReadOnlyMemory<char>> texts = default;
        while (cursor.MoveNext())
        {
            var row = new Scored();
            getText(ref prediction);
            row.Prediction = prediction.ToString();
            getProbabilities(ref floats);
            row.PredictedProbabilities = floats.DenseValues().ToArray();
            if (getAttention is not null)
            {
                getAttention(ref floats);
                row.Attention = floats.DenseValues().ToArray();
            }

            if (getNBest is not null && getScores is not null)
            {
                getNBest(ref texts);
                row.NBestText = [.. texts.DenseValues().Select(t => t.ToString())];
                getScores(ref floats);
                row.NBestScores = floats.DenseValues().ToArray();
            }

            rows.Add(row);
        }

        return [.. rows];
    }

    /// <summary>One stream of bytes, for ML.NET's binary loader.</summary>
    private sealed class BytesSource(byte[] bytes) : IMultiStreamSource
    {
        public int Count => 1;

        public string? GetPathOrNull(int index) => null;

        public Stream Open(int index) => new MemoryStream(bytes, writable: false);

        public TextReader OpenTextReader(int index) => new StreamReader(Open(index));
    }

    /// <summary>The managed engine's decoding, recording how many sources each batch call got.</summary>
    private sealed class CountingEngine : Seq2SeqEngine
    {
        public List<int> Calls { get; } = [];

        public override string Name => "counting";

        public override string Device => "cpu";

        internal override ITrainingSession StartTraining(Seq2SeqNetwork initial, TrainingSettings settings, int startKey, int endKey, CancellationToken cancellation) =>
            throw new NotSupportedException();

        internal override IDecodingSession StartDecoding(Seq2SeqNetwork network, int startKey, int endKey, int threads) =>
            new Counting(Managed.StartDecoding(network, startKey, endKey, threads), Calls);

        private sealed class Counting(IDecodingSession inner, List<int> calls) : IDecodingSession
        {
            public DecodedSequence[] DecodeGreedy(IReadOnlyList<int[]> sources, int maxOutputLength)
            {
                calls.Add(sources.Count);
                return inner.DecodeGreedy(sources, maxOutputLength);
            }

            public ScoredSequence[][] DecodeBeam(IReadOnlyList<int[]> sources, BeamSettings beam, int maxOutputLength)
            {
                calls.Add(sources.Count);
                return inner.DecodeBeam(sources, beam, maxOutputLength);
            }

            public void Dispose() => inner.Dispose();
        }
    }
}
