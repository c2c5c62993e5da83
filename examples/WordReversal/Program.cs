// Word reversal at the word level ("the red fox runs" -> "runs fox red the"): sentences of 1 to 60 words over a
// 50-word vocabulary. ML.NET's own steps make the keys (TokenizeIntoWords + MapValueToKey, for source and target);
// our LSTM encoder-decoder trainer (the attention decoder by default) learns from them; our MapKeysToText reads the
// predicted keys back as a sentence (ML.NET's MapKeyToValue reads them as a vector of words just as well). Prints the
// held-out exact match; wrong samples are marked "✗ expected SENTENCE".
// Usage: dotnet run -c Release --project examples/WordReversal -- [--quick] [--decoder NAME] [--no-reverse] [--epochs N]
//        [--pairs N] [--seed N] [--hidden N] [--learning-rate R] [--save FILE] [--attention NAME] [--input-feeding] [--reverse]
// Unlike the character examples, the source is not reversed by default: the model learns the reversal itself. With
// --reverse, our ReverseKeys feeds the source backwards, which leaves the model only a copy to learn.
// A full run (8000 pairs, 15 epochs, hidden 64) measured 81.7 % held-out exact match, 90.4 % character accuracy, in
// 5.5 minutes on 2 shared cores; the same run with --reverse 94.4 % and 98.5 % in 6 minutes. --quick (600 pairs,
// 2 epochs) finishes in seconds and learns little.
using Examples.Shared;
using Microsoft.ML;
using MLNet.Seq2Seq;
using MLNet.Seq2Seq.Trainers;
using WordReversal;

const int MaxWords = 60;
return ExampleTraining.Run(
    args,
    defaults: new ExampleSettings(Pairs: 8000, Epochs: 15, Hidden: 64, LearningRate: 0.01f) { Decoder = DecoderForm.Attention, Reverse = false },
    quick: new ExampleSettings(Pairs: 600, Epochs: 2, Hidden: 32, LearningRate: 0.01f) { Decoder = DecoderForm.Attention, Reverse = false },
    settings => [.. WordSentences.Generate(settings.Pairs, minWords: 1, MaxWords, settings.Seed).Select(p => new TextPair { Source = p.Source, Target = p.Target })],
    samples: [.. new[] { "the red fox runs", "a happy child sings near the river again", WordSentences.Generate(1, 30, 30, seed: 99)[0].Source }
        .Select(s => (s, (string?)WordSentences.Reverse(s)))],
    pipeline: (ml, settings) =>
    {
        // Source and target words become keys with ML.NET's own steps: 1-based, the words in the KeyValues annotation.
        IEstimator<ITransformer> source = ml.Transforms.Text.TokenizeIntoWords("SourceWords", nameof(TextPair.Source))
            .Append(ml.Transforms.Conversion.MapValueToKey("SourceKeys", "SourceWords"));
        if (settings.Reverse)
        {
            source = source.Append(ml.Transforms.Text.ReverseKeys("SourceKeys", "SourceKeys"));
        }

        // The target steps stay in the fitted chain, so rows to predict need a Target column too (empty is fine).
        return source
            .Append(ml.Transforms.Text.TokenizeIntoWords("TargetWords", nameof(TextPair.Target)))
            .Append(ml.Transforms.Conversion.MapValueToKey("TargetKeys", "TargetWords"))
            .Append(ml.Seq2Seq.Trainers.LstmEncoderDecoder(ExampleTraining.TrainerOptions(settings)))
            .Append(ml.Transforms.Text.MapKeysToText(nameof(TextPrediction.Prediction), "PredictedKeys", separator: " "));
    });
