namespace MLNet.Seq2Seq;

/// <summary>Reads the current value of a column into <paramref name="value"/>.</summary>
/// <typeparam name="TValue">The column type's raw type.</typeparam>
public delegate void ValueGetter<TValue>(ref TValue value);
