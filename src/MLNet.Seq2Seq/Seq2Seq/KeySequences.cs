using MLNet.Seq2Seq.Data;
using MLNet.Seq2Seq.Transforms.Text;

namespace MLNet.Seq2Seq.Trainers;

/// <summary>Moves key sequences between key-vector columns and the engine's int arrays (padding trimmed).</summary>
internal static class KeySequences
{
    /// <summary>The pipeline type name the trainer's key columns must have, for error messages.</summary>
    public const string ExpectedType = "Vector<Key<UInt32>> with a KeyValues annotation";

    /// <summary>The column <paramref name="name"/>, which must be a key vector with a vocabulary.</summary>
    public static DataViewSchema.Column Require(DataViewSchema schema, string name) =>
        ColumnChecks.Require(schema, name, c => c.Type is VectorDataViewType { ItemType: KeyDataViewType } && c.HasKeyValues(), ExpectedType);

    /// <summary>The vocabulary of a key-vector column.</summary>
    public static string[] Vocabulary(DataViewSchema.Column column) => AnnotationUtils.ReadKeyValues(column);

    /// <summary>One row's keys as engine tokens, trailing padding removed.</summary>
    public static int[] ToEngine(ReadOnlySpan<uint> keys, string columnName, long row, int vocabularySize)
    {
        var trimmed = KeyColumns.TrimPadding(keys);
        var tokens = new int[trimmed.Length];
        for (int i = 0; i < trimmed.Length; i++)
        {
            if (trimmed[i] >= vocabularySize)
            {
                throw new InvalidDataException(
                    $"Column '{columnName}', row {row}: key {trimmed[i]} is outside the vocabulary of {vocabularySize} keys.");
            }

            tokens[i] = (int)trimmed[i];
        }

        return tokens;
    }

    /// <summary>The key of a special token, looked up by name in a vocabulary.</summary>
    public static int Special(string[] vocabulary, string name, string columnName) =>
        Array.IndexOf(vocabulary, name) is var key and >= 0
            ? key
            : throw new ArgumentOutOfRangeException(nameof(vocabulary), $"Column '{columnName}': the vocabulary has no '{name}' key.");
}
