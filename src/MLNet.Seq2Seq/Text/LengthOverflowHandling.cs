namespace MLNet.Seq2Seq.Transforms.Text;

/// <summary>What padding, or the character tokenizer with a maximum length, does with a sequence longer than allowed.</summary>
public enum LengthOverflowHandling
{
    /// <summary>Keep the first tokens and drop the rest.</summary>
    Truncate,

    /// <summary>Throw an <see cref="InvalidDataException"/> naming the column and the row.</summary>
    Error,
}
