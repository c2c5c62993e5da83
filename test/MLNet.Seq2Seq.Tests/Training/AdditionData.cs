namespace MLNet.Seq2Seq.Tests.Training;

/// <summary>The addition task of examples/Addition as key sequences: "57+5" → "62", one key per character.</summary>
internal static class AdditionData
{
    /// <summary>Characters in key order after the four special keys (0 pad, 1 unk, 2 start, 3 end).</summary>
    public const string Alphabet = "+0123456789";

    public static int[] Keys(string text) => text.Select(c => Alphabet.IndexOf(c) + 4).ToArray();

    public static string Text(IEnumerable<int> keys) => new(keys.Select(k => Alphabet[k - 4]).ToArray());

    /// <summary>All pairs a+b with a, b in [0, maxOperand], shuffled with a fixed seed.</summary>
    public static (string Source, string Target)[] Generate(int maxOperand, int seed)
    {
        var random = new Random(seed);
        var pairs = (from a in Enumerable.Range(0, maxOperand + 1)
                     from b in Enumerable.Range(0, maxOperand + 1)
                     select ($"{a}+{b}", (a + b).ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        random.Shuffle(pairs);
        return pairs;
    }
}
