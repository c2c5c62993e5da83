namespace MLNet.Seq2Seq.Data;

/// <summary>The value of a vector column: a dense buffer of <see cref="Length"/> items.</summary>
/// <typeparam name="T">The item type.</typeparam>
public readonly struct VBuffer<T>
{
    private readonly T[]? _values;

    /// <summary>Creates a vector over the first <paramref name="length"/> items of <paramref name="values"/> (not copied).</summary>
    public VBuffer(int length, T[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (values.Length < length)
        {
            throw new ArgumentException($"The buffer holds {values.Length} items but the vector length is {length}.", nameof(values));
        }

        Length = length;
        _values = values;
    }

    /// <summary>The number of items.</summary>
    public int Length { get; }

    /// <summary>The items.</summary>
    public ReadOnlySpan<T> GetValues() => _values is null ? default : _values.AsSpan(0, Length);

    /// <summary>The items, enumerated.</summary>
    public IEnumerable<T> DenseValues()
    {
        for (int i = 0; i < Length; i++)
        {
            yield return _values![i];
        }
    }
}
