namespace MLNet.Seq2Seq.Transforms.Text;

/// <summary>What <see cref="CharacterKeyMappingTransformer"/> does with a character outside its vocabulary.</summary>
public enum UnknownCharacterHandling
{
    /// <summary>
    /// Map it to the key of <see cref="CharacterKeyMappingTransformer.ReplacementCharacter"/> (U+FFFD), which every learned
    /// vocabulary holds, and count it in the unknown-count column.
    /// </summary>
    MapToReplacement,

    /// <summary>Throw an <see cref="InvalidDataException"/> naming the column and the character.</summary>
    Error,
}
