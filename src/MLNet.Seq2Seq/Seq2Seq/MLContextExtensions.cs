using Microsoft.ML;
using MLNet.Seq2Seq.Trainers;

namespace MLNet.Seq2Seq;

/// <summary>Adds <c>mlContext.Seq2Seq</c> and <c>mlContext.Model.CreateThreadSafePredictor</c>.</summary>
public static class MLContextExtensions
{
    /// <summary>The catalog members this library adds to <see cref="MLContext"/>.</summary>
    /// <param name="mlContext">The context whose log and seed the catalog's steps use.</param>
    extension(MLContext mlContext)
    {
        /// <summary>Sequence-to-sequence trainers, the character-level pipeline, evaluation and model helpers.</summary>
        public Seq2SeqCatalog Seq2Seq => new(mlContext);
    }

    /// <summary>
    /// A predictor that any number of threads may call at once, built on ML.NET's (single-threaded) prediction engine:
    /// each call borrows an engine from a pool. This is the pattern to register as a singleton in ASP.NET Core.
    /// </summary>
    /// <typeparam name="TSrc">The input class.</typeparam>
    /// <typeparam name="TDst">The output class.</typeparam>
    /// <param name="catalog">The model operations catalog.</param>
    /// <param name="model">A fitted or loaded model.</param>
    public static ThreadSafePredictor<TSrc, TDst> CreateThreadSafePredictor<TSrc, TDst>(this ModelOperationsCatalog catalog, ITransformer model)
        where TSrc : class
        where TDst : class, new()
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(model);
        return new ThreadSafePredictor<TSrc, TDst>(() => catalog.CreatePredictionEngine<TSrc, TDst>(model));
    }
}
