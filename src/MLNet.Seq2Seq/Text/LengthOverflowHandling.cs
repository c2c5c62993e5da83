namespace MLNet.Seq2Seq.Transforms.Text;

/// <summary>What padding does with a sequence longer than the target length.</summary>
public enum LengthOverflowHandling
{
    /// <summary>Keep the first tokens and drop the rest.</summary>
    Truncate,

    /// <summary>Throw an <see cref="InvalidDataException"/> naming the column and the row.</summary>
    Error,
}
