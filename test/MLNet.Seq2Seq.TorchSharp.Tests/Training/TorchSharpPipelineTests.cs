using Microsoft.ML;
using MLNet.Seq2Seq.Trainers;
using MLNet.Seq2Seq.Transforms.Text;

namespace MLNet.Seq2Seq.TorchSharp.Tests.Training;

/// <summary>
/// The TorchSharp engine picked through the trainer options: CUDA refused before training where it is missing, and a
/// TorchSharp-trained model saved in the same model file, recording its engine, predicting with the managed engine
/// exactly what libtorch's own greedy decoding predicts on the same weights.
/// </summary>
[TestClass]
public sealed class TorchSharpPipelineTests
{
    private static readonly string[] Words = ["abc", "ba", "cab", "a", "bca", "cc", "acb", "b", "abca", "cb"];

    [TestMethod]
    public void AModelTrainedOnTorchSharpServesWithTheManagedEngineAsLibtorchDecodesIt()
    {
        var ml = new MLContext(seed: 1);
        var pairs = Enumerable.Range(0, 300).Select(i => new Pair { Source = Words[i % Words.Length], Target = Words[i % Words.Length] }).ToArray();
        var options = Options(new TorchSharpEngine("cpu"));
        var fitted = ml.Seq2Seq.CharacterSeq2Seq(nameof(Pair.Source), nameof(Pair.Target), options).Fit(ml.Data.LoadFromEnumerable(pairs));

        string path = Path.Combine(Path.GetTempPath(), $"seq2seq-torch-model-{Guid.NewGuid():N}.zip");
        try
        {
            ml.Model.Save(fitted, null, path);
            var loaded = ml.Seq2Seq.LoadModel(path, out _);
            var steps = ml.Seq2Seq.FindSteps(loaded);
            var encoderDecoder = steps.OfType<LstmEncoderDecoderTransformer>().Single();
            Assert.AreEqual("torchsharp", encoderDecoder.TrainingEngine);
            Assert.AreEqual("cpu", encoderDecoder.TrainingDevice);

            using var predictor = ml.Model.CreatePredictionEngine<Question, Answer>(loaded);
            string[] managed = [.. Words.Select(w => predictor.Predict(new Question { Source = w }).Prediction)];

            var vocabulary = steps.OfType<CharacterKeyMappingTransformer>().Single().Vocabulary;
            var trained = encoderDecoder.Trained;
            int[][] sources = [.. Words.Select(w => w.Select(c => vocabulary.ToList().IndexOf(c.ToString()) + 1 + KeySequences.SourceOffset).ToArray())];
            using var torch = new TorchSeq2SeqModel(trained.Network.Shape);
            torch.LoadParameters(trained.Network.Parameters.Values);
            string[] libtorch = [.. torch.DecodeGreedy(sources, KeySequences.Start, KeySequences.End, trained.MaxOutputLength)
                .Select(d => string.Concat(d.Keys.Select(k => trained.TargetVocabulary[KeySequences.TargetKey(k) - 1])))];

            CollectionAssert.AreEqual(libtorch, managed);
            Assert.IsGreaterThanOrEqualTo(8, managed.Zip(Words).Count(p => p.First == p.Second), string.Join(",", managed));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    [DataRow("cuda")]
    [DataRow("cuda:0")]
    public void CudaWhereItIsMissingFailsBeforeTrainingNamingTheDevice(string device)
    {
        if (global::TorchSharp.torch.cuda.is_available())
        {
            Assert.Inconclusive("CUDA is available here.");
        }

        var ml = new MLContext(seed: 1);
        var progress = 0;
        var options = Options(new TorchSharpEngine(device));
        options.Trainer.Progress = new Counter(() => progress++);
        var data = ml.Data.LoadFromEnumerable(Words.Select(w => new Pair { Source = w, Target = w }));
        var error = Assert.ThrowsExactly<InvalidOperationException>(() =>
            ml.Seq2Seq.CharacterSeq2Seq(nameof(Pair.Source), nameof(Pair.Target), options).Fit(data));
        StringAssert.Contains(error.Message, $"'{device}'");
        StringAssert.Contains(error.Message, "CUDA is not available");
        Assert.AreEqual(0, progress);
    }

    [TestMethod]
    public void AManagedModelRecordsTheManagedEngine()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Words.Select(w => new Pair { Source = w, Target = w }));
        var fitted = ml.Seq2Seq.CharacterSeq2Seq(nameof(Pair.Source), nameof(Pair.Target), Options(Seq2SeqEngine.Managed, epochs: 1)).Fit(data);
        var encoderDecoder = ml.Seq2Seq.FindSteps(fitted).OfType<LstmEncoderDecoderTransformer>().Single();
        Assert.AreEqual(("managed", "cpu"), (encoderDecoder.TrainingEngine, encoderDecoder.TrainingDevice));
    }

    private static CharacterSeq2SeqOptions Options(Seq2SeqEngine engine, int epochs = 12) => new()
    {
        ReverseSource = false,
        Trainer = new LstmEncoderDecoderOptions
        {
            Engine = engine, EmbeddingSize = 8, HiddenSize = 32, Epochs = epochs, BatchSize = 16, LearningRate = 0.02f, Seed = 3, Threads = 1, MaxOutputLength = 6,
        },
    };

    public sealed class Pair
    {
        public string Source { get; set; } = "";

        public string Target { get; set; } = "";
    }

    public sealed class Question
    {
        public string Source { get; set; } = "";
    }

    public sealed class Answer
    {
        public string Prediction { get; set; } = "";
    }

    private sealed class Counter(Action count) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => count();
    }
}
