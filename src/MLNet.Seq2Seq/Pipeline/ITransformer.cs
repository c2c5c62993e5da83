namespace MLNet.Seq2Seq;

/// <summary>A fitted step: maps data with one schema to data with another, lazily.</summary>
public interface ITransformer
{
    /// <summary>Whether the transformer maps each row independently (and so can serve a prediction engine).</summary>
    bool IsRowToRowMapper { get; }

    /// <summary>The schema <see cref="Transform"/> would produce for input of <paramref name="inputSchema"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A needed input column is missing or has the wrong type.</exception>
    DataViewSchema GetOutputSchema(DataViewSchema inputSchema);

    /// <summary>The transformed data. Nothing is computed until a cursor of the result moves.</summary>
    IDataView Transform(IDataView input);

    /// <summary>A row-by-row mapper for input of <paramref name="inputSchema"/>.</summary>
    IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema);
}
