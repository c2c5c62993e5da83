using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Seq2Seq.Engine.Models;
using MLNet.Seq2Seq.Mapping;

namespace MLNet.Seq2Seq.Trainers;

/// <summary>
/// A trained LSTM (or GRU) encoder-decoder: maps the source key-vector column to a predicted key-vector column over the
/// target vocabulary (greedy decoding by default, beam search with <see cref="WithDecoding"/>), a column with each
/// predicted key's probability and, for attention models, a column with the attention weights (see
/// <see cref="AttentionColumnName"/>). Rows are decoded lazily as a cursor reaches them; the target column is not needed.
/// </summary>
public sealed class LstmEncoderDecoderTransformer : ChainBackedTransformer
{
    internal LstmEncoderDecoderTransformer(Model model, DecodingOptions? decoding = null)
        : this(new EncoderDecoderMapping(model, decoding ?? new DecodingOptions()))
    {
    }

    internal LstmEncoderDecoderTransformer(EncoderDecoderMapping mapping, BatchDecoding? batchDecoding = null)
    {
        Mapping = mapping;
        this.batchDecoding = batchDecoding;
        BuildChainNow();
    }

    private readonly BatchDecoding? batchDecoding;
    private TransformerChain<ITransformer>? batchDecodingChain;

    /// <summary>The source key-vector column read.</summary>
    public string SourceColumnName => Trained.SourceColumnName;

    /// <summary>The predicted key-vector column written.</summary>
    public string PredictedColumnName => Trained.PredictedColumnName;

    /// <summary>The per-key probability column written.</summary>
    public string ProbabilitiesColumnName => Trained.ProbabilitiesColumnName;

    /// <summary>
    /// The attention-weights column written by an attention model, else null: per row a float vector of (predicted
    /// length × source length) weights, row-major, where the source length is that of the row's source without padding.
    /// </summary>
    public string? AttentionColumnName => Trained.Network.Attention is null ? null : Trained.AttentionColumnName;

    /// <summary>The source vocabulary: entry k - 1 names key k.</summary>
    public IReadOnlyList<string> SourceVocabulary => Trained.SourceVocabulary;

    /// <summary>The target vocabulary: entry k - 1 names key k.</summary>
    public IReadOnlyList<string> TargetVocabulary => Trained.TargetVocabulary;

    /// <summary>Longest output decoding produces.</summary>
    public int MaxOutputLength => Trained.MaxOutputLength;

    /// <summary>Number of trainable scalars.</summary>
    public int ParameterCount => Trained.Network.Parameters.Count;

    /// <summary>What each training epoch did.</summary>
    public IReadOnlyList<EpochSummary> TrainingHistory => Trained.History;

    /// <summary>
    /// The engine that trained the network, for example "managed" or "torchsharp"; whichever it was, the transformer
    /// predicts with the managed engine. Models saved before engines were recorded read as "managed".
    /// </summary>
    public string TrainingEngine => Trained.TrainedWith.Engine;

    /// <summary>The device the network was trained on, for example "cpu" or "cuda:0".</summary>
    public string TrainingDevice => Trained.TrainedWith.Device;

    /// <summary>How this transformer decodes (a copy): greedy unless <see cref="WithDecoding"/> chose beam search.</summary>
    public DecodingOptions Decoding => Mapping.Decoding.Clone();

    /// <summary>
    /// The engine <see cref="ITransformer.Transform"/> decodes blocks of rows on (see <see cref="WithDecodingEngine"/>),
    /// or null: each row is decoded on its own by the managed engine, as prediction engines always do.
    /// </summary>
    public Seq2SeqEngine? DecodingEngine => batchDecoding?.Engine;

    /// <summary>Rows <see cref="ITransformer.Transform"/> decodes together on <see cref="DecodingEngine"/>; 1 when that is null.</summary>
    public int DecodingBatchSize => batchDecoding?.BatchSize ?? 1;

    internal Model Trained => Mapping.Model;

    internal EncoderDecoderMapping Mapping { get; }

    /// <summary>
    /// The same trained network, decoding as <paramref name="options"/> say (for example beam search with
    /// <see cref="DecodingOptions.BeamWidth"/> 5). Saving the returned transformer saves the options with it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the exception names it).</exception>
    public LstmEncoderDecoderTransformer WithDecoding(DecodingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var copy = options.Clone();
        copy.Validate();
        return KeepingDecodingEngine(new(Trained, copy));
    }

