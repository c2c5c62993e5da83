namespace MLNet.Seq2Seq;

/// <summary><c>Append</c> for single estimators and transformers, starting a chain.</summary>
public static class LearningPipelineExtensions
{
    /// <summary>A chain of <paramref name="start"/> followed by <paramref name="estimator"/>.</summary>
    public static EstimatorChain<TTransformer> Append<TTransformer>(this IEstimator<ITransformer> start, IEstimator<TTransformer> estimator)
        where TTransformer : class, ITransformer
    {
        ArgumentNullException.ThrowIfNull(start);
        return start is EstimatorChain<ITransformer> chain
            ? chain.Append(estimator)
            : new EstimatorChain<ITransformer>().Append(start).Append(estimator);
    }

    /// <summary>A chain of <paramref name="start"/> followed by <paramref name="transformer"/>.</summary>
    public static TransformerChain<TTransformer> Append<TTransformer>(this ITransformer start, TTransformer transformer)
        where TTransformer : class, ITransformer
    {
        ArgumentNullException.ThrowIfNull(start);
        return new TransformerChain<TTransformer>(start, transformer);
    }
}
