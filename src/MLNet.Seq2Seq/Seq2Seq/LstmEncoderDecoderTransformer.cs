using System.Runtime.CompilerServices;
using MLNet.Seq2Seq.Data;
using MLNet.Seq2Seq.Decoding;
using MLNet.Seq2Seq.Engine.Models;
using MLNet.Seq2Seq.Persistence;
using MLNet.Seq2Seq.Transforms.Text;

namespace MLNet.Seq2Seq.Trainers;

/// <summary>
/// A trained LSTM encoder-decoder: maps the source key-vector column to a predicted key-vector column (greedy
/// decoding by default, beam search with <see cref="WithDecoding"/>; carrying the target vocabulary), a column with
/// each predicted key's probability and, for attention models, a column with the attention weights (see
/// <see cref="AttentionColumnName"/>). Rows are decoded lazily as a cursor reaches them; the target column is not needed.
/// </summary>
public sealed class LstmEncoderDecoderTransformer : RowToRowTransformerBase, ICanSaveModel
{
    internal const string LoaderName = "LstmEncoderDecoder";
    internal const string DefaultAttentionColumnName = "Attention";

    private readonly ConditionalWeakTable<DataViewRow, RowDecoder> rowDecoders = [];
    private readonly DecodingOptions decoding;

    internal LstmEncoderDecoderTransformer(Seq2SeqContext context, Model model, DecodingOptions? decoding = null)
        : base(context)
    {
        Trained = model;
        this.decoding = decoding ?? new DecodingOptions();
    }

    /// <summary>The source key-vector column read.</summary>
    public string SourceColumnName => Trained.SourceColumnName;

    /// <summary>The predicted key-vector column written.</summary>
    public string PredictedColumnName => Trained.PredictedColumnName;

    /// <summary>The per-key probability column written.</summary>
    public string ProbabilitiesColumnName => Trained.ProbabilitiesColumnName;

    /// <summary>
    /// The attention-weights column written by an attention model, else null: per row a float vector of (predicted
    /// length × source length) weights, row-major, where the source length is that of the row's source key vector.
    /// </summary>
    public string? AttentionColumnName => Trained.Network.Attention is null ? null : Trained.AttentionColumnName;

    /// <summary>The target vocabulary, indexed by key.</summary>
    public IReadOnlyList<string> TargetVocabulary => Trained.TargetVocabulary;

    /// <summary>Longest output decoding produces.</summary>
    public int MaxOutputLength => Trained.MaxOutputLength;

    /// <summary>Number of trainable scalars.</summary>
    public int ParameterCount => Trained.Network.Parameters.Count;

    /// <summary>What each training epoch did.</summary>
    public IReadOnlyList<EpochSummary> TrainingHistory => Trained.History;

    /// <summary>How this transformer decodes (a copy): greedy unless <see cref="WithDecoding"/> chose beam search.</summary>
    public DecodingOptions Decoding => decoding.Clone();

