using System.Globalization;
using System.Text;

namespace MLNet.Seq2Seq.Data;

/// <summary>
/// A data view over a separated text file, each <see cref="LoadColumnAttribute"/> member of
/// <typeparamref name="TRow"/> read from its field. The file is read lazily, line by line, by each cursor.
/// </summary>
internal sealed class TextFileDataView<TRow> : IDataView
    where TRow : class
{
    private const string LogSource = "TextFileLoader";
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly string _path;
    private readonly TextFileLoaderOptions _options;
    private readonly Seq2SeqContext _context;
    private readonly int[] _fieldIndexes;

    public TextFileDataView(Seq2SeqContext context, string path, TextFileLoaderOptions options)
    {
        _context = context;
        _path = Path.GetFullPath(path);
        _options = options;
        if (!File.Exists(_path))
        {
            throw new FileNotFoundException($"Text file '{_path}' does not exist.", _path);
        }

        IReadOnlyList<ObjectMember> members = ObjectMember.Of(typeof(TRow), forWriting: false);
        var builder = new DataViewSchema.Builder();
        var fieldIndexes = new List<int>();
        foreach (ObjectMember member in members)
        {
            LoadColumnAttribute load = member.GetAttribute<LoadColumnAttribute>()
                ?? throw new InvalidOperationException($"Member '{typeof(TRow).Name}.{member.MemberName}' needs [LoadColumn(index)] or [NoColumn].");
            if (member.ColumnType is VectorDataViewType)
            {
                throw new InvalidOperationException($"Member '{typeof(TRow).Name}.{member.MemberName}' is an array; text files load scalar fields only.");
            }

            builder.AddColumn(member.ColumnName, member.ColumnType);
            fieldIndexes.Add(load.FieldIndex);
        }

        Schema = builder.ToSchema();
        _fieldIndexes = [.. fieldIndexes];
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => null;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        var active = new bool[Schema.Count];
        foreach (DataViewSchema.Column column in columnsNeeded)
        {
            active[column.Index] = true;
        }

        return new Cursor(this, active);
    }

    private static object Parse(string field, DataViewType type) => type switch
    {
        TextDataViewType => field.AsMemory(),
        _ when type == NumberDataViewType.Single => float.Parse(field, NumberStyles.Float, CultureInfo.InvariantCulture),
        _ when type == NumberDataViewType.Double => double.Parse(field, NumberStyles.Float, CultureInfo.InvariantCulture),
        _ when type == NumberDataViewType.Int32 => int.Parse(field, NumberStyles.Integer, CultureInfo.InvariantCulture),
        _ when type == NumberDataViewType.UInt32 => uint.Parse(field, NumberStyles.Integer, CultureInfo.InvariantCulture),
        _ when type == NumberDataViewType.Int64 => long.Parse(field, NumberStyles.Integer, CultureInfo.InvariantCulture),
        _ => bool.Parse(field),
    };

    private sealed class Cursor(TextFileDataView<TRow> view, bool[] active) : DataViewRowCursor
    {
        private readonly object[] _values = new object[view.Schema.Count];
        private readonly List<byte> _lineBytes = [];
        private Stream? _file;
        private long _lineNumber;
        private int _expectedFieldCount = -1;
        private long _position = -1;
        private long _skipped;
        private bool _done;

        public override long Position => _position;

        public override long Batch => 0;

        public override DataViewSchema Schema => view.Schema;

        public override bool IsColumnActive(DataViewSchema.Column column) => active[column.Index];

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            ColumnChecks.CheckActive(this, column);
            return BoxedGetters.FromBoxed<TValue>(column, () =>
                _position < 0 || _done ? throw new InvalidOperationException("The cursor is not on a row; call MoveNext first.") : _values[column.Index]);
        }

        public override bool MoveNext()
        {
            if (_done)
            {
                return false;
            }

            _file ??= OpenAndSkipHeader();
            while (ReadLine() is { } line)
            {
                if (TryParseRow(line, out string? problem))
                {
                    _position++;
                    return true;
                }

                if (view._options.OnBadRow == BadRowHandling.Error)
                {
                    throw new InvalidDataException($"{view._path}, line {_lineNumber}: {problem}.");
                }

                _skipped++;
                view._context.WriteLog(ChannelMessageKind.Warning, LogSource, $"Skipped {view._path}, line {_lineNumber}: {problem}.");
            }

            _done = true;
            if (_skipped > 0)
            {
                view._context.WriteLog(ChannelMessageKind.Warning, LogSource, $"Skipped {_skipped} bad row(s) of {view._path}.");
            }

            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _file?.Dispose();
            }
        }

        private Stream OpenAndSkipHeader()
        {
            Stream file;
            try
            {
                file = new BufferedStream(new FileStream(view._path, FileMode.Open, FileAccess.Read, FileShare.Read), 1 << 16);
            }
            catch (FileNotFoundException e)
            {
                throw new FileNotFoundException($"Text file '{view._path}' does not exist.", view._path, e);
            }

            _file = file;
            if (view._options.HasHeader && ReadLine() is { } header)
            {
                _expectedFieldCount = (header.Text ?? string.Empty).Split(view._options.Separator).Length;
            }

            return file;
        }

        /// <summary>The next line without its line break (with null text when it is not valid UTF-8), or null at the end of the file.</summary>
        private LineRead? ReadLine()
        {
            List<byte> bytes = _lineBytes;
            bytes.Clear();
            int next;
            while ((next = _file!.ReadByte()) >= 0 && next != '\n')
            {
                bytes.Add((byte)next);
            }

            if (next < 0 && bytes.Count == 0)
            {
                return null;
            }

            _lineNumber++;
            int start = _lineNumber == 1 && bytes.Count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
            int end = bytes.Count > start && bytes[^1] == '\r' ? bytes.Count - 1 : bytes.Count;
            try
            {
                return new LineRead(StrictUtf8.GetString(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes)[start..end]));
            }
            catch (DecoderFallbackException)
            {
                return new LineRead(null);
            }
        }

        private bool TryParseRow(LineRead line, out string? problem)
        {
            problem = null;
            if (line.Text is null)
            {
                problem = "the line is not valid UTF-8";
                return false;
            }

            if (line.Text.Length == 0)
            {
                problem = "the line is empty";
                return false;
            }

            string[] fields = line.Text.Split(view._options.Separator);
            if (_expectedFieldCount < 0)
            {
                _expectedFieldCount = fields.Length;
            }

            if (fields.Length != _expectedFieldCount)
            {
                problem = $"expected {_expectedFieldCount} fields, found {fields.Length}";
                return false;
            }

            for (int i = 0; i < _values.Length; i++)
            {
                int fieldIndex = view._fieldIndexes[i];
                DataViewSchema.Column column = view.Schema[i];
                if (fieldIndex >= fields.Length)
                {
                    problem = $"column '{column.Name}' reads field {fieldIndex} but the line has {fields.Length} fields";
                    return false;
                }

                if (!active[i])
                {
                    continue;
                }

                try
                {
                    _values[i] = Parse(fields[fieldIndex], column.Type);
                }
                catch (FormatException)
                {
                    problem = $"field {fieldIndex} '{fields[fieldIndex]}' of column '{column.Name}' is not a valid {column.Type}";
                    return false;
                }
                catch (OverflowException)
                {
                    problem = $"field {fieldIndex} '{fields[fieldIndex]}' of column '{column.Name}' is out of range for {column.Type}";
                    return false;
                }
            }

            return true;
        }

        private readonly record struct LineRead(string? Text);
    }
}
