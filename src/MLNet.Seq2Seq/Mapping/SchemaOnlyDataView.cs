using Microsoft.ML;

namespace MLNet.Seq2Seq.Mapping;

/// <summary>
/// A data view with a schema and no rows, on which built-in ML.NET steps are fitted when only the schema matters (they
/// read no data), so a step of ours can be expressed as a chain of them.
/// </summary>
internal sealed class SchemaOnlyDataView(DataViewSchema schema) : IDataView
{
    public bool CanShuffle => false;

    public DataViewSchema Schema => schema;

    public long? GetRowCount() => 0;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        throw new NotSupportedException("This data view only carries a schema.");

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        throw new NotSupportedException("This data view only carries a schema.");
}
