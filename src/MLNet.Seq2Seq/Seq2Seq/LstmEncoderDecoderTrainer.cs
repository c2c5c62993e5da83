using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLNet.Seq2Seq.Engine.Models;
using MLNet.Seq2Seq.Mapping;
using MLNet.Seq2Seq.Training;

namespace MLNet.Seq2Seq.Trainers;

/// <summary>
/// Trains an LSTM encoder-decoder on a source key-vector column and a target key-vector column (both with
/// vocabularies in their KeyValues annotations, as MapValueToKey or MapCharactersToKeys make them). Start and end markers
/// and the unknown token are the trainer's own: they need not be in either vocabulary. Fitting gives an
/// <see cref="LstmEncoderDecoderTransformer"/> that predicts a key-vector column carrying the target vocabulary.
/// </summary>
public sealed class LstmEncoderDecoderTrainer : IEstimator<LstmEncoderDecoderTransformer>
{
    /// <summary>The name the trainer logs under in MLContext.Log (the start of each message's Source).</summary>
    internal const string LogSource = "LstmEncoderDecoder";
    private readonly IHost host;
    private readonly LstmEncoderDecoderOptions options;

    internal LstmEncoderDecoderTrainer(MLContext context, LstmEncoderDecoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        host = ((IHostEnvironment)context).Register(LogSource);
        this.options = options.Clone();
    }

    /// <inheritdoc />
    public LstmEncoderDecoderTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var sourceColumn = KeySequences.Require(input.Schema, options.SourceColumnName);
        var targetColumn = KeySequences.Require(input.Schema, options.TargetColumnName);
        string[] sourceVocabulary = KeyValues.Read(sourceColumn);
        string[] targetVocabulary = KeyValues.Read(targetColumn);

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
            Seed = (ulong)(options.Seed ?? host.Rand.Next()),
            Threads = options.Threads ?? Environment.ProcessorCount,
            Engine = options.Engine,
            MaxOutputLength = options.MaxOutputLength ?? 2 * longestTarget + 2,
            Checkpoints = options.CheckpointDirectory is { } directory
                ? new CheckpointOptions(directory, options.ResumeFromCheckpoint, sourceVocabulary, targetVocabulary)
                : null,
        };
        var shape = new NetworkShape(KeySequences.SourceTokens(sourceVocabulary.Length), KeySequences.TargetTokens(targetVocabulary.Length), options.EmbeddingSize, options.HiddenSize,
            options.Layers, options.Decoder, options.Context, options.Dropout, options.Attention, options.InputFeeding,
            options.Bidirectional, options.Cell);
        using IChannel channel = host.Start("Training");
        channel.Info(MessageSensitivity.None, string.Create(CultureInfo.InvariantCulture,
            $"Training on {train.Count} pairs ({valid?.Count ?? 0} for validation): {options.Decoder} decoder{(options.Decoder == DecoderForm.Attention ? $" ({options.Attention}{(options.InputFeeding ? ", input feeding" : "")})" : "")}, {(options.Bidirectional ? "bidirectional " : "")}{options.Cell} encoder, {options.Layers} layer(s), hidden {options.HiddenSize}, embedding {options.EmbeddingSize}, {options.Epochs} epochs of batch {options.BatchSize}, on the {options.Engine.Name} engine ({options.Engine.Device})."));
        var progress = new Progress(channel, options.Progress);
        var result = new Seq2SeqTrainer(settings, KeySequences.Start, KeySequences.End).Train(shape, train, valid, progress, options.CancellationToken);
        return new LstmEncoderDecoderTransformer(new LstmEncoderDecoderTransformer.Model(
            result.Network, sourceVocabulary, targetVocabulary, settings.MaxOutputLength,
            options.SourceColumnName, options.PredictedColumnName, options.ProbabilitiesColumnName, result.History,
            options.AttentionColumnName, new TrainedWith(options.Engine.Name, options.Engine.Device)));
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        foreach (string name in new[] { options.SourceColumnName, options.TargetColumnName })
        {
            ColumnChecks.Require(inputSchema, name, ColumnChecks.IsKeyVectorWithValues, ColumnChecks.KeyVectorWithValues);
        }

        List<SchemaShape.Column> columns =
        [
            SchemaShapes.KeyVector(options.PredictedColumnName),
            SchemaShapes.FloatVector(options.ProbabilitiesColumnName),
        ];
        if (options.Decoder == DecoderForm.Attention)
        {
            columns.Add(SchemaShapes.FloatVector(options.AttentionColumnName));
        }

        return SchemaShapes.Append(inputSchema, [.. columns]);
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
            if (!KeyValues.Read(column).SequenceEqual(vocabulary))
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
                var sourceTokens = KeySequences.SourceToEngine(Dense(keys), source.Name, sourceVocabulary.Length);
                if (sourceTokens.Length == 0)
                {
                    throw new InvalidDataException($"Column '{source.Name}', {role} row {cursor.Position}: the source sequence is empty.");
                }

                getTarget(ref keys);
                sources.Add(sourceTokens);
                targets.Add(KeySequences.TargetToEngine(Dense(keys), target.Name, targetVocabulary.Length));
            }
        }

        return sources.Count > 0 ? new SequencePairs(sources, targets) : throw new InvalidDataException($"The {role} data has no rows.");
    }

    private static ReadOnlySpan<uint> Dense(in VBuffer<uint> keys) => keys.IsDense ? keys.GetValues() : keys.DenseValues().ToArray();

    /// <summary>Forwards reports to the caller's progress and the MLContext log (once per epoch).</summary>
    private sealed class Progress(IChannel channel, IProgress<TrainingProgress>? inner) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            inner?.Report(value);
            if (value.CompletedEpoch is { } epoch)
            {
                string valid = epoch.ValidExactMatch is { } em ? string.Create(CultureInfo.InvariantCulture, $", validation exact match {em:P2}") : "";
                channel.Info(MessageSensitivity.None, string.Create(CultureInfo.InvariantCulture,
                    $"Epoch {epoch.Epoch}/{value.Epochs}: loss {epoch.TrainLoss:F4}, {epoch.TrainSeconds:F2} s, {value.ExamplesPerSecond:F0} examples/s{valid}, ETA {value.EstimatedTimeLeft:hh\\:mm\\:ss}."));
            }
        }
    }
}
