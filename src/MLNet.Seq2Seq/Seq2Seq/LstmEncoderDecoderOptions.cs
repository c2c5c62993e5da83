using Microsoft.ML;

namespace MLNet.Seq2Seq.Trainers;

/// <summary>Options of the LSTM encoder-decoder trainer. Every property documents its default.</summary>
public sealed class LstmEncoderDecoderOptions
{
    /// <summary>The source key-vector column (with a KeyValues vocabulary). Default "SourceKeys".</summary>
    public string SourceColumnName { get; set; } = "SourceKeys";

    /// <summary>The target key-vector column (with a KeyValues vocabulary); only fitting reads it. Default "TargetKeys".</summary>
    public string TargetColumnName { get; set; } = "TargetKeys";

    /// <summary>The predicted key-vector column, carrying the target vocabulary. Default "PredictedKeys".</summary>
    public string PredictedColumnName { get; set; } = "PredictedKeys";

    /// <summary>
    /// The column with the probability the model gave each predicted key (a float vector as long as the prediction).
    /// Default "PredictedProbabilities".
    /// </summary>
    public string ProbabilitiesColumnName { get; set; } = "PredictedProbabilities";

    /// <summary>Width of the source and target token embeddings. Default 16.</summary>
    public int EmbeddingSize { get; set; } = 16;

    /// <summary>Width of every LSTM state. Default 128.</summary>
    public int HiddenSize { get; set; } = 128;

    /// <summary>LSTM layers in the encoder and in the decoder. Default 1.</summary>
    public int Layers { get; set; } = 1;

    /// <summary>Dropout probability on every LSTM layer's input during training, in [0, 1). Default 0.</summary>
    public float Dropout { get; set; }

    /// <summary>How the decoder takes the context. Default <see cref="DecoderForm.Peeky"/>.</summary>
    public DecoderForm Decoder { get; set; } = DecoderForm.Peeky;

    /// <summary>Which encoder state initializes the decoder. Default <see cref="ContextKind.HiddenAndCell"/>.</summary>
    public ContextKind Context { get; set; } = ContextKind.HiddenAndCell;

    /// <summary>Passes over the training data. Default 25.</summary>
    public int Epochs { get; set; } = 25;

    /// <summary>Examples per update. Default 128.</summary>
    public int BatchSize { get; set; } = 128;

    /// <summary>Adam's learning rate. Default 0.001.</summary>
    public float LearningRate { get; set; } = 0.001f;

    /// <summary>Global gradient-norm clipping threshold; 0 turns clipping off. Default 5.</summary>
    public float GradientClipNorm { get; set; } = 5f;

    /// <summary>Probability, in [0, 1], of feeding the ground-truth previous token during training (1 = always). Default 1.</summary>
    public float TeacherForcingRatio { get; set; } = 1f;

    /// <summary>The teacher-forcing ratio reached at the last epoch when <see cref="TeacherForcingDecay"/> is not None, in [0, 1]. Default 0.</summary>
    public float FinalTeacherForcingRatio { get; set; }

    /// <summary>How the teacher-forcing ratio decays over epochs (scheduled sampling). Default <see cref="Trainers.TeacherForcingDecay.None"/>.</summary>
    public TeacherForcingDecay TeacherForcingDecay { get; set; } = TeacherForcingDecay.None;

    /// <summary>
    /// Data with the same key columns as the training data, scored by exact match after every epoch; the best epoch's
    /// weights are kept. Default null (no validation; the last epoch's weights are kept).
    /// </summary>
    public IDataView? ValidationData { get; set; }

    /// <summary>Epochs without a better validation score before training stops; 0 never stops early. Default 0.</summary>
    public int Patience { get; set; }

    /// <summary>Seed for initialization, shuffling, dropout and sampling. Default null: the context's seed, else 0.</summary>
    public int? Seed { get; set; }

    /// <summary>Worker threads; results do not depend on it. Default null: one per processor.</summary>
    public int? Threads { get; set; }

