using Microsoft.ML;
using MLNet.Seq2Seq.Mapping;

namespace MLNet.Seq2Seq.Trainers;

/// <summary>Sequence-to-sequence tasks on an <see cref="MLContext"/> (<c>mlContext.Seq2Seq</c>); trainers are under <see cref="Trainers"/>.</summary>
public sealed class Seq2SeqCatalog
{
    private readonly MLContext context;

    internal Seq2SeqCatalog(MLContext context)
    {
        this.context = context;
        Trainers = new Seq2SeqTrainers(context);
    }

    /// <summary>Sequence-to-sequence trainers.</summary>
    public Seq2SeqTrainers Trainers { get; }

    /// <summary>
    /// The whole character-level chain in one estimator: map source and target characters to keys, optionally reverse the
    /// source, train an LSTM encoder-decoder, and map predicted keys back to text in a
    /// <see cref="CharacterSeq2SeqOptions.PredictionColumnName"/> column. The fitted chain needs only the source column.
    /// </summary>
    /// <param name="sourceColumnName">The text column to read.</param>
    /// <param name="targetColumnName">The text column to learn to produce (read by Fit only).</param>
    /// <param name="options">Options; null for the defaults.</param>
    public CharacterSeq2SeqEstimator CharacterSeq2Seq(string sourceColumnName, string targetColumnName, CharacterSeq2SeqOptions? options = null) =>
        new(context, sourceColumnName, targetColumnName, options ?? new CharacterSeq2SeqOptions());

    /// <summary>Scores predicted text against reference text: exact match, character accuracy, character error rate.</summary>
    /// <param name="data">Data holding both columns (typically a fitted model's output).</param>
    /// <param name="labelColumnName">The reference text column.</param>
    /// <param name="predictedColumnName">The predicted text column.</param>
    /// <exception cref="ArgumentOutOfRangeException">A column is missing or is not text.</exception>
    /// <exception cref="ArgumentException">The data has no rows, so there is nothing to score.</exception>
    public Seq2SeqMetrics Evaluate(IDataView data, string labelColumnName = "Target", string predictedColumnName = "Prediction") =>
        Seq2SeqEvaluator.Evaluate(data, labelColumnName, predictedColumnName);

    /// <summary>
    /// <paramref name="model"/> (fitted here or loaded by <c>mlContext.Model.Load</c>) with every encoder-decoder in it
    /// decoding as <paramref name="options"/> say; the other steps are kept as they are.
    /// </summary>
    /// <exception cref="ArgumentException">The model holds no encoder-decoder.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the exception names it).</exception>
    public ITransformer WithDecoding(ITransformer model, DecodingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return ReplaceEncoderDecoders(model, e => e.WithDecoding(options));
    }

    /// <summary>
    /// <paramref name="model"/> (fitted here or loaded by <c>mlContext.Model.Load</c>) with every encoder-decoder in it
    /// decoding <paramref name="batchSize"/> rows at a time on <paramref name="engine"/> when the model transforms a data
    /// view, for example <c>new TorchSharpEngine("cuda")</c>; see <see cref="LstmEncoderDecoderTransformer.WithDecodingEngine"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The model holds no encoder-decoder.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is not positive.</exception>
    public ITransformer WithDecodingEngine(ITransformer model, Seq2SeqEngine engine, int batchSize = 512)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        return ReplaceEncoderDecoders(model, e => e.WithDecodingEngine(engine, batchSize));
    }

    /// <summary><paramref name="model"/> with every encoder-decoder in it producing at most <paramref name="maxOutputLength"/> tokens a row.</summary>
    /// <exception cref="ArgumentException">The model holds no encoder-decoder.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxOutputLength"/> is not positive.</exception>
    public ITransformer WithMaxOutputLength(ITransformer model, int maxOutputLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxOutputLength);
        return ReplaceEncoderDecoders(model, e => e.WithMaxOutputLength(maxOutputLength));
    }

    /// <summary>
    /// The steps of this library in <paramref name="model"/>, in order, nested chains included; a model loaded by
    /// <c>mlContext.Model.Load</c> holds ML.NET's own types, from which the steps are read back (their state is
    /// verified, so a damaged model fails here with <see cref="InvalidDataException"/>).
    /// </summary>
    public IReadOnlyList<ChainBackedTransformer> FindSteps(ITransformer model) => SavedSteps.Find(model);

    /// <summary>
    /// Loads a model file written by <c>mlContext.Model.Save</c> and verifies every step of this library in it at once
    /// (<c>mlContext.Model.Load</c> reads our steps' state only at the first row). The steps come back as this library's
    /// transformers, so <see cref="WithDecoding"/> and <see cref="FindSteps"/> work on them as on a fitted model.
    /// </summary>
    /// <exception cref="FileNotFoundException">No file exists at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file is damaged, or is a model file of this library's first format, which must be retrained; the message names the file.</exception>
    public ITransformer LoadModel(string path, out DataViewSchema inputSchema) => SavedSteps.Load(context, path, out inputSchema);

    private static ITransformer ReplaceEncoderDecoders(ITransformer model, Func<Trainers.LstmEncoderDecoderTransformer, ITransformer> replace)
    {
        ArgumentNullException.ThrowIfNull(model);
        bool found = false;
        ITransformer result = SavedSteps.Replace(model, step =>
        {
            if (step is Trainers.LstmEncoderDecoderTransformer encoderDecoder)
            {
                found = true;
                return replace(encoderDecoder);
            }

            return step;
        });
        return found ? result : throw new ArgumentException($"The model ({model.GetType().Name}) holds no encoder-decoder.", nameof(model));
    }

    /// <summary>Sequence-to-sequence trainers (<c>mlContext.Seq2Seq.Trainers</c>).</summary>
    public sealed class Seq2SeqTrainers
    {
        private readonly MLContext context;

        internal Seq2SeqTrainers(MLContext context) => this.context = context;

        /// <summary>An LSTM (or GRU) encoder-decoder trained on a source and a target key-vector column.</summary>
        /// <param name="options">Options, including the column names; null for the defaults.</param>
        public LstmEncoderDecoderTrainer LstmEncoderDecoder(LstmEncoderDecoderOptions? options = null) =>
            new(context, options ?? new LstmEncoderDecoderOptions());
    }
}
