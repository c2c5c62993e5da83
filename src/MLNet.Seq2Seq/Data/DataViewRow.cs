namespace MLNet.Seq2Seq;

/// <summary>One row of a data view, with typed getters for its active columns.</summary>
public abstract class DataViewRow : IDisposable
{
    /// <summary>The row's position in its cursor: -1 before the first row, then 0, 1, …</summary>
    public abstract long Position { get; }

    /// <summary>The batch the row belongs to; always 0 here (cursors are not split).</summary>
    public abstract long Batch { get; }

    /// <summary>The schema of the row.</summary>
    public abstract DataViewSchema Schema { get; }

    /// <summary>Whether the column's values can be read from this row.</summary>
    public abstract bool IsColumnActive(DataViewSchema.Column column);

    /// <summary>A getter for <paramref name="column"/>'s value in the current row.</summary>
    /// <typeparam name="TValue">Must be the column type's raw type.</typeparam>
    /// <exception cref="InvalidOperationException">The column is inactive, or <typeparamref name="TValue"/> is not its raw type.</exception>
    public abstract ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column);

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases resources the row holds.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}
