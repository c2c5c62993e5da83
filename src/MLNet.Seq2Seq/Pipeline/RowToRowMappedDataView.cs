namespace MLNet.Seq2Seq;

/// <summary>The lazy result of a column-adding transform: cursors wrap the input's cursors.</summary>
internal sealed class RowToRowMappedDataView(IDataView input, ColumnAddingMapper mapper) : IDataView
{
    public bool CanShuffle => input.CanShuffle;

    public DataViewSchema Schema => mapper.OutputSchema;

    public long? GetRowCount() => input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        DataViewSchema.Column[] needed = [.. columnsNeeded];
        DataViewRowCursor inputCursor = input.GetRowCursor(mapper.GetDependencies(needed), rand);
        return new Cursor(mapper, inputCursor, mapper.CreateGetters(inputCursor, needed));
    }

    private sealed class Cursor(ColumnAddingMapper mapper, DataViewRowCursor input, Delegate?[] getters) : DataViewRowCursor
    {
        public override long Position => input.Position;

        public override long Batch => input.Batch;

        public override DataViewSchema Schema => mapper.OutputSchema;

        public override bool IsColumnActive(DataViewSchema.Column column) => mapper.IsColumnActive(input, getters, column);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => mapper.GetGetter<TValue>(input, getters, column);

        public override bool MoveNext() => input.MoveNext();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                input.Dispose();
            }
        }
    }
}
