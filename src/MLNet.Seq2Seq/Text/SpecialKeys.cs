namespace MLNet.Seq2Seq.Transforms.Text;

/// <summary>
/// The keys every vocabulary of this library starts with, in this order, and their names in the
/// <see cref="Data.AnnotationUtils.Kinds.KeyValues"/> annotation. Real tokens start at <see cref="Count"/>.
/// </summary>
public static class SpecialKeys
{
    /// <summary>Padding after the end of a sequence; the default value of a key.</summary>
    public const uint Padding = 0;

    /// <summary>A token not in the vocabulary.</summary>
    public const uint Unknown = 1;

    /// <summary>The start of a sequence (the decoder's first input).</summary>
    public const uint Start = 2;

    /// <summary>The end of a sequence.</summary>
    public const uint End = 3;

    /// <summary>The number of special keys; the first real token's key.</summary>
    public const int Count = 4;

    /// <summary>The name of <see cref="Padding"/>.</summary>
    public const string PaddingName = "<pad>";

    /// <summary>The name of <see cref="Unknown"/>.</summary>
    public const string UnknownName = "<unk>";

    /// <summary>The name of <see cref="Start"/>.</summary>
    public const string StartName = "<s>";

    /// <summary>The name of <see cref="End"/>.</summary>
    public const string EndName = "</s>";

    /// <summary>The names, indexed by key.</summary>
    public static IReadOnlyList<string> Names { get; } = [PaddingName, UnknownName, StartName, EndName];
}
