namespace MLNet.Seq2Seq.Data;

/// <summary>Annotation kinds and helpers for reading them.</summary>
public static class AnnotationUtils
{
    /// <summary>Well-known annotation kinds.</summary>
    public static class Kinds
    {
        /// <summary>
        /// The vocabulary of a key column: a <see cref="VBuffer{T}"/> of text whose length equals the key count;
        /// entry k names key k (key 0 is padding, see <see cref="KeyDataViewType"/>).
        /// </summary>
        public const string KeyValues = "KeyValues";
    }

    /// <summary>Whether the column is a key (or key vector) column with a text vocabulary of matching size.</summary>
    public static bool HasKeyValues(this DataViewSchema.Column column)
    {
        if (GetKeyType(column.Type) is not { } keyType)
        {
            return false;
        }

        DataViewSchema.Column? annotation = column.Annotations.Schema.GetColumnOrNull(Kinds.KeyValues);
        return annotation?.Type is VectorDataViewType { ItemType: TextDataViewType } vocabularyType
            && (ulong)vocabularyType.Size == keyType.Count;
    }

    /// <summary>Reads the column's key vocabulary.</summary>
    /// <exception cref="InvalidOperationException">The column has no text vocabulary (see <see cref="HasKeyValues"/>).</exception>
    public static void GetKeyValues(this DataViewSchema.Column column, ref VBuffer<ReadOnlyMemory<char>> keyValues)
    {
        if (!column.HasKeyValues())
        {
            throw new InvalidOperationException(
                $"Column '{column.Name}' of type {column.Type} has no {Kinds.KeyValues} annotation with one text entry per key.");
        }

        column.Annotations.GetValue(Kinds.KeyValues, ref keyValues);
    }

    /// <summary>The key type of a key column or of a key vector column's items, else null.</summary>
    internal static KeyDataViewType? GetKeyType(DataViewType type) => type switch
    {
        KeyDataViewType key => key,
        VectorDataViewType { ItemType: KeyDataViewType key } => key,
        _ => null,
    };

    /// <summary>Annotations holding a key vocabulary.</summary>
    internal static DataViewSchema.Annotations CreateKeyValues(IReadOnlyList<string> vocabulary)
    {
        ReadOnlyMemory<char>[] names = [.. vocabulary.Select(v => v.AsMemory())];
        var builder = new DataViewSchema.Annotations.Builder();
        builder.AddKeyValues(names.Length, TextDataViewType.Instance, (ref VBuffer<ReadOnlyMemory<char>> value) => value = new VBuffer<ReadOnlyMemory<char>>(names.Length, names));
        return builder.ToAnnotations();
    }

    /// <summary>The column's key vocabulary as strings.</summary>
    internal static string[] ReadKeyValues(DataViewSchema.Column column)
    {
        VBuffer<ReadOnlyMemory<char>> values = default;
        column.GetKeyValues(ref values);
        string[] result = new string[values.Length];
        ReadOnlySpan<ReadOnlyMemory<char>> span = values.GetValues();
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = span[i].ToString();
        }

        return result;
    }
}
