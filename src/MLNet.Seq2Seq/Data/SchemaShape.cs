using System.Collections;
using MLNet.Seq2Seq.Data;

namespace MLNet.Seq2Seq;

/// <summary>
/// What an estimator knows about a schema before seeing data: per column its name, vector kind, item type,
/// whether it is a key and which annotations it carries (but not key counts or vector sizes learned at fit time).
/// </summary>
public sealed class SchemaShape : IReadOnlyList<SchemaShape.Column>
{
    private readonly Column[] _columns;

    /// <summary>Creates a shape from columns.</summary>
    public SchemaShape(IEnumerable<Column> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _columns = [.. columns];
    }

    /// <summary>The number of columns.</summary>
    public int Count => _columns.Length;

    /// <summary>The column at <paramref name="index"/>.</summary>
    public Column this[int index] => _columns[index];

    /// <summary>Finds the last column named <paramref name="name"/>.</summary>
    public bool TryFindColumn(string name, out Column column)
    {
        for (int i = _columns.Length - 1; i >= 0; i--)
        {
            if (_columns[i].Name == name)
            {
                column = _columns[i];
                return true;
            }
        }

        column = default;
        return false;
    }

    /// <summary>The shape of the visible columns of <paramref name="schema"/>.</summary>
    public static SchemaShape Create(DataViewSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return new SchemaShape(schema.Where(c => !c.IsHidden).Select(c => ShapeOf(c.Name, c.Type, c.Annotations)));
    }

    private static Column ShapeOf(string name, DataViewType type, DataViewSchema.Annotations annotations)
    {
        SchemaShape annotationShape = annotations.Schema.Count == 0 ? Empty : Create(annotations.Schema);
        return type switch
        {
            VectorDataViewType vector => new Column(
                name,
                vector.IsKnownSize ? Column.VectorKind.Vector : Column.VectorKind.VariableVector,
                vector.ItemType,
                vector.ItemType is KeyDataViewType,
                annotationShape),
            _ => new Column(name, Column.VectorKind.Scalar, type, type is KeyDataViewType, annotationShape),
        };
    }

    /// <summary>A shape with no columns.</summary>
    public static SchemaShape Empty { get; } = new([]);

    /// <inheritdoc />
    public IEnumerator<Column> GetEnumerator() => ((IEnumerable<Column>)_columns).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The shape of one column.</summary>
    public readonly struct Column
    {
        /// <summary>Describes a column shape.</summary>
        public Column(string name, VectorKind kind, DataViewType itemType, bool isKey, SchemaShape? annotations = null)
        {
            ArgumentException.ThrowIfNullOrEmpty(name);
            ArgumentNullException.ThrowIfNull(itemType);
            Name = name;
            Kind = kind;
            ItemType = itemType;
            IsKey = isKey;
            Annotations = annotations ?? Empty;
        }

        /// <summary>Whether a column holds single values, fixed-size vectors or variable-size vectors.</summary>
        public enum VectorKind
        {
            /// <summary>A single value.</summary>
            Scalar,

            /// <summary>A vector of fixed size.</summary>
            Vector,

            /// <summary>A vector whose size varies from row to row.</summary>
            VariableVector,
        }

        /// <summary>The column name.</summary>
        public string Name { get; }

        /// <summary>Scalar or vector.</summary>
        public VectorKind Kind { get; }

        /// <summary>The type of the value (scalars) or of each item (vectors); for keys, a key type of unspecified count.</summary>
        public DataViewType ItemType { get; }

        /// <summary>Whether the values are keys.</summary>
        public bool IsKey { get; }

        /// <summary>The annotations the column carries (kinds and types).</summary>
        public SchemaShape Annotations { get; }

        /// <summary>Whether the column is a vector (fixed or variable) of keys.</summary>
        internal bool IsKeyVector => IsKey && Kind != VectorKind.Scalar;

        /// <summary>Whether the column carries a text key vocabulary.</summary>
        internal bool HasKeyValues => Annotations.TryFindColumn(AnnotationUtils.Kinds.KeyValues, out _);

        /// <inheritdoc />
        public override string ToString() => Kind switch
        {
            VectorKind.Scalar => $"{Name}: {ItemType}",
            VectorKind.Vector => $"{Name}: Vector<{ItemType}, fixed>",
            _ => $"{Name}: Vector<{ItemType}>",
        };
    }
}
