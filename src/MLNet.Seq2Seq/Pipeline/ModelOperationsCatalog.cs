using MLNet.Seq2Seq.Persistence;

namespace MLNet.Seq2Seq;

/// <summary>Saving and loading models, and creating prediction engines.</summary>
public sealed class ModelOperationsCatalog
{
    private const string StreamFileName = "(stream)";

    internal ModelOperationsCatalog(Seq2SeqContext context) => Context = context;

    /// <summary>The owning context.</summary>
    internal Seq2SeqContext Context { get; }

    /// <summary>
    /// Saves <paramref name="model"/> (every step must be a transformer of this library) and the schema of the data it
    /// was fitted on to <paramref name="filePath"/>, replacing any file there atomically.
    /// </summary>
    public void Save(ITransformer model, DataViewSchema inputSchema, string filePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        ModelFile.Save(model, inputSchema, filePath);
    }

    /// <summary>Saves <paramref name="model"/> and <paramref name="inputSchema"/> to <paramref name="stream"/>.</summary>
    public void Save(ITransformer model, DataViewSchema inputSchema, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        string temporary = Path.Combine(Path.GetTempPath(), $"mlnet-seq2seq-{Guid.NewGuid():N}.zip");
        try
        {
            ModelFile.Save(model, inputSchema, temporary);
            using FileStream file = File.OpenRead(temporary);
            file.CopyTo(stream);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Loads a model saved by <see cref="Save(ITransformer, DataViewSchema, string)"/>.</summary>
    /// <param name="filePath">The model file.</param>
    /// <param name="inputSchema">The schema the model was saved with.</param>
    /// <exception cref="InvalidDataException">The file is damaged or malformed; the message names the file and the entry.</exception>
    public ITransformer Load(string filePath, out DataViewSchema inputSchema)
    {
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        if (!File.Exists(filePath))
        {
            throw new FileNotFoundException($"Model file '{Path.GetFullPath(filePath)}' does not exist.", filePath);
        }

        return ModelFile.Load(Context, filePath, filePath, out inputSchema);
    }

    /// <summary>Loads a model from a stream written by <see cref="Save(ITransformer, DataViewSchema, Stream)"/>.</summary>
    public ITransformer Load(Stream stream, out DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(stream);
        string temporary = Path.Combine(Path.GetTempPath(), $"mlnet-seq2seq-{Guid.NewGuid():N}.zip");
        try
        {
            using (FileStream file = File.Create(temporary))
            {
                stream.CopyTo(file);
            }

            return ModelFile.Load(Context, temporary, StreamFileName, out inputSchema);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>
    /// An engine predicting one <typeparamref name="TDst"/> from one <typeparamref name="TSrc"/> at a time. Engines are not
    /// thread-safe: use one per thread, or <see cref="CreateThreadSafePredictor{TSrc, TDst}"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The model needs a column <typeparamref name="TSrc"/> lacks, or produces none for a member of <typeparamref name="TDst"/>.</exception>
    public PredictionEngine<TSrc, TDst> CreatePredictionEngine<TSrc, TDst>(ITransformer model)
        where TSrc : class
        where TDst : class, new()
    {
        ArgumentNullException.ThrowIfNull(model);
        return new PredictionEngine<TSrc, TDst>(model);
    }

    /// <summary>A thread-safe predictor that keeps a pool of prediction engines over the shared <paramref name="model"/>.</summary>
    public ThreadSafePredictor<TSrc, TDst> CreateThreadSafePredictor<TSrc, TDst>(ITransformer model)
        where TSrc : class
        where TDst : class, new()
    {
        ArgumentNullException.ThrowIfNull(model);
        return new ThreadSafePredictor<TSrc, TDst>(model);
    }
}
