using MLNet.Seq2Seq.Data;
using MLNet.Seq2Seq.Persistence;

namespace MLNet.Seq2Seq.Transforms.Text;

/// <summary>
/// Pads key vectors with <see cref="SpecialKeys.Padding"/> to a fixed length, given or learned (the longest sequence seen,
/// trailing padding not counted).
/// </summary>
public sealed class KeyPaddingEstimator : IEstimator<KeyPaddingTransformer>
{
    private readonly Seq2SeqContext _context;
    private readonly string _outputColumnName;
    private readonly string _inputColumnName;
    private readonly KeyPaddingOptions _options;

    internal KeyPaddingEstimator(Seq2SeqContext context, string outputColumnName, string? inputColumnName, KeyPaddingOptions? options)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputColumnName);
        options ??= new KeyPaddingOptions();
        if (options.Length is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Length, $"{nameof(KeyPaddingOptions.Length)} must be at least 1.");
        }

        _context = context;
        _outputColumnName = outputColumnName;
        _inputColumnName = inputColumnName ?? outputColumnName;
        _options = new KeyPaddingOptions
        {
            Length = options.Length,
            OverflowHandling = options.OverflowHandling,
            LengthColumnName = options.LengthColumnName ?? outputColumnName + "Length",
        };
    }

    /// <inheritdoc />
    public KeyPaddingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        DataViewSchema.Column column = KeyColumns.RequireKeyVector(input.Schema, _inputColumnName);
        int length = _options.Length ?? LongestSequence(input, column);
        return new KeyPaddingTransformer(_context, _outputColumnName, _inputColumnName, _options.LengthColumnName!, length, _options.OverflowHandling);
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        SchemaShape.Column input = KeyColumns.RequireKeyVector(inputSchema, _inputColumnName);
        return KeyColumns.Append(
            inputSchema,
            new SchemaShape.Column(_outputColumnName, SchemaShape.Column.VectorKind.Vector, input.ItemType, isKey: true, input.Annotations),
            new SchemaShape.Column(_options.LengthColumnName!, SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.Int32, isKey: false));
    }

    private static int LongestSequence(IDataView input, DataViewSchema.Column column)
    {
        int longest = 0;
        using DataViewRowCursor cursor = input.GetRowCursor([column]);
        ValueGetter<VBuffer<uint>> getter = cursor.GetGetter<VBuffer<uint>>(column);
        VBuffer<uint> keys = default;
        while (cursor.MoveNext())
        {
            getter(ref keys);
            longest = Math.Max(longest, KeyColumns.TrimPadding(keys.GetValues()).Length);
        }

        return longest > 0
            ? longest
            : throw new InvalidOperationException($"Cannot learn a padding length: column '{column.Name}' has no non-empty sequence. Set {nameof(KeyPaddingOptions.Length)}.");
    }
}

/// <summary>
/// Pads (or truncates) a key vector column to a fixed-size key vector of <see cref="Length"/> and adds an Int32 column with
/// each sequence's true length (trailing padding not counted, after truncation). Annotations such as the vocabulary are kept.
/// </summary>
public sealed class KeyPaddingTransformer : RowToRowTransformerBase, ICanSaveModel
{
    internal const string LoaderName = "KeyPadding";
    private const string StateEntry = "padding.json";

    internal KeyPaddingTransformer(Seq2SeqContext context, string outputColumnName, string inputColumnName, string lengthColumnName, int length, LengthOverflowHandling overflowHandling)
        : base(context)
    {
        OutputColumnName = outputColumnName;
        InputColumnName = inputColumnName;
        LengthColumnName = lengthColumnName;
        Length = length;
        OverflowHandling = overflowHandling;
    }

    /// <summary>The key vector column read.</summary>
    public string InputColumnName { get; }

    /// <summary>The fixed-size key vector column written.</summary>
    public string OutputColumnName { get; }

    /// <summary>The Int32 length column written.</summary>
    public string LengthColumnName { get; }

    /// <summary>The fixed length.</summary>
    public int Length { get; }

    /// <summary>What happens to longer sequences.</summary>
    public LengthOverflowHandling OverflowHandling { get; }

    string ICanSaveModel.ComponentName => LoaderName;

    void ICanSaveModel.Save(ModelSaveContext context) =>
        context.SaveObject(StateEntry, new State(InputColumnName, OutputColumnName, LengthColumnName, Length, OverflowHandling));

    internal static KeyPaddingTransformer Load(ModelLoadContext context, Seq2SeqContext env)
    {
        State state = context.LoadObject<State>(StateEntry);
        return state.Length >= 1
            ? new KeyPaddingTransformer(env, state.OutputColumnName, state.InputColumnName, state.LengthColumnName, state.Length, state.OverflowHandling)
            : throw context.Malformed(StateEntry, $"length {state.Length} is not positive");
    }

    private protected override IReadOnlyList<OutputColumn> BindOutputColumns(DataViewSchema inputSchema)
    {
        DataViewSchema.Column input = KeyColumns.RequireKeyVector(inputSchema, InputColumnName);
        var inputType = (VectorDataViewType)input.Type;
        return
        [
            OutputColumn.Create<VBuffer<uint>>(OutputColumnName, new VectorDataViewType(inputType.ItemType, Length), input.Annotations, [input], row => CreateKeysGetter(row, input)),
            OutputColumn.Create<int>(LengthColumnName, NumberDataViewType.Int32, null, [input], row => CreateLengthGetter(row, input)),
        ];
    }

    private ValueGetter<VBuffer<uint>> CreateKeysGetter(DataViewRow row, DataViewSchema.Column input)
    {
        ValueGetter<VBuffer<uint>> getInput = row.GetGetter<VBuffer<uint>>(input);
        VBuffer<uint> keys = default;
        return (ref VBuffer<uint> value) =>
        {
            getInput(ref keys);
            ReadOnlySpan<uint> tokens = Fit(KeyColumns.TrimPadding(keys.GetValues()), row.Position);
            uint[] padded = new uint[Length];
            tokens.CopyTo(padded);
            value = new VBuffer<uint>(Length, padded);
        };
    }

    private ValueGetter<int> CreateLengthGetter(DataViewRow row, DataViewSchema.Column input)
    {
        ValueGetter<VBuffer<uint>> getInput = row.GetGetter<VBuffer<uint>>(input);
        VBuffer<uint> keys = default;
        return (ref int value) =>
        {
            getInput(ref keys);
            value = Fit(KeyColumns.TrimPadding(keys.GetValues()), row.Position).Length;
        };
    }

    private ReadOnlySpan<uint> Fit(ReadOnlySpan<uint> tokens, long position)
    {
        if (tokens.Length <= Length)
        {
            return tokens;
        }

        return OverflowHandling == LengthOverflowHandling.Truncate
            ? tokens[..Length]
            : throw new InvalidDataException($"Column '{InputColumnName}', row {position}: {tokens.Length} tokens exceed the length {Length}.");
    }

    private sealed record State(string InputColumnName, string OutputColumnName, string LengthColumnName, int Length, LengthOverflowHandling OverflowHandling);
}
