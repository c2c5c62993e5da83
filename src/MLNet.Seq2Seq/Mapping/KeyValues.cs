using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Seq2Seq.Mapping;

/// <summary>
/// The vocabulary of a key column as ML.NET keeps it: the KeyValues annotation, a text vector whose entry k - 1 names
/// key k (keys are 1-based; key 0 is ML.NET's missing value, which our steps use for padding).
/// </summary>
internal static class KeyValues
{
    /// <summary>The annotation's name (ML.NET's AnnotationUtils, which defines it, is internal).</summary>
    public const string AnnotationName = "KeyValues";

    /// <summary>The vocabulary of <paramref name="column"/>, entry k - 1 naming key k.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The vocabulary does not match the key count, or holds an empty or repeated entry.</exception>
    public static string[] Read(DataViewSchema.Column column)
    {
        VBuffer<ReadOnlyMemory<char>> values = default;
        column.GetKeyValues(ref values);
        string[] vocabulary = [.. values.DenseValues().Select(v => v.ToString())];
        ulong keyCount = ((KeyDataViewType)((VectorDataViewType)column.Type).ItemType).Count;
        if ((ulong)vocabulary.Length != keyCount)
        {
            throw new ArgumentOutOfRangeException(nameof(column), $"Column '{column.Name}' has {keyCount} keys but a KeyValues annotation of {vocabulary.Length} entries.");
        }

        return Check(vocabulary, column.Name);
    }

    /// <summary>Checks that <paramref name="vocabulary"/> is usable as key values: at least one entry, none empty, none repeated.</summary>
    public static string[] Check(string[] vocabulary, string columnName)
    {
        if (vocabulary.Length == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(vocabulary), $"Column '{columnName}' has an empty vocabulary.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string entry in vocabulary)
        {
            if (entry.Length == 0 || !seen.Add(entry))
            {
                throw new ArgumentOutOfRangeException(nameof(vocabulary), entry.Length == 0
                    ? $"Column '{columnName}': the vocabulary holds an empty entry."
                    : $"Column '{columnName}': the vocabulary holds '{entry}' twice.");
            }
        }

        return vocabulary;
    }

    /// <summary>The type of a key vector over <paramref name="vocabulary"/>.</summary>
    public static VectorDataViewType KeyVectorType(string[] vocabulary) => new(new KeyDataViewType(typeof(uint), vocabulary.Length));

    /// <summary>Annotations holding <paramref name="vocabulary"/> as KeyValues.</summary>
    public static DataViewSchema.Annotations Annotations(string[] vocabulary)
    {
        var values = new VBuffer<ReadOnlyMemory<char>>(vocabulary.Length, [.. vocabulary.Select(v => v.AsMemory())]);
        var builder = new DataViewSchema.Annotations.Builder();
        builder.Add(AnnotationName, new VectorDataViewType(TextDataViewType.Instance, vocabulary.Length),
            (ref VBuffer<ReadOnlyMemory<char>> value) => values.CopyTo(ref value));
        return builder.ToAnnotations();
    }

    /// <summary>
    /// A text that is not in <paramref name="vocabulary"/>: a step that writes tokens for ML.NET's MapValueToKey writes it
    /// where the key must be 0 (padding, or a token the vocabulary lacks).
    /// </summary>
    public static string MissingToken(IReadOnlyCollection<string> vocabulary)
    {
        var entries = vocabulary as ISet<string> ?? new HashSet<string>(vocabulary, StringComparer.Ordinal);
        string token = "\0";
        while (entries.Contains(token))
        {
            token += "\0";
        }

        return token;
    }
}
