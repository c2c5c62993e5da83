namespace MLNet.Seq2Seq;

/// <summary>A lazily evaluated table: a schema and cursors over its rows.</summary>
public interface IDataView
{
    /// <summary>Whether cursors may visit the rows in a random order.</summary>
    bool CanShuffle { get; }

    /// <summary>The columns.</summary>
    DataViewSchema Schema { get; }

    /// <summary>The number of rows if known without reading the data, else null.</summary>
    long? GetRowCount();

    /// <summary>A cursor on which only <paramref name="columnsNeeded"/> are active.</summary>
    /// <param name="columnsNeeded">Columns of <see cref="Schema"/> the caller will read.</param>
    /// <param name="rand">A source of randomness for shuffling, when <see cref="CanShuffle"/>; null for the natural order.</param>
    DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null);
}
