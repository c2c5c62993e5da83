namespace MLNet.Seq2Seq.Data;

/// <summary>A data view over objects; the sequence is enumerated lazily, once per cursor.</summary>
internal sealed class EnumerableDataView<TRow> : IDataView
    where TRow : class
{
    private readonly IEnumerable<TRow> _rows;
    private readonly IReadOnlyList<ObjectMember> _members;

    public EnumerableDataView(IEnumerable<TRow> rows)
    {
        _rows = rows;
        (_members, Schema) = ObjectSchema.ForReading<TRow>();
    }

    public bool CanShuffle => _rows is IReadOnlyList<TRow>;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => _rows is IReadOnlyCollection<TRow> collection ? collection.Count : null;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        var active = new bool[Schema.Count];
        foreach (DataViewSchema.Column column in columnsNeeded)
        {
            active[column.Index] = true;
        }

        IEnumerable<TRow> order = rand is not null && _rows is IReadOnlyList<TRow> list ? Shuffled(list, rand) : _rows;
        return new Cursor(this, order.GetEnumerator(), active);
    }

    private static IEnumerable<TRow> Shuffled(IReadOnlyList<TRow> rows, Random rand)
    {
        int[] order = [.. Enumerable.Range(0, rows.Count)];
        rand.Shuffle(order);
        return order.Select(i => rows[i]);
    }

    private sealed class Cursor(EnumerableDataView<TRow> view, IEnumerator<TRow> rows, bool[] active) : DataViewRowCursor
    {
        private long _position = -1;
        private bool _done;

        public override long Position => _position;

        public override long Batch => 0;

        public override DataViewSchema Schema => view.Schema;

        public override bool IsColumnActive(DataViewSchema.Column column) => active[column.Index];

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            ColumnChecks.CheckActive(this, column);
            ObjectMember member = view._members[column.Index];
            return BoxedGetters.FromBoxed<TValue>(column, () => member.GetRawValue(CurrentRow()));
        }

        public override bool MoveNext()
        {
            if (_done || !rows.MoveNext())
            {
                _done = true;
                return false;
            }

            _position++;
            return true;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                rows.Dispose();
            }
        }

        private TRow CurrentRow() =>
            _position < 0 || _done ? throw new InvalidOperationException("The cursor is not on a row; call MoveNext first.") : rows.Current;
    }
}
