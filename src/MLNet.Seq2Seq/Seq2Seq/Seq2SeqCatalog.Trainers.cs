using MLNet.Seq2Seq.Trainers;

namespace MLNet.Seq2Seq;

public sealed partial class Seq2SeqCatalog
{
    /// <summary>
    /// The whole character-level chain in one estimator: tokenize source and target into character keys, optionally
    /// reverse the source, train an LSTM encoder-decoder, and map predicted keys back to text in a
    /// <see cref="CharacterSeq2SeqOptions.PredictionColumnName"/> column. The fitted chain needs only the source column.
    /// </summary>
    /// <param name="sourceColumnName">The text column to read.</param>
    /// <param name="targetColumnName">The text column to learn to produce (read by Fit only).</param>
    /// <param name="options">Options; null for the defaults.</param>
    public CharacterSeq2SeqEstimator CharacterSeq2Seq(string sourceColumnName, string targetColumnName, CharacterSeq2SeqOptions? options = null) =>
        new(Context, sourceColumnName, targetColumnName, options ?? new CharacterSeq2SeqOptions());

    /// <summary>
    /// Scores predicted text against reference text: exact match, character accuracy, character error rate.
    /// </summary>
    /// <param name="data">Data holding both columns (typically a fitted model's output).</param>
    /// <param name="labelColumnName">The reference text column.</param>
    /// <param name="predictedColumnName">The predicted text column.</param>
    public Seq2SeqMetrics Evaluate(IDataView data, string labelColumnName = "Target", string predictedColumnName = "Prediction") =>
        Seq2SeqEvaluator.Evaluate(data, labelColumnName, predictedColumnName);

    public sealed partial class Seq2SeqTrainers
    {
        /// <summary>An LSTM encoder-decoder trained on a source and a target key-vector column.</summary>
        /// <param name="options">Options, including the column names; null for the defaults.</param>
        public LstmEncoderDecoderTrainer LstmEncoderDecoder(LstmEncoderDecoderOptions? options = null) =>
            new(Context, options ?? new LstmEncoderDecoderOptions());
    }
}
