using MLNet.Seq2Seq.Data;

namespace MLNet.Seq2Seq.Persistence;

/// <summary>A column type as stored in a model file.</summary>
/// <param name="Kind">Text, Boolean, Int32, UInt32, Int64, Single, Double, Key or Vector.</param>
/// <param name="KeyCount">For keys, the key count.</param>
/// <param name="Item">For vectors, the item type.</param>
/// <param name="Size">For vectors, the fixed size or 0.</param>
internal sealed record DataViewTypeJson(string Kind, ulong? KeyCount = null, DataViewTypeJson? Item = null, int? Size = null)
{
    public static DataViewTypeJson From(DataViewType type) => type switch
    {
        TextDataViewType => new("Text"),
        BooleanDataViewType => new("Boolean"),
        NumberDataViewType number => new(number.RawType.Name),
        KeyDataViewType key => new("Key", KeyCount: key.Count),
        VectorDataViewType vector => new("Vector", Item: From(vector.ItemType), Size: vector.Size),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "This column type cannot be stored in a model file."),
    };

    /// <summary>The type, or null when the description is not a valid type.</summary>
    public DataViewType? ToDataViewType() => Kind switch
    {
        "Text" => TextDataViewType.Instance,
        "Boolean" => BooleanDataViewType.Instance,
        "Int32" => NumberDataViewType.Int32,
        "UInt32" => NumberDataViewType.UInt32,
        "Int64" => NumberDataViewType.Int64,
        "Single" => NumberDataViewType.Single,
        "Double" => NumberDataViewType.Double,
        "Key" when KeyCount is > 0 and <= uint.MaxValue => new KeyDataViewType(typeof(uint), KeyCount.Value),
        "Vector" when Item?.ToDataViewType() is PrimitiveDataViewType item and not VectorDataViewType && Size is >= 0 => new VectorDataViewType(item, Size.Value),
        _ => null,
    };
}
