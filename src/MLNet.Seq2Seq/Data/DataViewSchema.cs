using System.Collections;
using System.Text;

namespace MLNet.Seq2Seq;

/// <summary>
/// The columns of a data view, in order. When several columns share a name, the last one is the visible one
/// and the earlier ones are hidden (still reachable by index).
/// </summary>
public sealed partial class DataViewSchema : IReadOnlyList<DataViewSchema.Column>
{
    private readonly Column[] _columns;
    private readonly Dictionary<string, int> _visibleIndexByName;

    private DataViewSchema(IReadOnlyList<DetachedColumn> columns)
    {
        _columns = new Column[columns.Count];
        _visibleIndexByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = columns.Count - 1; i >= 0; i--)
        {
            DetachedColumn column = columns[i];
            bool isHidden = !_visibleIndexByName.TryAdd(column.Name, i);
            _columns[i] = new Column(column.Name, i, isHidden, column.Type, column.Annotations);
        }
    }

    /// <summary>The number of columns, hidden ones included.</summary>
    public int Count => _columns.Length;

    /// <summary>The column at <paramref name="columnIndex"/>.</summary>
    public Column this[int columnIndex] => _columns[columnIndex];

    /// <summary>The visible column named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No such column; the message lists the available ones.</exception>
    public Column this[string name] =>
        GetColumnOrNull(name) ?? throw new ArgumentOutOfRangeException(
            nameof(name), $"Column '{name}' not found; available columns: {DescribeVisibleColumns()}.");

    /// <summary>The visible column named <paramref name="name"/>, or null.</summary>
    public Column? GetColumnOrNull(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _visibleIndexByName.TryGetValue(name, out int index) ? _columns[index] : null;
    }

    /// <inheritdoc />
    public IEnumerator<Column> GetEnumerator() => ((IEnumerable<Column>)_columns).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => DescribeVisibleColumns();

    private string DescribeVisibleColumns()
    {
        var text = new StringBuilder();
        foreach (Column column in _columns.Where(c => !c.IsHidden))
        {
            if (text.Length > 0)
            {
                text.Append(", ");
            }

            text.Append(column.Name).Append(" (").Append(column.Type).Append(')');
        }

        return text.Length == 0 ? "(none)" : text.ToString();
    }

    /// <summary>One column of a schema.</summary>
    public readonly struct Column
    {
        internal Column(string name, int index, bool isHidden, DataViewType type, Annotations annotations)
        {
            Name = name;
            Index = index;
            IsHidden = isHidden;
            Type = type;
            Annotations = annotations;
        }

        /// <summary>The column name.</summary>
        public string Name { get; }

        /// <summary>The position of the column in its schema.</summary>
        public int Index { get; }

        /// <summary>Whether a later column with the same name hides this one.</summary>
        public bool IsHidden { get; }

        /// <summary>The type of the column's values.</summary>
        public DataViewType Type { get; }

        /// <summary>Extra information about the column, such as its key vocabulary.</summary>
        public Annotations Annotations { get; }

        /// <inheritdoc />
        public override string ToString() => $"{Name} ({Index}): {Type}";
    }

    /// <summary>A column description not bound to a schema: name, type and annotations.</summary>
    public readonly struct DetachedColumn
    {
        /// <summary>Describes a column.</summary>
        public DetachedColumn(string name, DataViewType type, Annotations? annotations = null)
        {
            ArgumentException.ThrowIfNullOrEmpty(name);
            ArgumentNullException.ThrowIfNull(type);
            Name = name;
            Type = type;
            Annotations = annotations ?? Annotations.Empty;
        }

        /// <summary>Copies the description of a schema column.</summary>
        public DetachedColumn(Column column)
            : this(column.Name, column.Type, column.Annotations)
        {
        }

        /// <summary>The column name.</summary>
        public string Name { get; }

        /// <summary>The type of the column's values.</summary>
        public DataViewType Type { get; }

        /// <summary>Extra information about the column.</summary>
        public Annotations Annotations { get; }
    }

    /// <summary>Builds a schema column by column.</summary>
    public sealed class Builder
    {
        private readonly List<DetachedColumn> _columns = [];

        /// <summary>Appends a column.</summary>
        public void AddColumn(string name, DataViewType type, Annotations? annotations = null) =>
            _columns.Add(new DetachedColumn(name, type, annotations));

        /// <summary>Appends columns of another schema, hidden ones included.</summary>
        public void AddColumns(IEnumerable<Column> columns)
        {
            ArgumentNullException.ThrowIfNull(columns);
            _columns.AddRange(columns.Select(c => new DetachedColumn(c)));
        }

        /// <summary>Appends column descriptions.</summary>
        public void AddColumns(IEnumerable<DetachedColumn> columns)
        {
            ArgumentNullException.ThrowIfNull(columns);
            _columns.AddRange(columns);
        }

        /// <summary>Creates the schema.</summary>
        public DataViewSchema ToSchema() => new(_columns);
    }
}
