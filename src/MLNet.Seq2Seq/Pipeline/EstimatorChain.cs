using System.Collections;

namespace MLNet.Seq2Seq;

/// <summary>Estimators fitted one after another, each on the output of the previous ones' transformers.</summary>
/// <typeparam name="TLastTransformer">The transformer type of the last estimator.</typeparam>
public sealed class EstimatorChain<TLastTransformer> : IEstimator<TransformerChain<TLastTransformer>>, IEnumerable<IEstimator<ITransformer>>
    where TLastTransformer : class, ITransformer
{
    private readonly IEstimator<ITransformer>[] _estimators;

    /// <summary>An empty chain.</summary>
    public EstimatorChain()
    {
        _estimators = [];
    }

    private EstimatorChain(IEstimator<ITransformer>[] estimators)
    {
        _estimators = estimators;
    }

    /// <summary>The last estimator (null for an empty chain).</summary>
    public IEstimator<TLastTransformer>? LastEstimator => _estimators.Length == 0 ? null : (IEstimator<TLastTransformer>)_estimators[^1];

    /// <inheritdoc />
    public TransformerChain<TLastTransformer> Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(SchemaShape.Create(input.Schema));
        var transformers = new ITransformer[_estimators.Length];
        IDataView data = input;
        for (int i = 0; i < _estimators.Length; i++)
        {
            transformers[i] = _estimators[i].Fit(data);
            if (i < _estimators.Length - 1)
            {
                data = transformers[i].Transform(data);
            }
        }

        return new TransformerChain<TLastTransformer>(transformers);
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return _estimators.Aggregate(inputSchema, (shape, estimator) => estimator.GetOutputSchema(shape));
    }

    /// <summary>A chain with <paramref name="estimator"/> appended.</summary>
    public EstimatorChain<TNewLast> Append<TNewLast>(IEstimator<TNewLast> estimator)
        where TNewLast : class, ITransformer
    {
        ArgumentNullException.ThrowIfNull(estimator);
        return new EstimatorChain<TNewLast>([.. _estimators, estimator]);
    }

    /// <inheritdoc />
    public IEnumerator<IEstimator<ITransformer>> GetEnumerator() => ((IEnumerable<IEstimator<ITransformer>>)_estimators).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
