namespace MLNet.Seq2Seq.Data;

/// <summary>
/// A key: an index into a vocabulary of <see cref="Count"/> entries, stored as <see cref="uint"/>.
/// </summary>
/// <remarks>
/// Key convention of this library (it differs from ML.NET, whose keys are 1-based with 0 meaning missing):
/// keys are in [0, <see cref="Count"/>), and key 0 is the padding symbol. The vocabulary travels as the
/// <see cref="AnnotationUtils.Kinds.KeyValues"/> annotation of the column.
/// </remarks>
public sealed class KeyDataViewType : PrimitiveDataViewType
{
    /// <summary>Creates a key type.</summary>
    /// <param name="type">The raw type; only <see cref="uint"/> is supported.</param>
    /// <param name="count">The number of distinct keys, at least 1.</param>
    public KeyDataViewType(Type type, ulong count)
        : base(type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type != typeof(uint))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "Key types must have raw type UInt32.");
        }

        if (count == 0 || count > uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"A key count must be in [1, {uint.MaxValue}].");
        }

        Count = count;
    }

    /// <summary>The number of distinct keys.</summary>
    public ulong Count { get; }

    /// <inheritdoc />
    public override bool Equals(DataViewType? other) => other is KeyDataViewType key && key.Count == Count;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(RawType, Count);

    /// <inheritdoc />
    public override string ToString() => $"Key<UInt32, 0-{Count - 1}>";
}
