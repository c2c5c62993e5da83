using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Seq2Seq.Trainers;

/// <summary>
/// The input of <see cref="LstmEncoderDecoderTransformer.WithDecodingEngine"/>'s chain: the input as it is, whose cursor,
/// before it moves onto each block of <see cref="BatchDecoding.BatchSize"/> rows, reads that block's sources with a
/// second cursor (the same rows in the same order) and has them decoded together. ML.NET's transforms read a row from
/// their input before they map it, also when they map rows on several threads, so a row's result is there before the
/// custom mapping asks for it. Rows stay lazy: a cursor that does not need the source column decodes nothing.
/// </summary>
internal sealed class BatchDecodingDataView(IDataView input, string sourceColumnName, BatchDecoding decoding) : IDataView
{
    /// <inheritdoc />
    public bool CanShuffle => input.CanShuffle;

    /// <inheritdoc />
    public DataViewSchema Schema => input.Schema;

    /// <inheritdoc />
    public long? GetRowCount() => input.GetRowCount();

    /// <inheritdoc />
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var needed = columnsNeeded.ToArray();
        var inner = input.GetRowCursor(needed, rand);

        // A shuffled cursor's order cannot be replayed by a second cursor: its rows are decoded one by one.
        int source = input.Schema[sourceColumnName].Index;
        bool readsAhead = rand is null && needed.Any(column => column.Index == source);
        return readsAhead ? new Cursor(inner, input, sourceColumnName, decoding) : inner;
    }

    /// <inheritdoc />
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    /// <summary>The input's cursor, with the input read ahead a block at a time.</summary>
    private sealed class Cursor : DataViewRowCursor
    {
        private readonly DataViewRowCursor inner;
        private readonly DataViewRowCursor ahead;
        private readonly ValueGetter<VBuffer<uint>> readSource;
        private readonly BatchDecoding decoding;
        private readonly List<int[]> block = [];
        private VBuffer<uint> source;
        private int rowsLeftInBlock;

        public Cursor(DataViewRowCursor inner, IDataView input, string sourceColumnName, BatchDecoding decoding)
        {
            this.inner = inner;
            this.decoding = decoding;
            var column = input.Schema[sourceColumnName];
            ahead = input.GetRowCursor([column]);
            readSource = ahead.GetGetter<VBuffer<uint>>(column);
        }

        public override long Position => inner.Position;

        public override long Batch => inner.Batch;

        public override DataViewSchema Schema => inner.Schema;

        public override bool MoveNext()
        {
            if (rowsLeftInBlock == 0)
            {
                ReadBlock();
            }

            if (!inner.MoveNext())
            {
                return false;
            }

            rowsLeftInBlock--;
            return true;
        }

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => inner.GetGetter<TValue>(column);

        public override ValueGetter<DataViewRowId> GetIdGetter() => inner.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) => inner.IsColumnActive(column);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                ahead.Dispose();
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private void ReadBlock()
        {
            block.Clear();
            int rows = 0;
            while (rows < decoding.BatchSize && ahead.MoveNext())
            {
                rows++;
                readSource(ref source);
                if (decoding.EngineSourceOrNull(source.IsDense ? source.GetValues() : source.DenseValues().ToArray()) is { } keys)
                {
                    block.Add(keys);
                }
            }

            decoding.DecodeBlock(block);
            rowsLeftInBlock = rows;
        }
    }
}
