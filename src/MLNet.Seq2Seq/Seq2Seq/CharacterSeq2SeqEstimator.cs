using MLNet.Seq2Seq.Transforms.Text;

namespace MLNet.Seq2Seq.Trainers;

/// <summary>
/// Fits the character-level chain: source tokenizer → (source reversal) → LSTM encoder-decoder → keys to text. The
/// target tokenizer is fitted too, but only to give the trainer its keys: it is not part of the fitted chain, so
/// prediction needs no target column.
/// </summary>
public sealed class CharacterSeq2SeqEstimator : IEstimator<TransformerChain<ITransformer>>
{
    private const string SourceKeys = "SourceKeys", TargetKeys = "TargetKeys", PredictedKeys = "PredictedKeys";
    private readonly Seq2SeqContext context;
    private readonly string sourceColumnName;
    private readonly string targetColumnName;
    private readonly CharacterSeq2SeqOptions options;
    private readonly LstmEncoderDecoderOptions trainerOptions;

    internal CharacterSeq2SeqEstimator(Seq2SeqContext context, string sourceColumnName, string targetColumnName, CharacterSeq2SeqOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourceColumnName);
        ArgumentException.ThrowIfNullOrEmpty(targetColumnName);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.PredictionColumnName, nameof(options));
        this.context = context;
        this.sourceColumnName = sourceColumnName;
        this.targetColumnName = targetColumnName;
        this.options = options;
        trainerOptions = (options.Trainer ?? throw new ArgumentNullException(nameof(options), "Trainer options must not be null.")).Clone();
        trainerOptions.SourceColumnName = SourceKeys;
        trainerOptions.TargetColumnName = TargetKeys;
        trainerOptions.PredictedColumnName = PredictedKeys;
        trainerOptions.Validate();
        if (options.MaxSourceLength is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxSourceLength, $"{nameof(CharacterSeq2SeqOptions.MaxSourceLength)} must be greater than 0.");
        }
    }

    /// <inheritdoc />
    public TransformerChain<ITransformer> Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var text = context.Transforms.Text;
        var tokenizerOptions = new CharacterTokenizingOptions
        {
            CaseFolding = options.CaseFolding,
            UnknownCharacterHandling = options.UnknownCharacters,
            MaximumLength = options.MaxSourceLength,
            LengthOverflowHandling = options.SourceLengthOverflow,
        };
        var sourceSteps = new List<ITransformer> { text.TokenizeIntoCharactersAsKeys(SourceKeys, sourceColumnName, tokenizerOptions).Fit(input) };
        if (options.ReverseSource)
        {
            sourceSteps.Add(text.ReverseKeys(SourceKeys, SourceKeys).Fit(sourceSteps[0].Transform(input)));
        }

        var targetTokenizer = text.TokenizeIntoCharactersAsKeys(TargetKeys, targetColumnName,
            new CharacterTokenizingOptions { CaseFolding = options.CaseFolding }).Fit(input);
        IDataView Prepare(IDataView data) => targetTokenizer.Transform(new TransformerChain<ITransformer>([.. sourceSteps]).Transform(data));

        var trainer = trainerOptions.Clone();
        trainer.ValidationData = options.ValidationData is null ? null : Prepare(options.ValidationData);
        var model = context.Seq2Seq.Trainers.LstmEncoderDecoder(trainer).Fit(Prepare(input));
        var keysToText = text.MapKeysToText(options.PredictionColumnName, PredictedKeys).Fit(model.Transform(Prepare(input)));
        return new TransformerChain<ITransformer>([.. sourceSteps, model, keysToText]);
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var text = context.Transforms.Text;
        var shape = text.TokenizeIntoCharactersAsKeys(TargetKeys, targetColumnName).GetOutputSchema(
            text.TokenizeIntoCharactersAsKeys(SourceKeys, sourceColumnName).GetOutputSchema(inputSchema));
        shape = context.Seq2Seq.Trainers.LstmEncoderDecoder(trainerOptions).GetOutputSchema(shape);
        return text.MapKeysToText(options.PredictionColumnName, PredictedKeys).GetOutputSchema(shape);
    }
}
