// Normalise dates written by people ("september 27, 1994", "Tuesday, March 4, 2008", "27 SEP 1994", "9/27/94") to
// ISO ("1994-09-27"), character by character on an MLContext. Numeric forms are always month/day/year; see DatePairs.
// The samples printed at the end are marked "✗ expected DATE" where the model gets them wrong.
// Usage: dotnet run -c Release --project examples/DateNormalization -- [--quick] [--decoder NAME] [--no-reverse]
//        [--epochs N] [--pairs N] [--seed N] [--hidden N] [--learning-rate R] [--save FILE] [--attention NAME] [--input-feeding]
using DateNormalization;
using Examples.Shared;

return ExampleTraining.Run(
    args,
    defaults: new ExampleSettings(Pairs: 20_000, Epochs: 12, Hidden: 128, LearningRate: 0.005f),
    quick: new ExampleSettings(Pairs: 2000, Epochs: 3, Hidden: 64, LearningRate: 0.01f),
    settings => [.. DatePairs.Generate(settings.Pairs, settings.Seed).Select(p => new TextPair { Source = p.Source, Target = p.Target })],
    samples:
    [
        ("september 27, 1994", "1994-09-27"), ("Tuesday, March 4, 2008", "2008-03-04"), ("27 SEP 1994", "1994-09-27"), ("9/27/94", "1994-09-27"),
        ("12/31/1999", "1999-12-31"), ("Jan 1, 2000", "2000-01-01"), ("7 July 2049", "2049-07-07"),
    ]);
