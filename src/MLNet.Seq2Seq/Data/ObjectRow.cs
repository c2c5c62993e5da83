namespace MLNet.Seq2Seq.Data;

/// <summary>A row whose values come from one settable object; each <see cref="Set"/> advances the position.</summary>
internal sealed class ObjectRow<TRow> : DataViewRow
    where TRow : class
{
    private readonly IReadOnlyList<ObjectMember> _members;
    private TRow? _current;
    private long _position = -1;

    public ObjectRow()
    {
        (_members, Schema) = ObjectSchema.ForReading<TRow>();
    }

    public override long Position => _position;

    public override long Batch => 0;

    public override DataViewSchema Schema { get; }

    /// <summary>Makes <paramref name="row"/> the current row.</summary>
    public void Set(TRow row)
    {
        _current = row;
        _position++;
    }

    public override bool IsColumnActive(DataViewSchema.Column column) => true;

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        ColumnChecks.CheckActive(this, column);
        ObjectMember member = _members[column.Index];
        return BoxedGetters.FromBoxed<TValue>(column, () => member.GetRawValue(
            _current ?? throw new InvalidOperationException("No row has been set yet.")));
    }
}
