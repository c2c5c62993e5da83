using System.Reflection;

namespace MLNet.Seq2Seq.Data;

/// <summary>Bridges between typed getters and boxed values, for code that knows column types only at run time.</summary>
internal static class BoxedGetters
{
    private static readonly MethodInfo ReaderFactory =
        typeof(BoxedGetters).GetMethod(nameof(CreateTypedReader), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>A function that reads the row's current value of <paramref name="column"/>, boxed.</summary>
    public static Func<object> CreateReader(DataViewRow row, DataViewSchema.Column column) =>
        (Func<object>)ReaderFactory.MakeGenericMethod(column.Type.RawType).Invoke(null, [row, column])!;

    /// <summary>A typed getter over a source of boxed values, checked against the column's raw type.</summary>
    public static ValueGetter<TValue> FromBoxed<TValue>(DataViewSchema.Column column, Func<object> read)
    {
        ColumnChecks.CheckGetterType<TValue>(column);
        return (ref TValue value) => value = (TValue)read();
    }

    private static Func<object> CreateTypedReader<T>(DataViewRow row, DataViewSchema.Column column)
    {
        ValueGetter<T> getter = row.GetGetter<T>(column);
        return () =>
        {
            T value = default!;
            getter(ref value);
            return value!;
        };
    }
}
