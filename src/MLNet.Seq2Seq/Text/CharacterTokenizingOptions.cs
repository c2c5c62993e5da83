namespace MLNet.Seq2Seq.Transforms.Text;

/// <summary>Options of <see cref="CharacterTokenizingEstimator"/>.</summary>
public sealed class CharacterTokenizingOptions
{
    /// <summary>How characters are case-folded before building and applying the vocabulary. Default: <see cref="CaseFolding.None"/>.</summary>
    public CaseFolding CaseFolding { get; set; } = CaseFolding.None;

    /// <summary>
    /// The largest vocabulary, counting the <see cref="SpecialKeys.Count"/> special keys; when the data has more characters
    /// the most frequent are kept (ties broken by ordinal order). Null (the default) keeps every character.
    /// </summary>
    public int? MaximumVocabularySize { get; set; }

    /// <summary>What transforming does with a character outside the vocabulary. Default: <see cref="UnknownCharacterHandling.MapToUnknown"/>.</summary>
    public UnknownCharacterHandling UnknownCharacterHandling { get; set; } = UnknownCharacterHandling.MapToUnknown;

    /// <summary>The most characters a text may have, greater than 0; null (the default) for no limit.</summary>
    public int? MaximumLength { get; set; }

    /// <summary>
    /// What transforming does with a text longer than <see cref="MaximumLength"/>: keep its first characters (each
    /// truncated row is reported through the context's log) or throw. Default: <see cref="LengthOverflowHandling.Truncate"/>.
    /// </summary>
    public LengthOverflowHandling LengthOverflowHandling { get; set; } = LengthOverflowHandling.Truncate;
}
