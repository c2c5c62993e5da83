namespace MLNet.Seq2Seq.Decoding;

/// <summary>
/// The hypotheses a beam search holds, one per workspace row, double-buffered: a step reads the current hypotheses and
/// writes the next ones with <see cref="Extend"/>; <see cref="Swap"/> makes the next ones current. Keys and
/// probabilities are [B, maxLength]; a hypothesis at step t has t keys. For an attention model each hypothesis also
/// carries the attention weights behind each of its keys, [B, maxLength, Ts] with Ts = <paramref name="sourceSteps"/>
/// (0 for models without attention).
/// </summary>
internal sealed class BeamState(int batch, int maxLength, int sourceSteps)
{
    private float[] attention = new float[batch * maxLength * sourceSteps];
    private float[] nextAttention = new float[batch * maxLength * sourceSteps];
    private int[] keys = new int[batch * maxLength];
    private int[] nextKeys = new int[batch * maxLength];
    private float[] probabilities = new float[batch * maxLength];
    private float[] nextProbabilities = new float[batch * maxLength];
    private double[] nextLogProbabilities = new double[batch];
    private readonly int[] nextInputs = new int[batch];

    /// <summary>[B] summed log-probability of each row's hypothesis; negative infinity marks an empty row.</summary>
    public double[] LogProbabilities { get; private set; } = new double[batch];

    /// <summary>
    /// Writes the next hypothesis of <paramref name="row"/>: <paramref name="parent"/>'s first t keys, then
    /// <paramref name="key"/>, chosen with attention <paramref name="weights"/> [Ts] (empty without attention).
    /// </summary>
    public void Extend(int row, int parent, int t, int key, float probability, double logProbability, ReadOnlySpan<float> weights)
    {
        int span = maxLength * sourceSteps;
        attention.AsSpan(parent * span, t * sourceSteps).CopyTo(nextAttention.AsSpan(row * span, t * sourceSteps));
        weights.CopyTo(nextAttention.AsSpan((row * span) + (t * sourceSteps), weights.Length));
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
        (attention, nextAttention) = (nextAttention, attention);
        (nextLogProbabilities, LogProbabilities) = (LogProbabilities, nextLogProbabilities);
        nextInputs.CopyTo(inputs);
    }

    /// <summary>The first <paramref name="length"/> keys of <paramref name="row"/>'s current hypothesis.</summary>
    public int[] KeysOf(int row, int length) => keys.AsSpan(row * maxLength, length).ToArray();

    /// <summary>The probabilities of the first <paramref name="length"/> keys of <paramref name="row"/>'s current hypothesis.</summary>
    public float[] ProbabilitiesOf(int row, int length) => probabilities.AsSpan(row * maxLength, length).ToArray();

    /// <summary>
    /// The attention weights behind the first <paramref name="length"/> keys of <paramref name="row"/>'s current
    /// hypothesis, each cut to the row's <paramref name="sourceLength"/>: [length, sourceLength]; null without attention.
    /// </summary>
    public float[]? AttentionOf(int row, int length, int sourceLength)
    {
        if (sourceSteps == 0)
        {
            return null;
        }

        var weights = new float[length * sourceLength];
        for (int i = 0; i < length; i++)
        {
            attention.AsSpan((row * maxLength * sourceSteps) + (i * sourceSteps), sourceLength).CopyTo(weights.AsSpan(i * sourceLength));
        }

        return weights;
    }
}
