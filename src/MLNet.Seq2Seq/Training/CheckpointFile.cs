using MLNet.Seq2Seq.Persistence;
using MLNet.Seq2Seq.Trainers;

namespace MLNet.Seq2Seq.Training;

/// <summary>
/// Reads and writes a <see cref="TrainingCheckpoint"/> in the model file format: checksummed entries, replaced
/// atomically (a temporary file renamed over the old checkpoint), so a run killed at any moment leaves either the
/// previous checkpoint or the new one, never a damaged file.
/// </summary>
internal static class CheckpointFile
{
    /// <summary>The checkpoint's file name inside the checkpoint directory.</summary>
    public const string FileName = "checkpoint.zip";

    private const string StateEntry = "training.json";
    private const string WeightsEntry = "weights";
    private const string FirstMomentEntry = "adam/first-moment";
    private const string SecondMomentEntry = "adam/second-moment";
    private const string BestWeightsEntry = "best-weights";

    /// <summary>Writes <paramref name="checkpoint"/> to <paramref name="path"/>, creating its folder when missing.</summary>
    public static void Save(string path, TrainingCheckpoint checkpoint)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var writer = new ModelArchiveWriter(path);
        var context = new ArchiveSaveContext(writer, string.Empty);
        context.SaveObject(StateEntry, new State(checkpoint.CompletedEpochs, checkpoint.StoppedEarly, checkpoint.AdamSteps,
            checkpoint.BestScore, checkpoint.EpochsSinceBest, checkpoint.History, checkpoint.Fingerprint.Values));
        int[] shape = [checkpoint.Weights.Length];
        context.SaveTensor(WeightsEntry, checkpoint.Weights, shape);
        context.SaveTensor(FirstMomentEntry, checkpoint.FirstMoment, shape);
        context.SaveTensor(SecondMomentEntry, checkpoint.SecondMoment, shape);
        if (checkpoint.BestWeights is { } best)
        {
            context.SaveTensor(BestWeightsEntry, best, shape);
        }

        writer.Commit();
    }

    /// <summary>Reads the checkpoint at <paramref name="path"/> of a network with <paramref name="parameterCount"/> scalars.</summary>
    /// <exception cref="FileNotFoundException">There is no checkpoint at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file is damaged or does not fit the network; the message names the file and the part.</exception>
    public static TrainingCheckpoint Load(string path, int parameterCount)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"There is no checkpoint to resume from: '{path}' does not exist.", path);
        }

        using ModelArchiveReader reader = ModelArchiveReader.Open(path);
        var context = new ArchiveLoadContext(reader, path, string.Empty);
        State state = context.LoadObject<State>(StateEntry);
        if (state.CompletedEpochs < 1 || state.AdamSteps < 0 || state.EpochsSinceBest < 0 || state.History is null
            || state.History.Count != state.CompletedEpochs || state.Fingerprint is null)
        {
            throw context.Malformed(StateEntry, "the epoch counts or the history are inconsistent");
        }

        int[] shape = [parameterCount];
        return new TrainingCheckpoint
        {
            CompletedEpochs = state.CompletedEpochs,
            StoppedEarly = state.StoppedEarly,
            Weights = context.LoadTensor(WeightsEntry, shape),
            FirstMoment = context.LoadTensor(FirstMomentEntry, shape),
            SecondMoment = context.LoadTensor(SecondMomentEntry, shape),
            AdamSteps = state.AdamSteps,
            BestWeights = state.BestScore is null ? null : context.LoadTensor(BestWeightsEntry, shape),
            BestScore = state.BestScore,
            EpochsSinceBest = state.EpochsSinceBest,
            History = state.History,
            Fingerprint = new TrainingFingerprint(state.Fingerprint),
        };
    }

    private sealed record State(
        int CompletedEpochs,
        bool StoppedEarly,
        int AdamSteps,
        double? BestScore,
        int EpochsSinceBest,
        IReadOnlyList<EpochSummary> History,
        IReadOnlyDictionary<string, string> Fingerprint);
}