    /// <summary>
    /// The same trained network, with <see cref="ITransformer.Transform"/> decoding <paramref name="batchSize"/> rows at
    /// a time on <paramref name="engine"/>: for example <c>new TorchSharpEngine("cuda")</c> from MLNet.Seq2Seq.TorchSharp to
    /// score a large data view on a GPU, or <see cref="Seq2SeqEngine.Managed"/> to spread each block over the CPU's
    /// cores. The outputs are those of the per-row managed decoding (greedy or beam, as <see cref="Decoding"/> says), up
    /// to float rounding in the probabilities and scores on another engine. The engine is a choice of this process:
    /// prediction engines still decode one row at a time on the managed engine, and saving the returned transformer
    /// saves the same model as this one. The weights are copied to the engine here, so an engine that cannot run fails
    /// here, naming its device; that copy (on a GPU, device memory) lives as long as the returned transformer and is
    /// freed when it is collected.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is not positive.</exception>
    public LstmEncoderDecoderTransformer WithDecodingEngine(Seq2SeqEngine engine, int batchSize = 512)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        return new(Mapping, new BatchDecoding(Mapping, engine, batchSize));
    }

    /// <summary>The same trained network, decoding at most <paramref name="maxOutputLength"/> tokens per row.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxOutputLength"/> is not positive.</exception>
    public LstmEncoderDecoderTransformer WithMaxOutputLength(int maxOutputLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxOutputLength);
        return KeepingDecodingEngine(new(Trained with { MaxOutputLength = maxOutputLength }, Mapping.Decoding));
    }

    private protected override IDataView TransformChecked(IDataView input)
    {
        if (batchDecoding is null)
        {
            return base.TransformChecked(input);
        }

        batchDecodingChain ??= BuildChain(batchDecoding.Map);
        return batchDecodingChain.Transform(new BatchDecodingDataView(input, SourceColumnName, batchDecoding));
    }

    private LstmEncoderDecoderTransformer KeepingDecodingEngine(LstmEncoderDecoderTransformer changed) =>
        batchDecoding is null ? changed : changed.WithDecodingEngine(batchDecoding.Engine, batchDecoding.BatchSize);

    private protected override void CheckInputSchema(DataViewSchema inputSchema)
    {
        var source = KeySequences.Require(inputSchema, SourceColumnName);
        int sourceVocabulary = (int)((KeyDataViewType)((VectorDataViewType)source.Type).ItemType).Count;
        if (sourceVocabulary != Trained.SourceVocabulary.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(inputSchema),
                $"Input column '{SourceColumnName}' has a vocabulary of {sourceVocabulary} keys; the model was trained on {Trained.SourceVocabulary.Length}.");
        }
    }

    private protected override TransformerChain<ITransformer> BuildChain() => BuildChain(new EncoderDecoderFactory().GetMapping());

    /// <summary>The saved chain, with <paramref name="map"/> as its custom mapping's action (the saved contract is the same).</summary>
    private TransformerChain<ITransformer> BuildChain(Action<EncoderDecoderInput, EncoderDecoderOutput> map)
    {
        string payload = Mapping.Save();
        EncoderDecoderMapping.Cache.Register(payload, Mapping);
        var schema = new DataViewSchema.Builder();
        schema.AddColumn(SourceColumnName, KeyValues.KeyVectorType(Trained.SourceVocabulary), KeyValues.Annotations(Trained.SourceVocabulary));
        var step = new SavedStep()
            .Input(SourceColumnName, SavedColumns.Input)
            .KeyOutput(SavedColumns.Tokens, PredictedColumnName, Trained.TargetVocabulary)
            .Output(SavedColumns.Probabilities, ProbabilitiesColumnName);
        if (AttentionColumnName is { } attention)
        {
            step.Output(SavedColumns.Attention, attention);
        }

        if (Mapping.Decoding.UsesBeamSearch)
        {
            step.Output(SavedColumns.NBestText, Mapping.Decoding.NBestTextColumnName).Output(SavedColumns.NBestScores, Mapping.Decoding.NBestScoresColumnName);
        }

        return step.Build<EncoderDecoderInput, EncoderDecoderOutput>(
            schema.ToSchema(), payload, map, EncoderDecoderFactory.Contract, EncoderDecoderOutput.Columns);
    }

    /// <summary>Everything a trained encoder-decoder is made of; vocabularies hold ML.NET's key values (entry k - 1 names key k).</summary>
    internal sealed record Model(
        Seq2SeqNetwork Network,
        string[] SourceVocabulary,
        string[] TargetVocabulary,
        int MaxOutputLength,
        string SourceColumnName,
        string PredictedColumnName,
        string ProbabilitiesColumnName,
        IReadOnlyList<EpochSummary> History,
        string AttentionColumnName,
        TrainedWith TrainedWith);
}
