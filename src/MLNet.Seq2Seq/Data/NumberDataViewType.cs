namespace MLNet.Seq2Seq.Data;

/// <summary>A numeric type; one instance per supported .NET number type.</summary>
public sealed class NumberDataViewType : PrimitiveDataViewType
{
    private NumberDataViewType(Type rawType)
        : base(rawType)
    {
    }

    /// <summary>Signed 32-bit integers.</summary>
    public static NumberDataViewType Int32 { get; } = new(typeof(int));

    /// <summary>Unsigned 32-bit integers.</summary>
    public static NumberDataViewType UInt32 { get; } = new(typeof(uint));

    /// <summary>Signed 64-bit integers.</summary>
    public static NumberDataViewType Int64 { get; } = new(typeof(long));

    /// <summary>Single-precision floating point.</summary>
    public static NumberDataViewType Single { get; } = new(typeof(float));

    /// <summary>Double-precision floating point.</summary>
    public static NumberDataViewType Double { get; } = new(typeof(double));

    /// <inheritdoc />
    public override bool Equals(DataViewType? other) => ReferenceEquals(other, this);

    /// <inheritdoc />
    public override int GetHashCode() => base.GetHashCode();

    /// <inheritdoc />
    public override string ToString() => RawType.Name;
}
