using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Seq2Seq.Trainers;
using Pair = MLNet.Seq2Seq.TorchSharp.Tests.Training.TorchSharpPipelineTests.Pair;

namespace MLNet.Seq2Seq.TorchSharp.Tests.Training;

/// <summary>Transform decoding blocks of rows on libtorch (WithDecodingEngine) gives what the managed engine gives row by row.</summary>
[TestClass]
public sealed class TorchSharpBatchDecodingTests
{
    private static readonly string[] Words = ["abc", "ba", "cab", "a", "bca", "cc", "acb", "b", "abca", "cb", "abc", "ba"];

    [TestMethod]
    [DataRow(1, DisplayName = "greedy")]
    [DataRow(3, DisplayName = "beam 3")]
    public void BlocksDecodedOnLibtorchPredictWhatTheManagedEngineDoesRowByRow(int beamWidth)
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Words.Select(w => new Pair { Source = w, Target = w }));
        ITransformer model = ml.Seq2Seq.CharacterSeq2Seq(nameof(Pair.Source), nameof(Pair.Target), new CharacterSeq2SeqOptions
        {
            ReverseSource = false,
            Trainer = new LstmEncoderDecoderOptions { EmbeddingSize = 8, HiddenSize = 32, Epochs = 40, BatchSize = 4, LearningRate = 0.02f, Seed = 3, Threads = 1, MaxOutputLength = 6 },
        }).Fit(data);
        model = ml.Seq2Seq.WithDecoding(model, new DecodingOptions { BeamWidth = beamWidth, NBest = beamWidth });

        var onLibtorch = ml.Seq2Seq.WithDecodingEngine(model, new TorchSharpEngine("cpu"), batchSize: 5);

        var (managedText, managedProbabilities) = Predictions(model.Transform(data));
        var (libtorchText, libtorchProbabilities) = Predictions(onLibtorch.Transform(data));
        CollectionAssert.AreEqual(managedText, libtorchText);
        for (int i = 0; i < Words.Length; i++)
        {
            Assert.HasCount(managedProbabilities[i].Length, libtorchProbabilities[i], Words[i]);
            for (int k = 0; k < managedProbabilities[i].Length; k++)
            {
                Assert.AreEqual(managedProbabilities[i][k], libtorchProbabilities[i][k], 1e-5, Words[i]);
            }
        }

        Assert.IsGreaterThanOrEqualTo(8, managedText.Zip(Words).Count(p => p.First == p.Second), string.Join(",", managedText));
        Assert.AreEqual("torchsharp (cpu)", ml.Seq2Seq.FindSteps(onLibtorch).OfType<LstmEncoderDecoderTransformer>().Single().DecodingEngine!.ToString());
    }

    [TestMethod]
    public void CudaWhereItIsMissingFailsWhenChosenNamingTheDevice()
    {
        if (global::TorchSharp.torch.cuda.is_available())
        {
            Assert.Inconclusive("CUDA is available here.");
        }

        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Words.Select(w => new Pair { Source = w, Target = w }));
        var model = ml.Seq2Seq.CharacterSeq2Seq(nameof(Pair.Source), nameof(Pair.Target), new CharacterSeq2SeqOptions
        {
            Trainer = new LstmEncoderDecoderOptions { EmbeddingSize = 4, HiddenSize = 8, Epochs = 1, Threads = 1 },
        }).Fit(data);

        var error = Assert.ThrowsExactly<InvalidOperationException>(() => ml.Seq2Seq.WithDecodingEngine(model, new TorchSharpEngine("cuda:0")));
        StringAssert.Contains(error.Message, "'cuda:0'");
    }

    private static (string[] Text, float[][] Probabilities) Predictions(IDataView scored)
    {
        var text = new List<string>();
        var probabilities = new List<float[]>();
        using var cursor = scored.GetRowCursor([scored.Schema["Prediction"], scored.Schema["PredictedProbabilities"]]);
        var getText = cursor.GetGetter<ReadOnlyMemory<char>>(scored.Schema["Prediction"]);
        var getProbabilities = cursor.GetGetter<VBuffer<float>>(scored.Schema["PredictedProbabilities"]);
        ReadOnlyMemory<char> value = default;
        VBuffer<float> floats = default;
        while (cursor.MoveNext())
        {
            getText(ref value);
            getProbabilities(ref floats);
            text.Add(value.ToString());
            probabilities.Add(floats.DenseValues().ToArray());
        }

        return ([.. text], [.. probabilities]);
    }
}