    internal Model Trained { get; }

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
        return new(Context, Trained, copy);
    }

    /// <summary>The same trained network, decoding at most <paramref name="maxOutputLength"/> tokens per row.</summary>
    internal LstmEncoderDecoderTransformer WithMaxOutputLength(int maxOutputLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxOutputLength);
        return new(Context, Trained with { MaxOutputLength = maxOutputLength }, decoding);
    }

    string ICanSaveModel.ComponentName => LoaderName;

    void ICanSaveModel.Save(ModelSaveContext context)
    {
        NetworkPersistence.Save(context, Trained);
        DecodingPersistence.Save(context, decoding);
    }

    internal static LstmEncoderDecoderTransformer Load(ModelLoadContext context, Seq2SeqContext env) =>
        new(env, NetworkPersistence.Load(context), DecodingPersistence.Load(context));

    private protected override IReadOnlyList<OutputColumn> BindOutputColumns(DataViewSchema inputSchema)
    {
        var source = KeySequences.Require(inputSchema, SourceColumnName);
        int sourceVocabulary = KeySequences.Vocabulary(source).Length;
        if (sourceVocabulary != Trained.SourceVocabulary.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(inputSchema),
                $"Column '{SourceColumnName}' has a vocabulary of {sourceVocabulary} keys; the model was trained on {Trained.SourceVocabulary.Length}.");
        }

        var keyType = new VectorDataViewType(new KeyDataViewType(typeof(uint), (ulong)Trained.TargetVocabulary.Length));
        var probabilityType = new VectorDataViewType(NumberDataViewType.Single);
        List<OutputColumn> columns =
        [
            OutputColumn.Create<VBuffer<uint>>(PredictedColumnName, keyType, AnnotationUtils.CreateKeyValues(Trained.TargetVocabulary), [source],
                row => FromDecoding(row, source, (RowResult d, ref VBuffer<uint> value) => value = new VBuffer<uint>(d.Best.Keys.Length, [.. d.Best.Keys.Select(k => (uint)k)]))),
            OutputColumn.Create<VBuffer<float>>(ProbabilitiesColumnName, probabilityType, null, [source],
                row => FromDecoding(row, source, (RowResult d, ref VBuffer<float> value) => value = new VBuffer<float>(d.Best.Probabilities.Length, d.Best.Probabilities))),
        ];
        if (decoding.UsesBeamSearch)
        {
            columns.Add(OutputColumn.Create<VBuffer<ReadOnlyMemory<char>>>(decoding.NBestTextColumnName, new VectorDataViewType(TextDataViewType.Instance), null, [source],
                row => FromDecoding(row, source, (RowResult d, ref VBuffer<ReadOnlyMemory<char>> value) =>
                    value = new VBuffer<ReadOnlyMemory<char>>(d.NBest.Length, [.. d.NBest.Select(h => TextOf(h.Keys).AsMemory())]))));
            columns.Add(OutputColumn.Create<VBuffer<float>>(decoding.NBestScoresColumnName, probabilityType, null, [source],
                row => FromDecoding(row, source, (RowResult d, ref VBuffer<float> value) => value = new VBuffer<float>(d.NBest.Length, [.. d.NBest.Select(h => h.Score)]))));
        }

        if (AttentionColumnName is { } attention)
        {
            columns.Add(OutputColumn.Create<VBuffer<float>>(attention, probabilityType, null, [source],
                row => FromDecoding(row, source, (RowResult d, ref VBuffer<float> value) => value = new VBuffer<float>(d.Best.Attention!.Length, d.Best.Attention))));
        }

        return columns;
    }

    private string TextOf(int[] keys) => KeyToTextTransformer.Decode([.. keys.Select(k => (uint)k)], Trained.TargetVocabulary);

    private delegate void Project<TValue>(RowResult decoded, ref TValue value);

    /// <summary>One row's decoding: the best output and, with beam search, the n-best list (empty when greedy).</summary>
    private sealed record RowResult(DecodedSequence Best, ScoredSequence[] NBest);

    /// <summary>A getter projecting the row's decoded sequence; the columns of one row share one decoding.</summary>
    private ValueGetter<TValue> FromDecoding<TValue>(DataViewRow row, DataViewSchema.Column source, Project<TValue> project)
    {
        var rowDecoder = rowDecoders.GetValue(row, r => new RowDecoder(this, r, source));
        return (ref TValue value) => project(rowDecoder.Current(), ref value);
    }

    /// <summary>Decodes one input row's source at most once per row position.</summary>
    private sealed class RowDecoder(LstmEncoderDecoderTransformer owner, DataViewRow row, DataViewSchema.Column source)
    {
        private readonly ValueGetter<VBuffer<uint>> getSource = row.GetGetter<VBuffer<uint>>(source);
        private readonly Func<int[], int, RowResult> decode = CreateDecode(owner);
        private VBuffer<uint> keys;
        private long position = -1;
        private RowResult? decoded;

        public RowResult Current()
        {
            if (decoded is null || position != row.Position)
            {
                getSource(ref keys);
                var model = owner.Trained;
                decoded = decode(KeySequences.ToEngine(keys.GetValues(), source.Name, row.Position, model.SourceVocabulary.Length), model.MaxOutputLength);
                position = row.Position;
            }

            return decoded;
        }

        private static Func<int[], int, RowResult> CreateDecode(LstmEncoderDecoderTransformer owner)
        {
            var model = owner.Trained;
            var options = owner.decoding;
            if (!options.UsesBeamSearch)
            {
                var greedy = new GreedyDecoder(model.Network, model.StartKey, model.EndKey);
                return (keys, maxOutputLength) => new RowResult(greedy.Decode(keys, maxOutputLength), []);
            }

            var beam = new BeamSearchDecoder(model.Network, model.StartKey, model.EndKey, options.BeamWidth, options.NBest, options.LengthPenalty);
            return (keys, maxOutputLength) =>
            {
                var nBest = beam.Decode(keys, maxOutputLength);
                return new RowResult(nBest[0].ToDecoded(), nBest);
            };
        }
    }

    /// <summary>Everything a trained encoder-decoder is made of.</summary>
    internal sealed record Model(
        Seq2SeqNetwork Network,
        string[] SourceVocabulary,
        string[] TargetVocabulary,
        int StartKey,
        int EndKey,
        int MaxOutputLength,
        string SourceColumnName,
        string PredictedColumnName,
        string ProbabilitiesColumnName,
        IReadOnlyList<EpochSummary> History,
        string AttentionColumnName = DefaultAttentionColumnName);
}
