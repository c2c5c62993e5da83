namespace MLNet.Seq2Seq;

/// <summary>An unfitted step: learns from data and yields a transformer.</summary>
/// <typeparam name="TTransformer">The transformer it produces.</typeparam>
public interface IEstimator<out TTransformer>
    where TTransformer : ITransformer
{
    /// <summary>Learns from <paramref name="input"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A needed input column is missing or has the wrong type.</exception>
    TTransformer Fit(IDataView input);

    /// <summary>The shape of the output for input of <paramref name="inputSchema"/>, without data.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A needed input column is missing or has the wrong shape.</exception>
    SchemaShape GetOutputSchema(SchemaShape inputSchema);
}
