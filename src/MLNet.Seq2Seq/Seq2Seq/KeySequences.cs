using Microsoft.ML;
using MLNet.Seq2Seq.Mapping;

namespace MLNet.Seq2Seq.Trainers;

/// <summary>
/// Moves key sequences between ML.NET key vectors (1-based keys over a vocabulary; 0 is ML.NET's missing value) and the
/// engine's token arrays. Trailing zeros are padding and are dropped; a zero before a real key is a token the
/// vocabulary lacks (e.g. a word MapValueToKey never saw) and becomes the engine's unknown token. The engine's own
/// tokens come first: source [padding, unknown, keys...], target [padding, start, end, unknown, keys...].
/// </summary>
internal static class KeySequences
{
    /// <summary>Engine tokens before the source keys.</summary>
    public const int SourceOffset = 1;

    /// <summary>Engine tokens before the target keys.</summary>
    public const int TargetOffset = 3;

    /// <summary>The engine's source token for a key the vocabulary lacks.</summary>
    public const int SourceUnknown = 1;

    /// <summary>The engine's target start token.</summary>
    public const int Start = 1;

    /// <summary>The engine's target end token.</summary>
    public const int End = 2;

    /// <summary>The engine's target token for a key the vocabulary lacks.</summary>
    public const int TargetUnknown = 3;

    /// <summary>The engine vocabulary size for a source vocabulary of <paramref name="keys"/> entries.</summary>
    public static int SourceTokens(int keys) => keys + SourceOffset + 1;

    /// <summary>The engine vocabulary size for a target vocabulary of <paramref name="keys"/> entries.</summary>
    public static int TargetTokens(int keys) => keys + TargetOffset + 1;

    /// <summary>The column <paramref name="name"/>, which must be a key vector with a text vocabulary.</summary>
    public static DataViewSchema.Column Require(DataViewSchema schema, string name) =>
        ColumnChecks.Require(schema, name, ColumnChecks.IsKeyVectorWithValues, ColumnChecks.KeyVectorWithValues);

    /// <summary>One row's source keys as engine tokens.</summary>
    public static int[] SourceToEngine(ReadOnlySpan<uint> keys, string columnName, int vocabularySize) =>
        ToEngine(keys, columnName, vocabularySize, SourceOffset, SourceUnknown);

    /// <summary>One row's target keys as engine tokens.</summary>
    public static int[] TargetToEngine(ReadOnlySpan<uint> keys, string columnName, int vocabularySize) =>
        ToEngine(keys, columnName, vocabularySize, TargetOffset, TargetUnknown);

    /// <summary>The ML.NET key of an engine target token (0 for the engine's own tokens).</summary>
    public static uint TargetKey(int token) => token > TargetOffset ? (uint)(token - TargetOffset) : 0;

    private static int[] ToEngine(ReadOnlySpan<uint> keys, string columnName, int vocabularySize, int offset, int unknown)
    {
        int length = keys.Length;
        while (length > 0 && keys[length - 1] == 0)
        {
            length--;
        }

        var tokens = new int[length];
        for (int i = 0; i < length; i++)
        {
            uint key = keys[i];
            tokens[i] = key == 0 ? unknown
                : key <= vocabularySize ? (int)key + offset
                : throw new InvalidDataException($"Column '{columnName}': key {key} is outside the vocabulary of {vocabularySize} keys.");
        }

        return tokens;
    }
}
