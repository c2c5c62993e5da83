using System.Reflection;

namespace MLNet.Seq2Seq;

/// <summary>Wraps a getter so that its value is computed once per row position, however often it is read.</summary>
internal static class CachingGetter
{
    private static readonly MethodInfo TypedWrap = typeof(CachingGetter).GetMethod(nameof(WrapTyped), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>Wraps a <see cref="ValueGetter{TValue}"/> of <paramref name="valueType"/>.</summary>
    public static Delegate Wrap(DataViewRow row, Delegate getter, Type valueType) =>
        (Delegate)TypedWrap.MakeGenericMethod(valueType).Invoke(null, [row, getter])!;

    private static ValueGetter<TValue> WrapTyped<TValue>(DataViewRow row, ValueGetter<TValue> getter)
    {
        long cachedPosition = -1;
        TValue cached = default!;
        return (ref TValue value) =>
        {
            if (row.Position != cachedPosition || row.Position < 0)
            {
                getter(ref cached);
                cachedPosition = row.Position;
            }

            value = cached;
        };
    }
}
