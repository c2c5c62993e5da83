namespace MLNet.Seq2Seq.Transforms.Text;

/// <summary>Options of <see cref="KeyPaddingEstimator"/> (<c>mlContext.Transforms.Text.PadOrTruncateKeys</c>).</summary>
public sealed class KeyPaddingOptions
{
    /// <summary>The output length, at least 1. Null (the default) learns the longest length seen at fit time.</summary>
    public int? Length { get; set; }

    /// <summary>What happens to a sequence longer than the length. Default: <see cref="LengthOverflowHandling.Truncate"/>.</summary>
    public LengthOverflowHandling OverflowHandling { get; set; } = LengthOverflowHandling.Truncate;

    /// <summary>The name of the Int32 column holding each sequence's length (after truncation). Default (null): the output column name followed by "Length".</summary>
    public string? LengthColumnName { get; set; }

    internal KeyPaddingOptions Clone() => (KeyPaddingOptions)MemberwiseClone();
}
