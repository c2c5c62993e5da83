using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Seq2Seq.Mapping;
using MLNet.Seq2Seq.Transforms.Text;

namespace MLNet.Seq2Seq.Trainers;

/// <summary>
/// Fits the character-level chain: source characters to keys → (source reversal) → LSTM encoder-decoder → keys to text.
/// The target's character keys are made too, but only to give the trainer its keys: that step is not part of the
/// fitted chain, so prediction needs no target column.
/// </summary>
public sealed class CharacterSeq2SeqEstimator : IEstimator<TransformerChain<ITransformer>>
{
    private const string SourceKeys = "SourceKeys", TargetKeys = "TargetKeys", PredictedKeys = "PredictedKeys";
    private readonly MLContext context;
    private readonly string sourceColumnName;
    private readonly string targetColumnName;
    private readonly CharacterSeq2SeqOptions options;
    private readonly LstmEncoderDecoderOptions trainerOptions;

    internal CharacterSeq2SeqEstimator(MLContext context, string sourceColumnName, string targetColumnName, CharacterSeq2SeqOptions options)
    {
        ColumnChecks.RequireName(sourceColumnName, nameof(sourceColumnName));
        ColumnChecks.RequireName(targetColumnName, nameof(targetColumnName));
        ArgumentNullException.ThrowIfNull(options);
        ColumnChecks.RequireName(options.PredictionColumnName, nameof(CharacterSeq2SeqOptions.PredictionColumnName));
        ColumnChecks.RequireName(options.UnknownCountColumnName, nameof(CharacterSeq2SeqOptions.UnknownCountColumnName));
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

        SourceOptions().Validate();
    }

    /// <inheritdoc />
    public TransformerChain<ITransformer> Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var text = context.Transforms.Text;
        var sourceSteps = new List<ITransformer> { text.MapCharactersToKeys(SourceKeys, sourceColumnName, SourceOptions()).Fit(input) };
        if (options.ReverseSource)
        {
            sourceSteps.Add(text.ReverseKeys(SourceKeys, SourceKeys).Fit(sourceSteps[0].Transform(input)));
        }

        var targetSteps = text.MapCharactersToKeys(TargetKeys, targetColumnName,
            new CharacterKeyMappingOptions { CaseFolding = options.CaseFolding, UnknownCountColumnName = "TargetUnknownCharacters" }).Fit(input);
        var sourceChain = new TransformerChain<ITransformer>([.. sourceSteps]);
        IDataView Prepare(IDataView data) => targetSteps.Transform(sourceChain.Transform(data));

        var trainer = trainerOptions.Clone();
        trainer.ValidationData = options.ValidationData is null ? null : Prepare(options.ValidationData);
        var model = context.Seq2Seq.Trainers.LstmEncoderDecoder(trainer).Fit(Prepare(input));
        var keysToText = text.MapKeysToText(options.PredictionColumnName, PredictedKeys).Fit(model.Transform(sourceChain.Transform(input)));
        return new TransformerChain<ITransformer>([.. sourceSteps, model, keysToText]);
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        var text = context.Transforms.Text;
        var shape = text.MapCharactersToKeys(TargetKeys, targetColumnName).GetOutputSchema(
            text.MapCharactersToKeys(SourceKeys, sourceColumnName, SourceOptions()).GetOutputSchema(inputSchema));
        shape = context.Seq2Seq.Trainers.LstmEncoderDecoder(trainerOptions).GetOutputSchema(shape);
        return text.MapKeysToText(options.PredictionColumnName, PredictedKeys).GetOutputSchema(shape);
    }

    private CharacterKeyMappingOptions SourceOptions() => new()
    {
        CaseFolding = options.CaseFolding,
        UnknownCharacterHandling = options.UnknownCharacters,
        MaximumLength = options.MaxSourceLength,
        LengthOverflowHandling = options.SourceLengthOverflow,
        UnknownCountColumnName = options.UnknownCountColumnName,
    };
}
