namespace MLNet.Seq2Seq.Data;

/// <summary>The checks and error messages shared by rows, cursors and transformers.</summary>
internal static class ColumnChecks
{
    /// <summary>Throws unless <typeparamref name="TValue"/> is the raw type of the column.</summary>
    public static void CheckGetterType<TValue>(DataViewSchema.Column column)
    {
        if (column.Type.RawType != typeof(TValue))
        {
            throw new InvalidOperationException(
                $"Column '{column.Name}' has type {column.Type}; read it as {FriendlyName(column.Type.RawType)}, not {FriendlyName(typeof(TValue))}.");
        }
    }

    /// <summary>Throws unless the row can serve the column.</summary>
    public static void CheckActive(DataViewRow row, DataViewSchema.Column column)
    {
        if (column.Index < 0 || column.Index >= row.Schema.Count || row.Schema[column.Index].Name != column.Name)
        {
            throw new ArgumentOutOfRangeException(nameof(column), $"Column '{column.Name}' (index {column.Index}) is not in this row's schema.");
        }

        if (!row.IsColumnActive(column))
        {
            throw new InvalidOperationException($"Column '{column.Name}' is not active on this cursor; request it in columnsNeeded.");
        }
    }

    /// <summary>The error for a missing input column.</summary>
    public static ArgumentOutOfRangeException MissingColumn(string name, string expectedType, string available) =>
        new("inputSchema", $"Input column '{name}' not found; expected a column of type {expectedType}. Available columns: {available}.");

    /// <summary>The error for an input column of the wrong type.</summary>
    public static ArgumentOutOfRangeException Mismatch(string name, string expectedType, string actualType) =>
        new("inputSchema", $"Schema mismatch for input column '{name}': expected {expectedType}, got {actualType}.");

    /// <summary>The visible column named <paramref name="name"/> if its type satisfies <paramref name="isExpected"/>.</summary>
    public static DataViewSchema.Column Require(DataViewSchema schema, string name, Func<DataViewSchema.Column, bool> isExpected, string expectedType)
    {
        DataViewSchema.Column column = schema.GetColumnOrNull(name) ?? throw MissingColumn(name, expectedType, schema.ToString());
        return isExpected(column) ? column : throw Mismatch(name, expectedType, $"{column.Type}");
    }

    /// <summary>The column shape named <paramref name="name"/> if it satisfies <paramref name="isExpected"/>.</summary>
    public static SchemaShape.Column Require(SchemaShape shape, string name, Func<SchemaShape.Column, bool> isExpected, string expectedType)
    {
        if (!shape.TryFindColumn(name, out SchemaShape.Column column))
        {
            throw MissingColumn(name, expectedType, string.Join(", ", shape.Select(c => c.ToString())));
        }

        return isExpected(column) ? column : throw Mismatch(name, expectedType, column.ToString());
    }

    private static string FriendlyName(Type type) =>
        type.IsGenericType ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(FriendlyName))}>" : type.Name;
}
