namespace WordReversal;

/// <summary>
/// Sentences of words drawn from a 50-word vocabulary, each paired with the same words in reverse order
/// ("red fox runs" -> "runs fox red"). Words are separated by one space, so ML.NET's TokenizeIntoWords splits them back.
/// </summary>
public static class WordSentences
{
    /// <summary>The 50 words sentences are made of.</summary>
    public static IReadOnlyList<string> Vocabulary { get; } =
    [
        "the", "a", "red", "blue", "green", "old", "young", "big", "small", "fast",
        "slow", "happy", "sad", "cat", "dog", "fox", "bird", "fish", "horse", "cow",
        "king", "queen", "man", "woman", "child", "tree", "river", "hill", "house", "road",
        "runs", "jumps", "sees", "eats", "likes", "finds", "takes", "gives", "sings", "sleeps",
        "and", "with", "near", "over", "under", "today", "again", "here", "there", "now",
    ];

    /// <summary>
    /// <paramref name="count"/> pairs of a sentence of <paramref name="minWords"/> to <paramref name="maxWords"/> words
    /// (uniformly) and its words reversed; the same <paramref name="seed"/> gives the same pairs.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, or the word counts are not 1 ≤ min ≤ max.</exception>
    public static IReadOnlyList<(string Source, string Target)> Generate(int count, int minWords, int maxWords, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(minWords, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWords, minWords);
        var random = new Random(seed);
        var pairs = new (string Source, string Target)[count];
        for (int i = 0; i < count; i++)
        {
            string[] words = [.. Enumerable.Range(0, random.Next(minWords, maxWords + 1)).Select(_ => Vocabulary[random.Next(Vocabulary.Count)])];
            pairs[i] = (string.Join(' ', words), Reverse(string.Join(' ', words)));
        }

        return pairs;
    }

    /// <summary>The words of <paramref name="sentence"/> (separated by single spaces) in reverse order.</summary>
    public static string Reverse(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        return string.Join(' ', sentence.Split(' ').Reverse());
    }
}
