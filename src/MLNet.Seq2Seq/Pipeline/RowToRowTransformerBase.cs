using MLNet.Seq2Seq.Data;

namespace MLNet.Seq2Seq;

/// <summary>
/// The base of transformers that compute new columns from each row independently. A subclass checks the input schema
/// and declares its output columns with getters; the base appends them to the input's columns (same-named input
/// columns become hidden), computes only the columns a consumer activates, and computes each at most once per row.
/// Only the columns the subclass names are needed, so transforming and predicting work on data without the columns
/// only fitting used.
/// </summary>
public abstract class RowToRowTransformerBase : ITransformer
{
    private protected RowToRowTransformerBase(Seq2SeqContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Context = context;
    }

    /// <inheritdoc />
    public bool IsRowToRowMapper => true;

    /// <summary>The context for logging.</summary>
    private protected Seq2SeqContext Context { get; }

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => GetRowToRowMapper(inputSchema).OutputSchema;

    /// <inheritdoc />
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new RowToRowMappedDataView(input, CreateMapper(input.Schema));
    }

    /// <inheritdoc />
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => CreateMapper(inputSchema);

    /// <summary>
    /// Checks <paramref name="inputSchema"/> (throwing <see cref="ArgumentOutOfRangeException"/> that names the column and
    /// the expected type, see <see cref="RequireInputColumn"/>) and describes the output columns.
    /// </summary>
    private protected abstract IReadOnlyList<OutputColumn> BindOutputColumns(DataViewSchema inputSchema);

    /// <summary>The visible input column <paramref name="name"/>, if <paramref name="isExpected"/> accepts it.</summary>
    /// <param name="inputSchema">The schema to search.</param>
    /// <param name="name">The column name.</param>
    /// <param name="isExpected">The test the column must pass.</param>
    /// <param name="expectedType">What the test expects, for the error message (for example "Vector&lt;Key&gt;").</param>
    private protected static DataViewSchema.Column RequireInputColumn(
        DataViewSchema inputSchema, string name, Func<DataViewSchema.Column, bool> isExpected, string expectedType) =>
        ColumnChecks.Require(inputSchema, name, isExpected, expectedType);

    private ColumnAddingMapper CreateMapper(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return new ColumnAddingMapper(inputSchema, BindOutputColumns(inputSchema));
    }
}
