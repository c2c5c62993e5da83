namespace MLNet.Seq2Seq;

/// <summary>Row mappers applied in sequence; each is asked only for what the next one needs.</summary>
internal sealed class CompositeRowToRowMapper(DataViewSchema inputSchema, IReadOnlyList<IRowToRowMapper> mappers) : IRowToRowMapper
{
    public DataViewSchema InputSchema => inputSchema;

    public DataViewSchema OutputSchema => mappers.Count == 0 ? inputSchema : mappers[^1].OutputSchema;

    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns)
    {
        IEnumerable<DataViewSchema.Column> needed = dependingColumns;
        for (int i = mappers.Count - 1; i >= 0; i--)
        {
            needed = [.. mappers[i].GetDependencies(needed)];
        }

        return needed;
    }

    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns)
    {
        ArgumentNullException.ThrowIfNull(input);
        var activePerStep = new IEnumerable<DataViewSchema.Column>[mappers.Count];
        IEnumerable<DataViewSchema.Column> needed = [.. activeColumns];
        for (int i = mappers.Count - 1; i >= 0; i--)
        {
            activePerStep[i] = needed;
            needed = [.. mappers[i].GetDependencies(needed)];
        }

        DataViewRow row = input;
        for (int i = 0; i < mappers.Count; i++)
        {
            row = mappers[i].GetRow(row, activePerStep[i]);
        }

        return row;
    }
}
