using System.Globalization;
using MLNet.Seq2Seq.Data;
using MLNet.Seq2Seq.Engine.Models;
using MLNet.Seq2Seq.Training;
using MLNet.Seq2Seq.Transforms.Text;

namespace MLNet.Seq2Seq.Trainers;

/// <summary>
/// Trains an LSTM encoder-decoder on a source key-vector column and a target key-vector column (both with
/// vocabularies). The trainer adds the target vocabulary's start and end keys itself. Fitting gives an
/// <see cref="LstmEncoderDecoderTransformer"/> that predicts a key-vector column carrying the target vocabulary.
/// </summary>
public sealed class LstmEncoderDecoderTrainer : IEstimator<LstmEncoderDecoderTransformer>
{
    private const string LogSource = "LstmEncoderDecoder";
    private readonly Seq2SeqContext context;
    private readonly LstmEncoderDecoderOptions options;

    internal LstmEncoderDecoderTrainer(Seq2SeqContext context, LstmEncoderDecoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.context = context;
        this.options = options.Clone();
    }

    /// <inheritdoc />
    public LstmEncoderDecoderTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var sourceColumn = KeySequences.Require(input.Schema, options.SourceColumnName);
        var targetColumn = KeySequences.Require(input.Schema, options.TargetColumnName);
        string[] sourceVocabulary = KeySequences.Vocabulary(sourceColumn);
        string[] targetVocabulary = KeySequences.Vocabulary(targetColumn);
        int start = KeySequences.Special(targetVocabulary, SpecialKeys.StartName, targetColumn.Name);
        int end = KeySequences.Special(targetVocabulary, SpecialKeys.EndName, targetColumn.Name);

        var train = ReadPairs(input, "training", sourceVocabulary, targetVocabulary);
        SequencePairs? valid = null;
        if (options.ValidationData is { } validation)
        {
            valid = ReadPairs(validation, "validation", sourceVocabulary, targetVocabulary);
        }

        int longestTarget = train.Targets.Max(t => t.Length);
        var settings = new TrainingSettings
        {
            Epochs = options.Epochs,
            BatchSize = options.BatchSize,
            LearningRate = options.LearningRate,
            GradientClipNorm = options.GradientClipNorm,
            TeacherForcingRatio = options.TeacherForcingRatio,
            FinalTeacherForcingRatio = options.FinalTeacherForcingRatio,
            TeacherForcingDecay = options.TeacherForcingDecay,
            Patience = options.Patience,
            Seed = (ulong)(options.Seed ?? context.Seed ?? 0),
            Threads = options.Threads ?? Environment.ProcessorCount,
            MaxOutputLength = options.MaxOutputLength ?? 2 * longestTarget + 2,
            Checkpoints = options.CheckpointDirectory is { } directory
                ? new CheckpointOptions(directory, options.ResumeFromCheckpoint, sourceVocabulary, targetVocabulary)
                : null,
        };
        var shape = new NetworkShape(sourceVocabulary.Length, targetVocabulary.Length, options.EmbeddingSize, options.HiddenSize,
            options.Layers, options.Decoder, options.Context, options.Dropout, options.Attention, options.InputFeeding,
            options.Bidirectional, options.Cell);
        context.WriteLog(ChannelMessageKind.Info, LogSource, string.Create(CultureInfo.InvariantCulture,
            $"Training on {train.Count} pairs ({valid?.Count ?? 0} for validation): {options.Decoder} decoder{(options.Decoder == DecoderForm.Attention ? $" ({options.Attention}{(options.InputFeeding ? ", input feeding" : "")})" : "")}, {(options.Bidirectional ? "bidirectional " : "")}{options.Cell} encoder, {options.Layers} layer(s), hidden {options.HiddenSize}, embedding {options.EmbeddingSize}, {options.Epochs} epochs of batch {options.BatchSize}."));
        var progress = new Progress(context, options.Progress);
        var result = new Seq2SeqTrainer(settings, start, end).Train(shape, train, valid, progress, options.CancellationToken);
        return new LstmEncoderDecoderTransformer(context, new LstmEncoderDecoderTransformer.Model(
            result.Network, sourceVocabulary, targetVocabulary, start, end, settings.MaxOutputLength,
            options.SourceColumnName, options.PredictedColumnName, options.ProbabilitiesColumnName, result.History,
            options.AttentionColumnName));
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        foreach (string name in new[] { options.SourceColumnName, options.TargetColumnName })
        {
            ColumnChecks.Require(inputSchema, name, c => c.IsKeyVector && c.HasKeyValues, KeySequences.ExpectedType);
        }

