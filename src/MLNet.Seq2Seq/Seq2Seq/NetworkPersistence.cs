using MLNet.Seq2Seq.Engine.Models;
using MLNet.Seq2Seq.Mapping;
using MLNet.Seq2Seq.Persistence;

namespace MLNet.Seq2Seq.Trainers;

/// <summary>
/// Writes a trained encoder-decoder as a JSON entry (structure, vocabularies, columns, history) plus one float32 tensor
/// entry per parameter, and reads it back, checking every tensor's shape against the structure.
/// </summary>
internal static class NetworkPersistence
{
    private const string StateEntry = "seq2seq.json";
    private const string TensorPrefix = "weights/";

    public static void Save(ArchiveSaveContext context, LstmEncoderDecoderTransformer.Model model)
    {
        var shape = model.Network.Shape;
        context.SaveObject(StateEntry, new State(
            shape.EmbeddingSize, shape.HiddenSize, shape.Layers, shape.Decoder, shape.Context, shape.Dropout,
            model.SourceVocabulary, model.TargetVocabulary, model.MaxOutputLength,
            model.SourceColumnName, model.PredictedColumnName, model.ProbabilitiesColumnName, model.History,
            shape.Attention, shape.InputFeeding, model.AttentionColumnName, shape.Bidirectional, shape.Cell,
            model.TrainedWith.Engine, model.TrainedWith.Device));
        var values = model.Network.Parameters.Values;
        foreach (var parameter in model.Network.Parameters.Parameters)
        {
            context.SaveTensor(TensorPrefix + parameter.Name, parameter.Of(values), parameter.Shape);
        }
    }

    public static LstmEncoderDecoderTransformer.Model Load(ArchiveLoadContext context)
    {
        var s = context.LoadObject<State>(StateEntry);
        if (s.EmbeddingSize <= 0 || s.HiddenSize <= 0 || s.Layers <= 0 || s.MaxOutputLength <= 0 || !(s.Dropout is >= 0 and < 1)
            || !Enum.IsDefined(s.Decoder) || !Enum.IsDefined(s.Context) || !Enum.IsDefined(s.Attention)
            || s.AttentionColumnName is "" || !Enum.IsDefined(s.Cell) || s.TrainingEngine is "" || s.TrainingDevice is ""
            || (s.TrainingEngine is null) != (s.TrainingDevice is null))
        {
            throw context.Malformed(StateEntry, "the network's sizes or forms are out of range");
        }

        context.Validate(StateEntry, () =>
        {
            KeyValues.Check(s.SourceVocabulary, s.SourceColumnName);
            KeyValues.Check(s.TargetVocabulary, s.PredictedColumnName);
        });

        var network = new Seq2SeqNetwork(new NetworkShape(KeySequences.SourceTokens(s.SourceVocabulary.Length), KeySequences.TargetTokens(s.TargetVocabulary.Length),
            s.EmbeddingSize, s.HiddenSize, s.Layers, s.Decoder, s.Context, s.Dropout, s.Attention, s.InputFeeding, s.Bidirectional, s.Cell));
        var values = network.Parameters.Values;
        foreach (var parameter in network.Parameters.Parameters)
        {
            context.LoadTensor(TensorPrefix + parameter.Name, parameter.Shape).CopyTo(parameter.Of(values));
        }

        return new LstmEncoderDecoderTransformer.Model(network, s.SourceVocabulary, s.TargetVocabulary, s.MaxOutputLength, s.SourceColumnName, s.PredictedColumnName, s.ProbabilitiesColumnName, s.History ?? [],
            s.AttentionColumnName, s.TrainingEngine is { } engine ? new TrainedWith(engine, s.TrainingDevice!) : TrainedWith.Managed);
    }

    /// <summary>The model's JSON entry; payloads written before engines were recorded have no training engine and device.</summary>
    private sealed record State(
        int EmbeddingSize,
        int HiddenSize,
        int Layers,
        Trainers.DecoderForm Decoder,
        ContextKind Context,
        float Dropout,
        string[] SourceVocabulary,
        string[] TargetVocabulary,
        int MaxOutputLength,
        string SourceColumnName,
        string PredictedColumnName,
        string ProbabilitiesColumnName,
        IReadOnlyList<EpochSummary>? History,
        AttentionScoring Attention,
        bool InputFeeding,
        string AttentionColumnName,
        bool Bidirectional,
        RecurrentCell Cell,
        string? TrainingEngine = null,
        string? TrainingDevice = null);
}
