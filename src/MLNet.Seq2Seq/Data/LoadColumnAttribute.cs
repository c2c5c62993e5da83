namespace MLNet.Seq2Seq.Data;

/// <summary>Says which field (0-based) of a text file row a property or field is loaded from.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class LoadColumnAttribute : Attribute
{
    /// <summary>Loads the member from field <paramref name="fieldIndex"/>.</summary>
    public LoadColumnAttribute(int fieldIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fieldIndex);
        FieldIndex = fieldIndex;
    }

    /// <summary>The 0-based field index.</summary>
    public int FieldIndex { get; }
}