    /// <summary>Longest output decoding produces. Default null: twice the longest training target, plus 2.</summary>
    public int? MaxOutputLength { get; set; }

    /// <summary>Receives a report after every batch and epoch. Default null.</summary>
    public IProgress<TrainingProgress>? Progress { get; set; }

    /// <summary>Stops training with an <see cref="OperationCanceledException"/> when cancelled. Default none.</summary>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>
    /// A folder where, after every epoch, the full training state (weights, optimizer state, best weights and score,
    /// patience counter, history) is saved atomically to <c>checkpoint.zip</c>, replacing the previous epoch's. Created
    /// when missing. Default null: no checkpoints.
    /// </summary>
    public string? CheckpointDirectory { get; set; }

    /// <summary>
    /// Whether fitting continues from the checkpoint in <see cref="CheckpointDirectory"/> instead of starting afresh. The
    /// data and options must be those of the run that wrote it (the learning rate and clipping threshold may change);
    /// with them unchanged, the result is bit-identical to an uninterrupted run. Default false.
    /// </summary>
    public bool ResumeFromCheckpoint { get; set; }

    /// <summary>How the <see cref="DecoderForm.Attention"/> decoder scores encoder states; ignored by the other forms. Default <see cref="AttentionScoring.Additive"/>.</summary>
    public AttentionScoring Attention { get; set; } = AttentionScoring.Additive;

    /// <summary>
    /// Whether the <see cref="DecoderForm.Attention"/> decoder feeds each step's attentional vector into the next step's
    /// input (Luong's input feeding); ignored by the other forms. Default false.
    /// </summary>
    public bool InputFeeding { get; set; }

    /// <summary>
    /// The attention-weights column that <see cref="DecoderForm.Attention"/> models add: a float vector of
    /// (predicted length × source length) weights, row-major, so row i (the source length's worth of values starting at
    /// i × source length) is the distribution over source positions when predicted key i was chosen; the source
    /// length is the length of the row's source key vector (after any reversal). Other forms add no such column.
    /// Default "Attention".
    /// </summary>
    public string AttentionColumnName { get; set; } = "Attention";

    /// <summary>
    /// Whether every encoder layer also reads the source backwards, each row from its own last real token; the two
    /// directions' final states and the top layer's outputs are projected back to <see cref="HiddenSize"/> by learned
    /// bridges. Default false.
    /// </summary>
    public bool Bidirectional { get; set; }

    /// <summary>
    /// The recurrent cell of every encoder and decoder layer. Default <see cref="RecurrentCell.Lstm"/>. A GRU has no
    /// cell state, so with <see cref="ContextKind.HiddenAndCell"/> the decoder starts from the hidden state alone.
    /// </summary>
    public RecurrentCell Cell { get; set; } = RecurrentCell.Lstm;

    /// <summary>
    /// The engine the network trains on: <see cref="Seq2SeqEngine.Managed"/>, or another package's engine such as
    /// <c>new TorchSharpEngine(device: "cuda:0")</c> from <c>MLNet.Seq2Seq.TorchSharp</c>. Whatever trains it, the fitted
    /// transformer predicts with the managed engine and saves the same model file, which records the engine and
    /// device. <see cref="Threads"/> applies to every engine. Default <see cref="Seq2SeqEngine.Managed"/>.
    /// </summary>
    public Seq2SeqEngine Engine { get; set; } = Seq2SeqEngine.Managed;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid option.</summary>
    internal void Validate()
    {
        static void Positive(int value, string name)
        {
            if (value <= 0)
            {
                throw new ArgumentOutOfRangeException(name, value, $"{name} must be greater than 0.");
            }
        }

        static void Fraction(float value, string name, bool allowOne = true)
        {
            if (!(value >= 0 && (allowOne ? value <= 1 : value < 1)))
            {
                throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [0, 1{(allowOne ? "]" : ")")}.");
            }
        }

        Positive(EmbeddingSize, nameof(EmbeddingSize));
        Positive(HiddenSize, nameof(HiddenSize));
        Positive(Layers, nameof(Layers));
        Positive(Epochs, nameof(Epochs));
        Positive(BatchSize, nameof(BatchSize));
        Fraction(Dropout, nameof(Dropout), allowOne: false);
        Fraction(TeacherForcingRatio, nameof(TeacherForcingRatio));
        Fraction(FinalTeacherForcingRatio, nameof(FinalTeacherForcingRatio));
        if (!(LearningRate > 0 && float.IsFinite(LearningRate)))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, $"{nameof(LearningRate)} must be a finite number greater than 0.");
        }

