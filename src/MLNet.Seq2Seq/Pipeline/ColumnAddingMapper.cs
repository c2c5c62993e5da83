using MLNet.Seq2Seq.Data;

namespace MLNet.Seq2Seq;

/// <summary>A row mapper whose output is the input's columns followed by computed columns.</summary>
internal sealed class ColumnAddingMapper : IRowToRowMapper
{
    private readonly IReadOnlyList<OutputColumn> _outputs;

    public ColumnAddingMapper(DataViewSchema inputSchema, IReadOnlyList<OutputColumn> outputs)
    {
        InputSchema = inputSchema;
        _outputs = outputs;
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(inputSchema);
        builder.AddColumns(outputs.Select(o => o.Column));
        OutputSchema = builder.ToSchema();
    }

    public DataViewSchema InputSchema { get; }

    public DataViewSchema OutputSchema { get; }

    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns)
    {
        ArgumentNullException.ThrowIfNull(dependingColumns);
        var needed = new SortedSet<int>();
        foreach (DataViewSchema.Column column in dependingColumns)
        {
            if (column.Index < InputSchema.Count)
            {
                needed.Add(column.Index);
            }
            else
            {
                needed.UnionWith(_outputs[column.Index - InputSchema.Count].InputColumns.Select(c => c.Index));
            }
        }

        return needed.Select(i => InputSchema[i]);
    }

    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(activeColumns);
        return new MappedRow(this, input, CreateGetters(input, activeColumns));
    }

    /// <summary>Getters for the active computed columns (null for inactive ones), each caching its value per row.</summary>
    public Delegate?[] CreateGetters(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns)
    {
        if (input.Schema.Count != InputSchema.Count)
        {
            throw new ArgumentException($"The input row has {input.Schema.Count} columns; this mapper was bound to a schema of {InputSchema.Count}.", nameof(input));
        }

        var getters = new Delegate?[_outputs.Count];
        foreach (DataViewSchema.Column column in activeColumns)
        {
            int outputIndex = column.Index - InputSchema.Count;
            if (outputIndex >= 0 && getters[outputIndex] is null)
            {
                getters[outputIndex] = CachingGetter.Wrap(input, _outputs[outputIndex].CreateGetter(input), _outputs[outputIndex].Column.Type.RawType);
            }
        }

        return getters;
    }

    /// <summary>A getter for <paramref name="column"/> of <see cref="OutputSchema"/> on a row built over <paramref name="input"/>.</summary>
    public ValueGetter<TValue> GetGetter<TValue>(DataViewRow input, Delegate?[] getters, DataViewSchema.Column column)
    {
        if (column.Index < InputSchema.Count)
        {
            return input.GetGetter<TValue>(input.Schema[column.Index]);
        }

        ColumnChecks.CheckGetterType<TValue>(column);
        return (ValueGetter<TValue>?)getters[column.Index - InputSchema.Count]
            ?? throw new InvalidOperationException($"Column '{column.Name}' is not active on this row; request it in the active columns.");
    }

    /// <summary>Whether <paramref name="column"/> of <see cref="OutputSchema"/> can be read on a row built over <paramref name="input"/>.</summary>
    public bool IsColumnActive(DataViewRow input, Delegate?[] getters, DataViewSchema.Column column) =>
        column.Index < InputSchema.Count ? input.IsColumnActive(input.Schema[column.Index]) : getters[column.Index - InputSchema.Count] is not null;

    private sealed class MappedRow(ColumnAddingMapper mapper, DataViewRow input, Delegate?[] getters) : DataViewRow
    {
        public override long Position => input.Position;

        public override long Batch => input.Batch;

        public override DataViewSchema Schema => mapper.OutputSchema;

        public override bool IsColumnActive(DataViewSchema.Column column) => mapper.IsColumnActive(input, getters, column);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => mapper.GetGetter<TValue>(input, getters, column);
    }
}
