namespace MLNet.Seq2Seq.Training;

/// <summary>Where the trainer saves a checkpoint after every epoch, and whether it starts from the one there.</summary>
/// <param name="Directory">The folder holding <see cref="CheckpointFile.FileName"/>; created when missing.</param>
/// <param name="Resume">Whether to continue from the checkpoint in <paramref name="Directory"/>.</param>
/// <param name="SourceVocabulary">The source vocabulary, part of the run's fingerprint.</param>
/// <param name="TargetVocabulary">The target vocabulary, part of the run's fingerprint.</param>
internal sealed record CheckpointOptions(string Directory, bool Resume, IReadOnlyList<string> SourceVocabulary, IReadOnlyList<string> TargetVocabulary)
{
    /// <summary>The checkpoint file's full path.</summary>
    public string FilePath => Path.Combine(Path.GetFullPath(Directory), CheckpointFile.FileName);
}
