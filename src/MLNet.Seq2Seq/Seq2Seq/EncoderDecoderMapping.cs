using System.Collections.Concurrent;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using MLNet.Seq2Seq.Decoding;
using MLNet.Seq2Seq.Mapping;

namespace MLNet.Seq2Seq.Trainers;

/// <summary>
/// A trained encoder-decoder with its decoding options, and the per-row mapping its saved chain runs: source keys in;
/// predicted tokens (for ML.NET's MapValueToKey), probabilities, attention weights and the n-best list out. Decoders
/// own workspaces, so each row borrows one from a pool: any number of threads may map rows at once.
/// </summary>
internal sealed class EncoderDecoderMapping
{
    public const string StepName = "LstmEncoderDecoder";

    private readonly ConcurrentBag<Func<int[], RowResult>> decoders = [];
    private readonly string missingToken;
    private readonly string nBestSeparator;

    public EncoderDecoderMapping(LstmEncoderDecoderTransformer.Model model, DecodingOptions decoding)
    {
        Model = model;
        Decoding = decoding;
        missingToken = KeyValues.MissingToken(model.TargetVocabulary);
        nBestSeparator = model.TargetVocabulary.All(entry => entry.Length == 1) ? "" : " ";
    }

    public LstmEncoderDecoderTransformer.Model Model { get; }

    public DecodingOptions Decoding { get; }

    public static PayloadCache<EncoderDecoderMapping> Cache { get; } = new(payload => Payload.Decode(StepName, payload.Span, Load));

    public void Map(EncoderDecoderInput input, EncoderDecoderOutput output)
    {
        int[] source = EngineSource(input.Source);
        var decode = decoders.TryTake(out var idle) ? idle : CreateDecoder();
        try
        {
            Write(decode(source), output);
        }
        finally
        {
            decoders.Add(decode);
        }
    }

    /// <summary>A row's source keys as engine keys; an <see cref="InvalidDataException"/> names the column when a key is out of the vocabulary.</summary>
    public int[] EngineSource(ReadOnlySpan<uint> keys) =>
        KeySequences.SourceToEngine(keys, Model.SourceColumnName, Model.SourceVocabulary.Length);

    /// <summary>Fills the row's output columns from its decoding.</summary>
    public void Write(RowResult result, EncoderDecoderOutput output)
    {
        output.Tokens = [.. result.Best.Keys.Select(Token)];
        output.Probabilities = result.Best.Probabilities;
        output.Attention = result.Best.Attention ?? [];
        output.NBestText = [.. result.NBest.Select(h => string.Join(nBestSeparator, h.Keys.Select(KeySequences.TargetKey).Where(k => k > 0).Select(k => Model.TargetVocabulary[k - 1])))];
        output.NBestScores = [.. result.NBest.Select(h => h.Score)];
    }

    /// <summary>Decodes many sources at once through <paramref name="session"/>, as <see cref="Decoding"/> says.</summary>
    public RowResult[] DecodeMany(IDecodingSession session, IReadOnlyList<int[]> sources)
    {
        if (!Decoding.UsesBeamSearch)
        {
            return Array.ConvertAll(session.DecodeGreedy(sources, Model.MaxOutputLength), best => new RowResult(best, []));
        }

        var beams = session.DecodeBeam(sources, new BeamSettings(Decoding.BeamWidth, Decoding.NBest, Decoding.LengthPenalty), Model.MaxOutputLength);
        return Array.ConvertAll(beams, nBest => new RowResult(nBest[0].ToDecoded(), nBest));
    }

    public string Save() => Payload.Encode(StepName, context =>
    {
        NetworkPersistence.Save(context, Model);
        DecodingPersistence.Save(context, Decoding);
    });

    private static EncoderDecoderMapping Load(Persistence.ArchiveLoadContext context) =>
        new(NetworkPersistence.Load(context), DecodingPersistence.Load(context));

    private string Token(int engineToken) => KeySequences.TargetKey(engineToken) is var key and > 0 ? Model.TargetVocabulary[key - 1] : missingToken;

    private Func<int[], RowResult> CreateDecoder()
    {
        int maxOutputLength = Model.MaxOutputLength;
        if (!Decoding.UsesBeamSearch)
        {
            var greedy = new GreedyDecoder(Model.Network, KeySequences.Start, KeySequences.End);
            return source => new RowResult(greedy.Decode(source, maxOutputLength), []);
        }

        var beam = new BeamSearchDecoder(Model.Network, KeySequences.Start, KeySequences.End, Decoding.BeamWidth, Decoding.NBest, Decoding.LengthPenalty);
        return source =>
        {
            var nBest = beam.Decode(source, maxOutputLength);
            return new RowResult(nBest[0].ToDecoded(), nBest);
        };
    }

    /// <summary>One row's decoding: the best output and, with beam search, the n-best list (empty when greedy).</summary>
    internal sealed record RowResult(DecodedSequence Best, ScoredSequence[] NBest);
}

/// <summary>The input of <see cref="EncoderDecoderFactory"/>.</summary>
internal sealed class EncoderDecoderInput
{
    [ColumnName(SavedColumns.Payload)]
    public ReadOnlyMemory<char> Payload;

    [ColumnName(SavedColumns.Input)]
    public uint[] Source = [];
}

/// <summary>The output of <see cref="EncoderDecoderFactory"/>.</summary>
internal sealed class EncoderDecoderOutput
{
    [ColumnName(SavedColumns.Tokens)]
    public string[] Tokens = [];

    [ColumnName(SavedColumns.Probabilities)]
    public float[] Probabilities = [];

    [ColumnName(SavedColumns.Attention)]
    public float[] Attention = [];

    [ColumnName(SavedColumns.NBestText)]
    public string[] NBestText = [];

    [ColumnName(SavedColumns.NBestScores)]
    public float[] NBestScores = [];

    public static IReadOnlyList<string> Columns { get; } =
        [SavedColumns.Tokens, SavedColumns.Probabilities, SavedColumns.Attention, SavedColumns.NBestText, SavedColumns.NBestScores];
}

/// <summary>Runs <see cref="EncoderDecoderMapping"/> in a saved chain; ML.NET recreates it by its contract name.</summary>
[CustomMappingFactoryAttribute(Contract)]
internal sealed class EncoderDecoderFactory : CustomMappingFactory<EncoderDecoderInput, EncoderDecoderOutput>
{
    public const string Contract = "MLNet.Seq2Seq.LstmEncoderDecoder";

    public override Action<EncoderDecoderInput, EncoderDecoderOutput> GetMapping() =>
        static (input, output) => EncoderDecoderMapping.Cache.Get(input.Payload).Map(input, output);
}
