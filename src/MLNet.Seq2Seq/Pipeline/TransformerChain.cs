using System.Collections;

namespace MLNet.Seq2Seq;

/// <summary>Transformers applied one after another.</summary>
/// <typeparam name="TLastTransformer">The type of the last transformer.</typeparam>
public sealed class TransformerChain<TLastTransformer> : ITransformer, IEnumerable<ITransformer>
    where TLastTransformer : class, ITransformer
{
    private readonly ITransformer[] _transformers;

    /// <summary>Chains <paramref name="transformers"/>; the last one must be a <typeparamref name="TLastTransformer"/> (or the chain empty).</summary>
    public TransformerChain(params ITransformer[] transformers)
    {
        ArgumentNullException.ThrowIfNull(transformers);
        _transformers = [.. transformers];
        if (_transformers.Length > 0 && _transformers[^1] is not TLastTransformer)
        {
            throw new ArgumentException($"The last transformer is a {_transformers[^1].GetType().Name}, not a {typeof(TLastTransformer).Name}.", nameof(transformers));
        }

        LastTransformer = _transformers.Length == 0 ? null! : (TLastTransformer)_transformers[^1];
    }

    /// <summary>The last transformer (null for an empty chain).</summary>
    public TLastTransformer LastTransformer { get; }

    /// <inheritdoc />
    public bool IsRowToRowMapper => _transformers.All(t => t.IsRowToRowMapper);

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return _transformers.Aggregate(inputSchema, (schema, transformer) => transformer.GetOutputSchema(schema));
    }

    /// <inheritdoc />
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return _transformers.Aggregate(input, (data, transformer) => transformer.Transform(data));
    }

    /// <inheritdoc />
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var mappers = new IRowToRowMapper[_transformers.Length];
        DataViewSchema schema = inputSchema;
        for (int i = 0; i < mappers.Length; i++)
        {
            if (!_transformers[i].IsRowToRowMapper)
            {
                throw new InvalidOperationException($"Step {i} ({_transformers[i].GetType().Name}) does not map rows independently.");
            }

            mappers[i] = _transformers[i].GetRowToRowMapper(schema);
            schema = mappers[i].OutputSchema;
        }

        return new CompositeRowToRowMapper(inputSchema, mappers);
    }

    /// <summary>A chain with <paramref name="transformer"/> appended.</summary>
    public TransformerChain<TNewLast> Append<TNewLast>(TNewLast transformer)
        where TNewLast : class, ITransformer => new([.. _transformers, transformer]);

    /// <inheritdoc />
    public IEnumerator<ITransformer> GetEnumerator() => ((IEnumerable<ITransformer>)_transformers).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