        if (!(GradientClipNorm >= 0 && float.IsFinite(GradientClipNorm)))
        {
            throw new ArgumentOutOfRangeException(nameof(GradientClipNorm), GradientClipNorm, $"{nameof(GradientClipNorm)} must be a finite number, 0 or more.");
        }

        if (!Enum.IsDefined(Decoder))
        {
            throw new ArgumentOutOfRangeException(nameof(Decoder), Decoder, $"{nameof(Decoder)} must be one of {string.Join(", ", Enum.GetNames<DecoderForm>())}.");
        }

        if (!Enum.IsDefined(Context))
        {
            throw new ArgumentOutOfRangeException(nameof(Context), Context, $"{nameof(Context)} must be one of {string.Join(", ", Enum.GetNames<ContextKind>())}.");
        }

        if (!Enum.IsDefined(TeacherForcingDecay))
        {
            throw new ArgumentOutOfRangeException(nameof(TeacherForcingDecay), TeacherForcingDecay, $"{nameof(TeacherForcingDecay)} must be one of {string.Join(", ", Enum.GetNames<TeacherForcingDecay>())}.");
        }

        if (!Enum.IsDefined(Attention))
        {
            throw new ArgumentOutOfRangeException(nameof(Attention), Attention, $"{nameof(Attention)} must be one of {string.Join(", ", Enum.GetNames<AttentionScoring>())}.");
        }

        if (!Enum.IsDefined(Cell))
        {
            throw new ArgumentOutOfRangeException(nameof(Cell), Cell, $"{nameof(Cell)} must be one of {string.Join(", ", Enum.GetNames<RecurrentCell>())}.");
        }

        if (Patience < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Patience), Patience, $"{nameof(Patience)} must be 0 or more.");
        }

        if (Threads is { } threads)
        {
            Positive(threads, nameof(Threads));
        }

        if (MaxOutputLength is { } maxOutputLength)
        {
            Positive(maxOutputLength, nameof(MaxOutputLength));
        }

        if (Engine is null)
        {
            throw new ArgumentNullException(nameof(Engine), $"{nameof(Engine)} must name an engine, for example {nameof(Seq2SeqEngine)}.{nameof(Seq2SeqEngine.Managed)}.");
        }

        if (ResumeFromCheckpoint && string.IsNullOrWhiteSpace(CheckpointDirectory))
        {
            throw new ArgumentException($"{nameof(ResumeFromCheckpoint)} needs {nameof(CheckpointDirectory)} to name the folder with the checkpoint.", nameof(ResumeFromCheckpoint));
        }

        foreach (var (value, name) in new[] { (SourceColumnName, nameof(SourceColumnName)), (TargetColumnName, nameof(TargetColumnName)), (PredictedColumnName, nameof(PredictedColumnName)), (ProbabilitiesColumnName, nameof(ProbabilitiesColumnName)), (AttentionColumnName, nameof(AttentionColumnName)) })
        {
            if (string.IsNullOrEmpty(value))
            {
                throw new ArgumentException($"{name} must name a column.", name);
            }
        }
    }

    /// <summary>A copy, so later changes by the caller do not affect a built estimator.</summary>
    internal LstmEncoderDecoderOptions Clone() => (LstmEncoderDecoderOptions)MemberwiseClone();
}
