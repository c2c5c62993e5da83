using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Seq2Seq.Mapping;

/// <summary>Finds the input columns a step needs, with errors that name the column and the type expected.</summary>
internal static class ColumnChecks
{
    /// <summary>The type name of a key-vector column with a vocabulary, for messages.</summary>
    public const string KeyVectorWithValues = "a vector of keys (Key<UInt32>) with a KeyValues annotation of text";

    /// <summary>The type name of a text column, for messages.</summary>
    public const string Text = "String (text)";

    /// <summary>The visible column <paramref name="name"/>, which must pass <paramref name="isExpected"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The column is missing or has another type.</exception>
    public static DataViewSchema.Column Require(DataViewSchema schema, string name, Func<DataViewSchema.Column, bool> isExpected, string expectedType)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (schema.GetColumnOrNull(name) is not { } column)
        {
            throw new ArgumentOutOfRangeException(nameof(schema), $"Input column '{name}' not found; expected {expectedType}. The schema has: {Names(schema.Where(c => !c.IsHidden).Select(c => c.Name))}.");
        }

        return isExpected(column)
            ? column
            : throw new ArgumentOutOfRangeException(nameof(schema), $"Input column '{name}' has type {column.Type}; expected {expectedType}.");
    }

    /// <summary>The column <paramref name="name"/> of a schema shape, which must pass <paramref name="isExpected"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The column is missing or has another type.</exception>
    public static SchemaShape.Column Require(SchemaShape shape, string name, Func<SchemaShape.Column, bool> isExpected, string expectedType)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (Find(shape, name) is not { } column)
        {
            throw new ArgumentOutOfRangeException(nameof(shape), $"Input column '{name}' not found; expected {expectedType}. The schema has: {Names(shape.Select(c => c.Name))}.");
        }

        return isExpected(column)
            ? column
            : throw new ArgumentOutOfRangeException(nameof(shape), $"Input column '{name}' has type {Describe(column)}; expected {expectedType}.");
    }

    /// <summary>The column <paramref name="name"/> of <paramref name="shape"/>, or null.</summary>
    public static SchemaShape.Column? Find(SchemaShape shape, string name) =>
        shape.Where(c => c.Name == name).Select(c => (SchemaShape.Column?)c).LastOrDefault();

    /// <summary>A key-vector column whose KeyValues annotation is a text vocabulary.</summary>
    public static bool IsKeyVectorWithValues(DataViewSchema.Column column) =>
        column.Type is VectorDataViewType { ItemType: KeyDataViewType { RawType: var raw } } && raw == typeof(uint)
        && column.Annotations.Schema.GetColumnOrNull(KeyValues.AnnotationName)?.Type is VectorDataViewType { ItemType: TextDataViewType };

    /// <summary>The shape of a key-vector column with a text vocabulary.</summary>
    public static bool IsKeyVectorWithValues(SchemaShape.Column column) =>
        column.IsKey && column.Kind != SchemaShape.Column.VectorKind.Scalar && column.ItemType.RawType == typeof(uint)
        && Find(column.Annotations, KeyValues.AnnotationName) is { ItemType: TextDataViewType };

    /// <summary>A scalar text column.</summary>
    public static bool IsText(DataViewSchema.Column column) => column.Type is TextDataViewType;

    /// <summary>The shape of a scalar text column.</summary>
    public static bool IsText(SchemaShape.Column column) => column.Kind == SchemaShape.Column.VectorKind.Scalar && !column.IsKey && column.ItemType is TextDataViewType;

    /// <summary>Rejects a null or empty column name, naming the option or parameter it came from.</summary>
    public static string RequireName(string? name, string parameterName) =>
        string.IsNullOrEmpty(name) ? throw new ArgumentException($"The column name '{parameterName}' must not be null or empty.", parameterName) : name;

    private static string Describe(SchemaShape.Column column)
    {
        string item = column.IsKey ? $"Key<{column.ItemType.RawType.Name}>" : column.ItemType.ToString() ?? "?";
        return column.Kind switch
        {
            SchemaShape.Column.VectorKind.Scalar => item,
            SchemaShape.Column.VectorKind.Vector => $"Vector<{item}, fixed size>",
            _ => $"Vector<{item}>",
        };
    }

    private static string Names(IEnumerable<string> names) =>
        string.Join(", ", names.Select(n => string.Create(CultureInfo.InvariantCulture, $"'{n}'"))) is { Length: > 0 } list ? list : "no columns";
}