        List<SchemaShape.Column> columns =
        [
            new SchemaShape.Column(options.PredictedColumnName, SchemaShape.Column.VectorKind.VariableVector, KeyColumns.UnknownCountKey, isKey: true, KeyColumns.KeyValuesShape),
            new SchemaShape.Column(options.ProbabilitiesColumnName, SchemaShape.Column.VectorKind.VariableVector, NumberDataViewType.Single, isKey: false),
        ];
        if (options.Decoder == DecoderForm.Attention)
        {
            columns.Add(new SchemaShape.Column(options.AttentionColumnName, SchemaShape.Column.VectorKind.VariableVector, NumberDataViewType.Single, isKey: false));
        }

        return KeyColumns.Append(inputSchema, [.. columns]);
    }

    /// <summary>
    /// Reads both key columns in one pass. Their vocabularies must be the training data's, so that a key means the
    /// same character in training and validation; every row needs a non-empty source.
    /// </summary>
    private SequencePairs ReadPairs(IDataView data, string role, string[] sourceVocabulary, string[] targetVocabulary)
    {
        var source = KeySequences.Require(data.Schema, options.SourceColumnName);
        var target = KeySequences.Require(data.Schema, options.TargetColumnName);
        foreach (var (column, vocabulary) in new[] { (source, sourceVocabulary), (target, targetVocabulary) })
        {
            if (!KeySequences.Vocabulary(column).SequenceEqual(vocabulary))
            {
                throw new ArgumentOutOfRangeException(nameof(data),
                    $"Column '{column.Name}' of the {role} data has a different vocabulary from the training data's; tokenize both with the same fitted transformer.");
            }
        }

        var sources = new List<int[]>();
        var targets = new List<int[]>();
        using (var cursor = data.GetRowCursor([source, target]))
        {
            var getSource = cursor.GetGetter<VBuffer<uint>>(source);
            var getTarget = cursor.GetGetter<VBuffer<uint>>(target);
            VBuffer<uint> keys = default;
            while (cursor.MoveNext())
            {
                getSource(ref keys);
                var sourceTokens = KeySequences.ToEngine(keys.GetValues(), source.Name, cursor.Position, sourceVocabulary.Length);
                if (sourceTokens.Length == 0)
                {
                    throw new InvalidDataException($"Column '{source.Name}', {role} row {cursor.Position}: the source sequence is empty.");
                }

                getTarget(ref keys);
                sources.Add(sourceTokens);
                targets.Add(KeySequences.ToEngine(keys.GetValues(), target.Name, cursor.Position, targetVocabulary.Length));
            }
        }

        return sources.Count > 0 ? new SequencePairs(sources, targets) : throw new InvalidDataException($"The {role} data has no rows.");
    }

    /// <summary>Forwards reports to the caller's progress and the context log (once per epoch).</summary>
    private sealed class Progress(Seq2SeqContext context, IProgress<TrainingProgress>? inner) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            inner?.Report(value);
            if (value.CompletedEpoch is { } epoch)
            {
                string valid = epoch.ValidExactMatch is { } em ? string.Create(CultureInfo.InvariantCulture, $", validation exact match {em:P2}") : "";
                context.WriteLog(ChannelMessageKind.Info, LogSource, string.Create(CultureInfo.InvariantCulture,
                    $"Epoch {epoch.Epoch}/{value.Epochs}: loss {epoch.TrainLoss:F4}, {epoch.TrainSeconds:F2} s, {value.ExamplesPerSecond:F0} examples/s{valid}, ETA {value.EstimatedTimeLeft:hh\\:mm\\:ss}."));
            }
        }
    }
}
