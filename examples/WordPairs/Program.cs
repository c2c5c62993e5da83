// Word pairs: map a word to its counterpart ("man" -> "woman", "black" -> "white", "king" -> "queen"), character by
// character on an MLContext, every pair in both directions, repeated to --pairs rows. The words are memorised, so the
// score is over the training pairs; the unseen variants ("mans", "ups") show what the model makes of a word it never
// saw (they have no expected answer; a wrong answer to a known word is marked "✗ expected WORD").
// Usage: dotnet run -c Release --project examples/WordPairs -- [--quick] [--decoder NAME] [--no-reverse] [--epochs N]
//        [--pairs N] [--seed N] [--hidden N] [--learning-rate R] [--save FILE] [--attention NAME] [--input-feeding]
using Examples.Shared;

(string, string)[] counterparts =
[
    ("man", "woman"), ("black", "white"), ("king", "queen"), ("girl", "boy"), ("up", "down"), ("high", "low"),
    ("father", "mother"), ("son", "daughter"), ("brother", "sister"), ("uncle", "aunt"), ("prince", "princess"),
    ("husband", "wife"), ("he", "she"), ("his", "her"), ("actor", "actress"), ("lord", "lady"),
    ("hot", "cold"), ("big", "small"), ("fast", "slow"), ("day", "night"), ("left", "right"), ("open", "closed"),
    ("early", "late"), ("light", "dark"), ("old", "young"), ("rich", "poor"), ("in", "out"), ("first", "last"),
    ("win", "lose"), ("yes", "no"),
];
TextPair[] words = [.. counterparts.SelectMany(p => new[] { new TextPair { Source = p.Item1, Target = p.Item2 }, new TextPair { Source = p.Item2, Target = p.Item1 } })];

return ExampleTraining.Run(
    args,
    defaults: new ExampleSettings(Pairs: 3000, Epochs: 20, Hidden: 128, LearningRate: 0.005f),
    quick: new ExampleSettings(Pairs: 1200, Epochs: 10, Hidden: 64, LearningRate: 0.01f),
    settings => [.. Enumerable.Range(0, settings.Pairs).Select(i => words[i % words.Length])],
    samples: [.. new[] { "man", "woman", "king", "black", "up", "high", "mans", "ups" }.Select(w => (w, words.FirstOrDefault(p => p.Source == w)?.Target))],
    scoreTrainingPairs: true);
