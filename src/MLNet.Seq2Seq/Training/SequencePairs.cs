namespace MLNet.Seq2Seq.Training;

/// <summary>Source and target key sequences without padding, start or end keys; index i of each list is one example.</summary>
internal sealed record SequencePairs(IReadOnlyList<int[]> Sources, IReadOnlyList<int[]> Targets)
{
    /// <summary>Number of examples.</summary>
    public int Count => Sources.Count;
}
