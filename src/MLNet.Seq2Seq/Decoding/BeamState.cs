namespace MLNet.Seq2Seq.Decoding;

/// <summary>
/// The hypotheses a beam search holds, one per workspace row, double-buffered: a step reads the current hypotheses and
/// writes the next ones with <see cref="Extend"/>; <see cref="Swap"/> makes the next ones current. Keys and
/// probabilities are [B, maxLength]; a hypothesis at step t has t keys.
/// </summary>
internal sealed class BeamState(int batch, int maxLength)
{
    private int[] keys = new int[batch * maxLength];
    private int[] nextKeys = new int[batch * maxLength];
    private float[] probabilities = new float[batch * maxLength];
    private float[] nextProbabilities = new float[batch * maxLength];
    private double[] nextLogProbabilities = new double[batch];
    private readonly int[] nextInputs = new int[batch];

    /// <summary>[B] summed log-probability of each row's hypothesis; negative infinity marks an empty row.</summary>
    public double[] LogProbabilities { get; private set; } = new double[batch];

    /// <summary>Writes the next hypothesis of <paramref name="row"/>: <paramref name="parent"/>'s first t keys, then <paramref name="key"/>.</summary>
    public void Extend(int row, int parent, int t, int key, float probability, double logProbability)
    {
        keys.AsSpan(parent * maxLength, t).CopyTo(nextKeys.AsSpan(row * maxLength, t));
        probabilities.AsSpan(parent * maxLength, t).CopyTo(nextProbabilities.AsSpan(row * maxLength, t));
        nextKeys[(row * maxLength) + t] = key;
        nextProbabilities[(row * maxLength) + t] = probability;
        nextLogProbabilities[row] = logProbability;
        nextInputs[row] = key;
    }

    /// <summary>Makes the next hypotheses current and writes their last keys, the next step's inputs, to <paramref name="inputs"/> [B].</summary>
    public void Swap(Span<int> inputs)
    {
        (keys, nextKeys) = (nextKeys, keys);
        (probabilities, nextProbabilities) = (nextProbabilities, probabilities);
        (nextLogProbabilities, LogProbabilities) = (LogProbabilities, nextLogProbabilities);
        nextInputs.CopyTo(inputs);
    }

    /// <summary>The first <paramref name="length"/> keys of <paramref name="row"/>'s current hypothesis.</summary>
    public int[] KeysOf(int row, int length) => keys.AsSpan(row * maxLength, length).ToArray();

    /// <summary>The probabilities of the first <paramref name="length"/> keys of <paramref name="row"/>'s current hypothesis.</summary>
    public float[] ProbabilitiesOf(int row, int length) => probabilities.AsSpan(row * maxLength, length).ToArray();
}
