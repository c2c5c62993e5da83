using System.Text;
using MLNet.Seq2Seq.Data;
using MLNet.Seq2Seq.Persistence;

namespace MLNet.Seq2Seq.Transforms.Text;

/// <summary>Maps key vectors back to text through their vocabulary annotation (nothing to learn).</summary>
public sealed class KeyToTextEstimator : IEstimator<KeyToTextTransformer>
{
    private readonly KeyToTextTransformer _transformer;

    internal KeyToTextEstimator(Seq2SeqContext context, string outputColumnName, string? inputColumnName)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputColumnName);
        _transformer = new KeyToTextTransformer(context, outputColumnName, inputColumnName ?? outputColumnName);
    }

    /// <inheritdoc />
    public KeyToTextTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _transformer.GetOutputSchema(input.Schema);
        return _transformer;
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        ColumnChecks.Require(inputSchema, _transformer.InputColumnName, c => c.IsKeyVector && c.HasKeyValues, KeyColumns.KeyVectorWithValuesTypeName);
        return KeyColumns.Append(inputSchema, new SchemaShape.Column(_transformer.OutputColumnName, SchemaShape.Column.VectorKind.Scalar, TextDataViewType.Instance, isKey: false));
    }
}

/// <summary>
/// Maps a key vector to text: concatenates the vocabulary entries of its keys, stopping at <see cref="SpecialKeys.End"/> and
/// dropping <see cref="SpecialKeys.Padding"/> and <see cref="SpecialKeys.Start"/>. The vocabulary is read from the input
/// column's <see cref="AnnotationUtils.Kinds.KeyValues"/> annotation.
/// </summary>
public sealed class KeyToTextTransformer : RowToRowTransformerBase, ICanSaveModel
{
    internal const string LoaderName = "KeyToText";
    private const string StateEntry = "keytotext.json";

    internal KeyToTextTransformer(Seq2SeqContext context, string outputColumnName, string inputColumnName)
        : base(context)
    {
        OutputColumnName = outputColumnName;
        InputColumnName = inputColumnName;
    }

    /// <summary>The key vector column read.</summary>
    public string InputColumnName { get; }

    /// <summary>The text column written.</summary>
    public string OutputColumnName { get; }

    string ICanSaveModel.ComponentName => LoaderName;

    void ICanSaveModel.Save(ModelSaveContext context) => context.SaveObject(StateEntry, new State(InputColumnName, OutputColumnName));

    internal static KeyToTextTransformer Load(ModelLoadContext context, Seq2SeqContext env)
    {
        State state = context.LoadObject<State>(StateEntry);
        return new KeyToTextTransformer(env, state.OutputColumnName, state.InputColumnName);
    }

    /// <summary>The text of <paramref name="keys"/> under <paramref name="vocabulary"/>, by the rules of this transform.</summary>
    internal static string Decode(ReadOnlySpan<uint> keys, IReadOnlyList<string> vocabulary)
    {
        var text = new StringBuilder();
        foreach (uint key in keys)
        {
            if (key == SpecialKeys.End)
            {
                break;
            }

            if (key is not (SpecialKeys.Padding or SpecialKeys.Start))
            {
                text.Append(vocabulary[(int)key]);
            }
        }

        return text.ToString();
    }

    private protected override IReadOnlyList<OutputColumn> BindOutputColumns(DataViewSchema inputSchema)
    {
        DataViewSchema.Column input = ColumnChecks.Require(inputSchema, InputColumnName, KeyColumns.IsKeyVectorWithValues, KeyColumns.KeyVectorWithValuesTypeName);
        string[] vocabulary = AnnotationUtils.ReadKeyValues(input);
        return [OutputColumn.Create<ReadOnlyMemory<char>>(OutputColumnName, TextDataViewType.Instance, null, [input], row => CreateGetter(row, input, vocabulary))];
    }

    private static ValueGetter<ReadOnlyMemory<char>> CreateGetter(DataViewRow row, DataViewSchema.Column input, string[] vocabulary)
    {
        ValueGetter<VBuffer<uint>> getInput = row.GetGetter<VBuffer<uint>>(input);
        VBuffer<uint> keys = default;
        return (ref ReadOnlyMemory<char> value) =>
        {
            getInput(ref keys);
            value = Decode(keys.GetValues(), vocabulary).AsMemory();
        };
    }

    private sealed record State(string InputColumnName, string OutputColumnName);
}
