using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Seq2Seq.Mapping;
using MLNet.Seq2Seq.Persistence;

namespace MLNet.Seq2Seq.Transforms.Text;

/// <summary>
/// What a fitted key-vector step knows: its columns and the vocabulary of its input (kept from fitting, so the saved chain
/// can give the output the same KeyValues), with the token for key 0 and the conversions between keys and tokens.
/// </summary>
internal sealed class KeyVocabulary
{
    public KeyVocabulary(string inputColumnName, string outputColumnName, string[] vocabulary)
    {
        InputColumnName = inputColumnName;
        OutputColumnName = outputColumnName;
        Vocabulary = vocabulary;
        MissingToken = KeyValues.MissingToken(vocabulary);
    }

    public string InputColumnName { get; }

    public string OutputColumnName { get; }

    /// <summary>Entry k - 1 names key k.</summary>
    public string[] Vocabulary { get; }

    /// <summary>The token the saved chain maps back to key 0.</summary>
    public string MissingToken { get; }

    /// <summary>The key vector column <see cref="InputColumnName"/> of <paramref name="schema"/>, with the fitted vocabulary.</summary>
    public DataViewSchema.Column RequireInput(DataViewSchema schema)
    {
        DataViewSchema.Column column = ColumnChecks.Require(schema, InputColumnName, ColumnChecks.IsKeyVectorWithValues, ColumnChecks.KeyVectorWithValues);
        return KeyValues.Read(column).AsSpan().SequenceEqual(Vocabulary)
            ? column
            : throw new ArgumentOutOfRangeException(nameof(schema), $"Input column '{InputColumnName}' has a different vocabulary from the one this step was fitted on.");
    }

    /// <summary>A schema holding just the input column, on which the saved chain is built.</summary>
    public DataViewSchema InputSchema()
    {
        var schema = new DataViewSchema.Builder();
        schema.AddColumn(InputColumnName, KeyValues.KeyVectorType(Vocabulary), KeyValues.Annotations(Vocabulary));
        return schema.ToSchema();
    }

    /// <summary>The token of <paramref name="key"/>, after checking it is inside the vocabulary.</summary>
    public string Token(uint key) => key == 0 ? MissingToken
        : key <= Vocabulary.Length ? Vocabulary[key - 1]
        : throw new InvalidDataException($"Column '{InputColumnName}': key {key} is outside the vocabulary of {Vocabulary.Length} keys.");

    /// <summary>The number of keys before the trailing zeros (padding).</summary>
    public static int UnpaddedLength(ReadOnlySpan<uint> keys)
    {
        int length = keys.Length;
        while (length > 0 && keys[length - 1] == 0)
        {
            length--;
        }

        return length;
    }

    public void Save(ArchiveSaveContext context, string entry) =>
        context.SaveObject(entry, new State(InputColumnName, OutputColumnName, Vocabulary));

    public static KeyVocabulary Load(ArchiveLoadContext context, string entry)
    {
        State s = context.LoadObject<State>(entry);
        context.Validate(entry, () => KeyValues.Check(s.Vocabulary, s.InputColumnName));
        return new KeyVocabulary(s.InputColumnName, s.OutputColumnName, s.Vocabulary);
    }

    private sealed record State(string InputColumnName, string OutputColumnName, string[] Vocabulary);
}
