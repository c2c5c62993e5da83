namespace MLNet.Seq2Seq;

public sealed partial class DataViewSchema
{
    /// <summary>
    /// Named values attached to a column (for example its key vocabulary under
    /// <see cref="Data.AnnotationUtils.Kinds.KeyValues"/>); <see cref="Schema"/> lists their kinds and types.
    /// </summary>
    public sealed class Annotations
    {
        private readonly Delegate[] _getters;

        private Annotations(DataViewSchema schema, Delegate[] getters)
        {
            Schema = schema;
            _getters = getters;
        }

        /// <summary>No annotations.</summary>
        public static Annotations Empty { get; } = new(new DataViewSchema([]), []);

        /// <summary>One column per annotation: the kind as name, and the value type.</summary>
        public DataViewSchema Schema { get; }

        /// <summary>Reads the annotation of kind <paramref name="kind"/>.</summary>
        /// <exception cref="InvalidOperationException">No such annotation, or it is not of type <typeparamref name="TValue"/>.</exception>
        public void GetValue<TValue>(string kind, ref TValue value)
        {
            Column column = Schema.GetColumnOrNull(kind)
                ?? throw new InvalidOperationException($"There is no '{kind}' annotation; available: {Schema.DescribeVisibleColumns()}.");
            if (column.Type.RawType != typeof(TValue))
            {
                throw new InvalidOperationException(
                    $"The '{kind}' annotation has type {column.Type} (raw {column.Type.RawType.Name}), not {typeof(TValue).Name}.");
            }

            ((ValueGetter<TValue>)_getters[column.Index])(ref value);
        }

        /// <summary>Builds annotations.</summary>
        public sealed class Builder
        {
            private readonly List<DetachedColumn> _columns = [];
            private readonly List<Delegate> _getters = [];

            /// <summary>Adds an annotation whose value <paramref name="getter"/> produces.</summary>
            public void Add<TValue>(string kind, DataViewType type, ValueGetter<TValue> getter)
            {
                ArgumentNullException.ThrowIfNull(type);
                ArgumentNullException.ThrowIfNull(getter);
                if (type.RawType != typeof(TValue))
                {
                    throw new ArgumentException($"Annotation '{kind}' of type {type} needs a getter of {type.RawType.Name}, not {typeof(TValue).Name}.", nameof(getter));
                }

                _columns.Add(new DetachedColumn(kind, type));
                _getters.Add(getter);
            }

            /// <summary>Adds every annotation of <paramref name="annotations"/>.</summary>
            public void Add(Annotations annotations)
            {
                ArgumentNullException.ThrowIfNull(annotations);
                foreach (Column column in annotations.Schema)
                {
                    _columns.Add(new DetachedColumn(column));
                    _getters.Add(annotations._getters[column.Index]);
                }
            }

            /// <summary>Adds a key vocabulary of <paramref name="size"/> entries.</summary>
            public void AddKeyValues<TValue>(int size, PrimitiveDataViewType valueType, ValueGetter<Data.VBuffer<TValue>> getter) =>
                Add(Data.AnnotationUtils.Kinds.KeyValues, new Data.VectorDataViewType(valueType, size), getter);

            /// <summary>Creates the annotations.</summary>
            public Annotations ToAnnotations() => new(new DataViewSchema(_columns), [.. _getters]);
        }
    }
}
