using MLNet.Seq2Seq.Data;
using MLNet.Seq2Seq.Persistence;

namespace MLNet.Seq2Seq.Transforms.Text;

/// <summary>Reverses the tokens of key vectors (nothing to learn).</summary>
public sealed class KeyReversingEstimator : IEstimator<KeyReversingTransformer>
{
    private readonly KeyReversingTransformer _transformer;

    internal KeyReversingEstimator(Seq2SeqContext context, string outputColumnName, string? inputColumnName)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputColumnName);
        _transformer = new KeyReversingTransformer(context, outputColumnName, inputColumnName ?? outputColumnName);
    }

    /// <inheritdoc />
    public KeyReversingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _transformer.GetOutputSchema(input.Schema);
        return _transformer;
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        SchemaShape.Column input = KeyColumns.RequireKeyVector(inputSchema, _transformer.InputColumnName);
        return KeyColumns.Append(inputSchema, new SchemaShape.Column(_transformer.OutputColumnName, input.Kind, input.ItemType, isKey: true, input.Annotations));
    }
}

/// <summary>
/// Reverses the real (non-padding) tokens of a key vector; padding stays at the end: [5 6 7 0 0] becomes [7 6 5 0 0].
/// The output has the input's type and annotations.
/// </summary>
public sealed class KeyReversingTransformer : RowToRowTransformerBase, ICanSaveModel
{
    internal const string LoaderName = "KeyReversing";
    private const string StateEntry = "reversing.json";

    internal KeyReversingTransformer(Seq2SeqContext context, string outputColumnName, string inputColumnName)
        : base(context)
    {
        OutputColumnName = outputColumnName;
        InputColumnName = inputColumnName;
    }

    /// <summary>The key vector column read.</summary>
    public string InputColumnName { get; }

    /// <summary>The key vector column written.</summary>
    public string OutputColumnName { get; }

    string ICanSaveModel.ComponentName => LoaderName;

    void ICanSaveModel.Save(ModelSaveContext context) => context.SaveObject(StateEntry, new State(InputColumnName, OutputColumnName));

    internal static KeyReversingTransformer Load(ModelLoadContext context, Seq2SeqContext env)
    {
        State state = context.LoadObject<State>(StateEntry);
        return new KeyReversingTransformer(env, state.OutputColumnName, state.InputColumnName);
    }

    private protected override IReadOnlyList<OutputColumn> BindOutputColumns(DataViewSchema inputSchema)
    {
        DataViewSchema.Column input = KeyColumns.RequireKeyVector(inputSchema, InputColumnName);
        return [OutputColumn.Create<VBuffer<uint>>(OutputColumnName, input.Type, input.Annotations, [input], row => CreateGetter(row, input))];
    }

    private static ValueGetter<VBuffer<uint>> CreateGetter(DataViewRow row, DataViewSchema.Column input)
    {
        ValueGetter<VBuffer<uint>> getInput = row.GetGetter<VBuffer<uint>>(input);
        VBuffer<uint> keys = default;
        return (ref VBuffer<uint> value) =>
        {
            getInput(ref keys);
            ReadOnlySpan<uint> source = keys.GetValues();
            uint[] reversed = new uint[source.Length];
            int count = 0;
            for (int i = source.Length - 1; i >= 0; i--)
            {
                if (source[i] != SpecialKeys.Padding)
                {
                    reversed[count++] = source[i];
                }
            }

            value = new VBuffer<uint>(reversed.Length, reversed);
        };
    }

    private sealed record State(string InputColumnName, string OutputColumnName);
}
