using MLNet.Seq2Seq.Data;

namespace MLNet.Seq2Seq.Transforms.Text;

/// <summary>Schema checks and shapes for key vector columns, shared by the text transforms.</summary>
internal static class KeyColumns
{
    public const string KeyVectorTypeName = "Vector<Key<UInt32>>";
    public const string KeyVectorWithValuesTypeName = "Vector<Key<UInt32>> with a KeyValues annotation";

    /// <summary>The shape of annotations holding a key vocabulary.</summary>
    public static SchemaShape KeyValuesShape { get; } = new([new SchemaShape.Column(AnnotationUtils.Kinds.KeyValues, SchemaShape.Column.VectorKind.Vector, TextDataViewType.Instance, isKey: false)]);

    /// <summary>Stands for a key item type whose count is not known before fitting.</summary>
    public static KeyDataViewType UnknownCountKey { get; } = new(typeof(uint), uint.MaxValue);

    public static bool IsKeyVector(DataViewSchema.Column column) => column.Type is VectorDataViewType { ItemType: KeyDataViewType };

    public static bool IsKeyVectorWithValues(DataViewSchema.Column column) => IsKeyVector(column) && column.HasKeyValues();

    public static DataViewSchema.Column RequireKeyVector(DataViewSchema schema, string name) =>
        ColumnChecks.Require(schema, name, IsKeyVector, KeyVectorTypeName);

    public static SchemaShape.Column RequireKeyVector(SchemaShape shape, string name) =>
        ColumnChecks.Require(shape, name, c => c.IsKeyVector, KeyVectorTypeName);

    /// <summary><paramref name="shape"/> with <paramref name="added"/> appended.</summary>
    public static SchemaShape Append(SchemaShape shape, params SchemaShape.Column[] added) => new([.. shape, .. added]);

    /// <summary>The keys of a vector without trailing padding.</summary>
    public static ReadOnlySpan<uint> TrimPadding(ReadOnlySpan<uint> keys)
    {
        int length = keys.Length;
        while (length > 0 && keys[length - 1] == SpecialKeys.Padding)
        {
            length--;
        }

        return keys[..length];
    }
}
