namespace MLNet.Seq2Seq.Decoding;

/// <summary>
/// A decoded key sequence (without start and end keys) and the probability the model gave each chosen key; for an
/// attention model also the attention weights [Keys.Length, source length], row-major: row i holds the weights over
/// the source positions (as the encoder read them) when key i was chosen. Null for the other decoder forms.
/// </summary>
internal sealed record DecodedSequence(int[] Keys, float[] Probabilities, float[]? Attention = null);
