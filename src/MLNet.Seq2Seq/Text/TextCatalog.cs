using Microsoft.ML;
using MLNet.Seq2Seq.Transforms.Text;

namespace MLNet.Seq2Seq;

/// <summary>This library's text and key steps on <c>mlContext.Transforms.Text</c>.</summary>
public static class TextCatalog
{
    /// <summary>
    /// Learns a compact character vocabulary from a text column and maps each text to a vector of character keys
    /// (1-based, vocabulary in the KeyValues annotation), plus an Int32 column counting characters outside the vocabulary.
    /// </summary>
    /// <param name="catalog">The text transforms catalog.</param>
    /// <param name="outputColumnName">The key vector column to create.</param>
    /// <param name="inputColumnName">The text column to read; null means <paramref name="outputColumnName"/>.</param>
    /// <param name="options">Case folding, vocabulary size, unknown characters, maximum length; null for the defaults.</param>
    public static CharacterKeyMappingEstimator MapCharactersToKeys(
        this TransformsCatalog.TextTransforms catalog, string outputColumnName, string? inputColumnName = null, CharacterKeyMappingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new CharacterKeyMappingEstimator(outputColumnName, inputColumnName, options);
    }

    /// <summary>Pads (with key 0) or truncates key vectors to one length and adds their lengths.</summary>
    /// <param name="catalog">The text transforms catalog.</param>
    /// <param name="outputColumnName">The key vector column to create.</param>
    /// <param name="inputColumnName">The key vector column to read; null means <paramref name="outputColumnName"/>.</param>
    /// <param name="options">Length, overflow handling and length column name; null for the defaults.</param>
    public static KeyPaddingEstimator PadOrTruncateKeys(
        this TransformsCatalog.TextTransforms catalog, string outputColumnName, string? inputColumnName = null, KeyPaddingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new KeyPaddingEstimator(outputColumnName, inputColumnName, options);
    }

    /// <summary>Reverses the keys of key vectors, keeping trailing padding at the end.</summary>
    /// <param name="catalog">The text transforms catalog.</param>
    /// <param name="outputColumnName">The key vector column to create.</param>
    /// <param name="inputColumnName">The key vector column to read; null means <paramref name="outputColumnName"/>.</param>
    public static KeyReversingEstimator ReverseKeys(this TransformsCatalog.TextTransforms catalog, string outputColumnName, string? inputColumnName = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new KeyReversingEstimator(outputColumnName, inputColumnName);
    }

    /// <summary>Maps key vectors back to text through their vocabulary, skipping key 0.</summary>
    /// <param name="catalog">The text transforms catalog.</param>
    /// <param name="outputColumnName">The text column to create.</param>
    /// <param name="inputColumnName">The key vector column to read; null means <paramref name="outputColumnName"/>.</param>
    /// <param name="separator">Written between entries: "" (the default) for characters, " " for words.</param>
    public static KeyToTextEstimator MapKeysToText(
        this TransformsCatalog.TextTransforms catalog, string outputColumnName, string? inputColumnName = null, string separator = "")
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new KeyToTextEstimator(outputColumnName, inputColumnName, separator);
    }
}
