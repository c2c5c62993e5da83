using MLNet.Seq2Seq.Persistence;

namespace MLNet.Seq2Seq.Trainers;

/// <summary>
/// Saves a transformer's beam-search options as a JSON entry beside the network; greedy decoding writes nothing, and a
/// model without the entry (every model saved before beam search existed) loads with greedy decoding.
/// </summary>
internal static class DecodingPersistence
{
    private const string StateEntry = "decoding.json";

    public static void Save(ArchiveSaveContext context, DecodingOptions options)
    {
        if (options.UsesBeamSearch)
        {
            context.SaveObject(StateEntry, new State(options.BeamWidth, options.NBest, options.LengthPenalty, options.NBestTextColumnName, options.NBestScoresColumnName));
        }
    }

    public static DecodingOptions Load(ArchiveLoadContext context)
    {
        if (!context.Contains(StateEntry))
        {
            return new DecodingOptions();
        }

        var s = context.LoadObject<State>(StateEntry);
        var options = new DecodingOptions
        {
            BeamWidth = s.BeamWidth,
            NBest = s.NBest,
            LengthPenalty = s.LengthPenalty,
            NBestTextColumnName = s.NBestTextColumnName,
            NBestScoresColumnName = s.NBestScoresColumnName,
        };
        context.Validate(StateEntry, options.Validate);

        return options;
    }

    private sealed record State(int BeamWidth, int NBest, float LengthPenalty, string NBestTextColumnName, string NBestScoresColumnName);
}
