namespace MLNet.Seq2Seq;

/// <summary>The type of a column or annotation value: a logical type together with the .NET type its values use.</summary>
public abstract class DataViewType : IEquatable<DataViewType>
{
    private protected DataViewType(Type rawType) => RawType = rawType;

    /// <summary>The .NET type a getter for this type produces (for example <see cref="ReadOnlyMemory{T}"/> of char for text).</summary>
    public Type RawType { get; }

    /// <summary>Whether <paramref name="other"/> describes the same logical type.</summary>
    public abstract bool Equals(DataViewType? other);

    /// <inheritdoc />
    public sealed override bool Equals(object? obj) => obj is DataViewType other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => RawType.GetHashCode();
}

/// <summary>A type whose values are single items (text, numbers, booleans, keys), the item type of vectors.</summary>
public abstract class PrimitiveDataViewType : DataViewType
{
    private protected PrimitiveDataViewType(Type rawType)
        : base(rawType)
    {
    }
}
