namespace MLNet.Seq2Seq;

/// <summary>Maps one input row to one output row.</summary>
public interface IRowToRowMapper
{
    /// <summary>The schema input rows must have.</summary>
    DataViewSchema InputSchema { get; }

    /// <summary>The schema of output rows.</summary>
    DataViewSchema OutputSchema { get; }

    /// <summary>The input columns needed to compute <paramref name="dependingColumns"/> of the output.</summary>
    IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns);

    /// <summary>
    /// An output row over <paramref name="input"/> on which <paramref name="activeColumns"/> can be read. The input must
    /// have the columns <see cref="GetDependencies"/> names active. Disposing the output row leaves the input open.
    /// </summary>
    DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns);
}
