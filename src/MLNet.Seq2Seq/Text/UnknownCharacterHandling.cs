namespace MLNet.Seq2Seq.Transforms.Text;

/// <summary>What the character tokenizer does with a character outside its vocabulary.</summary>
public enum UnknownCharacterHandling
{
    /// <summary>Map it to <see cref="SpecialKeys.Unknown"/>; each affected row is reported through the context's log.</summary>
    MapToUnknown,

    /// <summary>Throw an <see cref="InvalidDataException"/> naming the column, the row and the character.</summary>
    Error,
}
