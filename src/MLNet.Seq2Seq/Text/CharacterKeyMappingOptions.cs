namespace MLNet.Seq2Seq.Transforms.Text;

/// <summary>Options of <see cref="CharacterKeyMappingEstimator"/> (<c>mlContext.Transforms.Text.MapCharactersToKeys</c>).</summary>
public sealed class CharacterKeyMappingOptions
{
    /// <summary>How characters are case-folded before the vocabulary is learned and applied. Default: <see cref="CaseFolding.None"/>.</summary>
    public CaseFolding CaseFolding { get; set; } = CaseFolding.None;

    /// <summary>
    /// The largest vocabulary, counting the replacement character; when the data has more characters the most frequent
    /// are kept (ties broken by ordinal order). Null (the default) keeps every character.
    /// </summary>
    public int? MaximumVocabularySize { get; set; }

    /// <summary>What transforming does with a character outside the vocabulary. Default: <see cref="UnknownCharacterHandling.MapToReplacement"/>.</summary>
    public UnknownCharacterHandling UnknownCharacterHandling { get; set; } = UnknownCharacterHandling.MapToReplacement;

    /// <summary>The most characters a text may have, greater than 0; null (the default) for no limit.</summary>
    public int? MaximumLength { get; set; }

    /// <summary>
    /// What transforming does with a text longer than <see cref="MaximumLength"/>: keep its first characters or throw.
    /// Default: <see cref="LengthOverflowHandling.Truncate"/>.
    /// </summary>
    public LengthOverflowHandling LengthOverflowHandling { get; set; } = LengthOverflowHandling.Truncate;

    /// <summary>
    /// The Int32 column that counts, per row, the characters outside the vocabulary. Default (null): the output column's
    /// name followed by "UnknownCount".
    /// </summary>
    public string? UnknownCountColumnName { get; set; }

    internal CharacterKeyMappingOptions Clone() => (CharacterKeyMappingOptions)MemberwiseClone();

    internal void Validate()
    {
        if (MaximumVocabularySize is < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(MaximumVocabularySize), MaximumVocabularySize,
                $"{nameof(MaximumVocabularySize)} must be at least 2 (one character and the replacement character).");
        }

        if (MaximumLength is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaximumLength), MaximumLength, $"{nameof(MaximumLength)} must be greater than 0.");
        }

        if (!Enum.IsDefined(CaseFolding) || !Enum.IsDefined(UnknownCharacterHandling) || !Enum.IsDefined(LengthOverflowHandling))
        {
            throw new ArgumentOutOfRangeException(nameof(CaseFolding), "An option holds a value its enum does not define.");
        }

        if (UnknownCountColumnName is "")
        {
            throw new ArgumentException($"{nameof(UnknownCountColumnName)} must not be empty; leave it null for the default.", nameof(UnknownCountColumnName));
        }
    }
}
