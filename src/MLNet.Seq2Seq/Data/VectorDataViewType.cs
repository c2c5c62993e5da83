namespace MLNet.Seq2Seq.Data;

/// <summary>A vector of primitive items; values are <see cref="VBuffer{T}"/> of the item's raw type.</summary>
public sealed class VectorDataViewType : PrimitiveDataViewType
{
    /// <summary>Creates a vector type.</summary>
    /// <param name="itemType">The type of each item.</param>
    /// <param name="size">The fixed length, or 0 (the default) for vectors whose length varies from row to row.</param>
    public VectorDataViewType(PrimitiveDataViewType itemType, int size = 0)
        : base(typeof(VBuffer<>).MakeGenericType(itemType?.RawType ?? throw new ArgumentNullException(nameof(itemType))))
    {
        if (itemType is VectorDataViewType)
        {
            throw new ArgumentOutOfRangeException(nameof(itemType), itemType, "Vectors of vectors are not supported.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ItemType = itemType;
        Size = size;
    }

    /// <summary>The type of each item.</summary>
    public PrimitiveDataViewType ItemType { get; }

    /// <summary>The fixed length, or 0 when the length varies.</summary>
    public int Size { get; }

    /// <summary>Whether every value has length <see cref="Size"/>.</summary>
    public bool IsKnownSize => Size > 0;

    /// <inheritdoc />
    public override bool Equals(DataViewType? other) =>
        other is VectorDataViewType vector && vector.Size == Size && vector.ItemType.Equals(ItemType);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(ItemType, Size);

    /// <inheritdoc />
    public override string ToString() => IsKnownSize ? $"Vector<{ItemType}, {Size}>" : $"Vector<{ItemType}>";
}
