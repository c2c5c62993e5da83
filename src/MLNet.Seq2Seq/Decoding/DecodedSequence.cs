namespace MLNet.Seq2Seq.Decoding;

/// <summary>A decoded key sequence (without start and end keys) and the probability the model gave each chosen key.</summary>
internal sealed record DecodedSequence(int[] Keys, float[] Probabilities);
