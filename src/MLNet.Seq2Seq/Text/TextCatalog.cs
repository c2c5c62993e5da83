using MLNet.Seq2Seq.Transforms.Text;

namespace MLNet.Seq2Seq;

/// <summary>The text transforms of <see cref="TransformsCatalog.Text"/>.</summary>
public static class TextCatalog
{
    /// <summary>Splits text into characters and maps them to keys of a vocabulary learned at fit time.</summary>
    /// <param name="catalog">The text transforms catalog.</param>
    /// <param name="outputColumnName">The key vector column to create.</param>
    /// <param name="inputColumnName">The text column to read; null means <paramref name="outputColumnName"/>.</param>
    /// <param name="options">Case folding, vocabulary size, unknown characters; null for the defaults.</param>
    public static CharacterTokenizingEstimator TokenizeIntoCharactersAsKeys(
        this TransformsCatalog.TextTransforms catalog, string outputColumnName, string? inputColumnName = null, CharacterTokenizingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new CharacterTokenizingEstimator(catalog.Context, outputColumnName, inputColumnName, options);
    }

    /// <summary>Pads or truncates key vectors to a fixed length and adds their true lengths.</summary>
    /// <param name="catalog">The text transforms catalog.</param>
    /// <param name="outputColumnName">The fixed-size key vector column to create.</param>
    /// <param name="inputColumnName">The key vector column to read; null means <paramref name="outputColumnName"/>.</param>
    /// <param name="options">Length, overflow handling and length column name; null for the defaults.</param>
    public static KeyPaddingEstimator PadOrTruncateKeys(
        this TransformsCatalog.TextTransforms catalog, string outputColumnName, string? inputColumnName = null, KeyPaddingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new KeyPaddingEstimator(catalog.Context, outputColumnName, inputColumnName, options);
    }

    /// <summary>Reverses the real tokens of key vectors, keeping padding at the end.</summary>
    /// <param name="catalog">The text transforms catalog.</param>
    /// <param name="outputColumnName">The key vector column to create.</param>
    /// <param name="inputColumnName">The key vector column to read; null means <paramref name="outputColumnName"/>.</param>
    public static KeyReversingEstimator ReverseKeys(this TransformsCatalog.TextTransforms catalog, string outputColumnName, string? inputColumnName = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new KeyReversingEstimator(catalog.Context, outputColumnName, inputColumnName);
    }

    /// <summary>Maps key vectors back to text through their vocabulary, stopping at the end key.</summary>
    /// <param name="catalog">The text transforms catalog.</param>
    /// <param name="outputColumnName">The text column to create.</param>
    /// <param name="inputColumnName">The key vector column to read; null means <paramref name="outputColumnName"/>.</param>
    public static KeyToTextEstimator MapKeysToText(this TransformsCatalog.TextTransforms catalog, string outputColumnName, string? inputColumnName = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new KeyToTextEstimator(catalog.Context, outputColumnName, inputColumnName);
    }
}
