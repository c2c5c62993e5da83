namespace MLNet.Seq2Seq;

/// <summary>
/// A column a <see cref="RowToRowTransformerBase"/> adds: its name, type and annotations, the input columns its value
/// depends on, and how to make its getter on an input row.
/// </summary>
internal sealed class OutputColumn
{
    private OutputColumn(DataViewSchema.DetachedColumn column, IReadOnlyList<DataViewSchema.Column> inputColumns, Func<DataViewRow, Delegate> createGetter)
    {
        Column = column;
        InputColumns = inputColumns;
        CreateGetter = createGetter;
    }

    /// <summary>Name, type and annotations.</summary>
    public DataViewSchema.DetachedColumn Column { get; }

    /// <summary>The input columns the value is computed from.</summary>
    public IReadOnlyList<DataViewSchema.Column> InputColumns { get; }

    /// <summary>Makes a getter computing the value from an input row on which <see cref="InputColumns"/> are active.</summary>
    public Func<DataViewRow, Delegate> CreateGetter { get; }

    /// <summary>Describes an output column whose getter yields <typeparamref name="TValue"/>, the raw type of <paramref name="type"/>.</summary>
    public static OutputColumn Create<TValue>(
        string name,
        DataViewType type,
        DataViewSchema.Annotations? annotations,
        IReadOnlyList<DataViewSchema.Column> inputColumns,
        Func<DataViewRow, ValueGetter<TValue>> createGetter)
    {
        if (type.RawType != typeof(TValue))
        {
            throw new ArgumentException($"Output column '{name}' of type {type} needs getters of {type.RawType.Name}, not {typeof(TValue).Name}.", nameof(createGetter));
        }

        return new OutputColumn(new DataViewSchema.DetachedColumn(name, type, annotations), inputColumns, createGetter);
    }
}
