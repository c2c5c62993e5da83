using MLNet.Seq2Seq.Trainers;

namespace MLNet.Seq2Seq.Tests.Reliability;

/// <summary>A tiny character model that copies short strings of a, b and c, trained in well under a second.</summary>
internal static class TinyCopyModel
{
    public sealed class Pair
    {
        public string? Source { get; set; }

        public string Target { get; set; } = "";
    }

    public sealed class Question
    {
        public string? Source { get; set; }
    }

    public sealed class Answer
    {
        public string Prediction { get; set; } = "";
    }

    public static Pair[] Pairs(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            string text = string.Concat(Enumerable.Range(0, random.Next(1, 5)).Select(_ => (char)('a' + random.Next(3))));
            return new Pair { Source = text, Target = text };
        })];
    }

    public static CharacterSeq2SeqOptions Options(int epochs = 2) => new()
    {
        Trainer = new LstmEncoderDecoderOptions { EmbeddingSize = 4, HiddenSize = 8, Epochs = epochs, BatchSize = 8, LearningRate = 0.02f, Threads = 1, MaxOutputLength = 6 },
    };

    public static TransformerChain<ITransformer> Train(MLContext context, IEnumerable<Pair> pairs, CharacterSeq2SeqOptions? options = null) =>
        context.Seq2Seq.CharacterSeq2Seq("Source", "Target", options ?? Options()).Fit(context.Data.LoadFromEnumerable(pairs));

    public static float[] Weights(TransformerChain<ITransformer> model) =>
        model.OfType<LstmEncoderDecoderTransformer>().Single().Trained.Network.Parameters.Values;

    public static string[] Predict(MLContext context, ITransformer model, IEnumerable<string> sources)
    {
        using var engine = context.Model.CreatePredictionEngine<Question, Answer>(model);
        return [.. sources.Select(s => engine.Predict(new Question { Source = s }).Prediction)];
    }
}
