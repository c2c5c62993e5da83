using System.Globalization;
using MLNet.Seq2Seq.Data;
using MLNet.Seq2Seq.Persistence;

namespace MLNet.Seq2Seq.Transforms.Text;

/// <summary>
/// Learns a character vocabulary from a text column: the <see cref="SpecialKeys"/> first, then the characters (UTF-16 code
/// units, after case folding) in ordinal order, so the same data in any row order gives the same keys.
/// </summary>
public sealed class CharacterTokenizingEstimator : IEstimator<CharacterTokenizingTransformer>
{
    private readonly Seq2SeqContext _context;
    private readonly string _outputColumnName;
    private readonly string _inputColumnName;
    private readonly CharacterTokenizingOptions _options;

    internal CharacterTokenizingEstimator(Seq2SeqContext context, string outputColumnName, string? inputColumnName, CharacterTokenizingOptions? options)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputColumnName);
        _context = context;
        _outputColumnName = outputColumnName;
        _inputColumnName = inputColumnName ?? outputColumnName;
        _options = CharacterTokenizingTransformer.Copy(options ?? new CharacterTokenizingOptions());
        if (_options.MaximumVocabularySize is { } maximum && maximum <= SpecialKeys.Count)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), maximum, $"{nameof(CharacterTokenizingOptions.MaximumVocabularySize)} must exceed the {SpecialKeys.Count} special keys.");
        }

        CharacterTokenizingTransformer.CheckMaximumLength(_options.MaximumLength);
    }

    /// <inheritdoc />
    public CharacterTokenizingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        DataViewSchema.Column column = CharacterTokenizingTransformer.RequireText(input.Schema, _inputColumnName);
        var counts = new Dictionary<char, long>();
        using (DataViewRowCursor cursor = input.GetRowCursor([column]))
        {
            ValueGetter<ReadOnlyMemory<char>> getter = cursor.GetGetter<ReadOnlyMemory<char>>(column);
            ReadOnlyMemory<char> text = default;
            while (cursor.MoveNext())
            {
                getter(ref text);
                foreach (char c in text.Span)
                {
                    char folded = CharacterTokenizingTransformer.Fold(c, _options.CaseFolding);
                    counts[folded] = counts.GetValueOrDefault(folded) + 1;
                }
            }
        }

        IEnumerable<char> kept = counts.Keys;
        if (_options.MaximumVocabularySize is { } maximum && counts.Count > maximum - SpecialKeys.Count)
        {
            kept = counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key).Take(maximum - SpecialKeys.Count).Select(p => p.Key);
        }

        string[] vocabulary = [.. SpecialKeys.Names, .. kept.Order().Select(c => c.ToString())];
        return new CharacterTokenizingTransformer(_context, _outputColumnName, _inputColumnName, _options, vocabulary);
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        ColumnChecks.Require(inputSchema, _inputColumnName, c => c.Kind == SchemaShape.Column.VectorKind.Scalar && c.ItemType is TextDataViewType, "String");
        return KeyColumns.Append(inputSchema, new SchemaShape.Column(
            _outputColumnName, SchemaShape.Column.VectorKind.VariableVector, KeyColumns.UnknownCountKey, isKey: true, KeyColumns.KeyValuesShape));
    }
}

/// <summary>
/// Maps a text column to a variable-length vector of character keys (Key&lt;UInt32, vocabulary size&gt;) carrying the
/// vocabulary as <see cref="AnnotationUtils.Kinds.KeyValues"/>. Null or empty text gives an empty vector.
/// </summary>
public sealed class CharacterTokenizingTransformer : RowToRowTransformerBase, ICanSaveModel
{
    internal const string LoaderName = "CharacterTokenizer";
    private const string StateEntry = "tokenizer.json";

    private readonly CharacterTokenizingOptions _options;
    private readonly string[] _vocabulary;
    private readonly Dictionary<char, uint> _keyByCharacter;

    internal CharacterTokenizingTransformer(Seq2SeqContext context, string outputColumnName, string inputColumnName, CharacterTokenizingOptions options, string[] vocabulary)
        : base(context)
    {
        OutputColumnName = outputColumnName;
        InputColumnName = inputColumnName;
        _options = options;
        _vocabulary = vocabulary;
        _keyByCharacter = [];
        for (int key = SpecialKeys.Count; key < vocabulary.Length; key++)
        {
            _keyByCharacter.Add(vocabulary[key][0], (uint)key);
        }
    }

    /// <summary>The text column read.</summary>
    public string InputColumnName { get; }

    /// <summary>The key vector column written.</summary>
    public string OutputColumnName { get; }

    /// <summary>The vocabulary: entry k names key k.</summary>
    public IReadOnlyList<string> KeyValues => _vocabulary;

    string ICanSaveModel.ComponentName => LoaderName;

    void ICanSaveModel.Save(ModelSaveContext context) =>
        context.SaveObject(StateEntry, new State(InputColumnName, OutputColumnName, _options.CaseFolding, _options.MaximumVocabularySize, _options.UnknownCharacterHandling, _vocabulary,
            _options.MaximumLength, _options.LengthOverflowHandling));

    internal static CharacterTokenizingTransformer Load(ModelLoadContext context, Seq2SeqContext env)
    {
        State state = context.LoadObject<State>(StateEntry);
        if (state.Vocabulary.Count < SpecialKeys.Count || !state.Vocabulary.Take(SpecialKeys.Count).SequenceEqual(SpecialKeys.Names))
        {
            throw context.Malformed(StateEntry, $"the vocabulary must start with {string.Join(" ", SpecialKeys.Names)}");
        }

        IEnumerable<string> characters = state.Vocabulary.Skip(SpecialKeys.Count);
        if (characters.Any(c => c is not { Length: 1 }) || characters.Distinct(StringComparer.Ordinal).Count() != state.Vocabulary.Count - SpecialKeys.Count)
        {
            throw context.Malformed(StateEntry, "after the special keys the vocabulary must hold distinct single characters");
        }

        var options = new CharacterTokenizingOptions
        {
            CaseFolding = state.CaseFolding,
            MaximumVocabularySize = state.MaximumVocabularySize,
            UnknownCharacterHandling = state.UnknownCharacterHandling,
            MaximumLength = state.MaximumLength,
            LengthOverflowHandling = state.LengthOverflowHandling,
        };
        if (options.MaximumLength is <= 0)
        {
            throw context.Malformed(StateEntry, "the maximum length must be greater than 0");
        }

        return new CharacterTokenizingTransformer(env, state.OutputColumnName, state.InputColumnName, options, [.. state.Vocabulary]);
    }

    internal static CharacterTokenizingOptions Copy(CharacterTokenizingOptions options) => new()
    {
        CaseFolding = options.CaseFolding,
        MaximumVocabularySize = options.MaximumVocabularySize,
        UnknownCharacterHandling = options.UnknownCharacterHandling,
        MaximumLength = options.MaximumLength,
        LengthOverflowHandling = options.LengthOverflowHandling,
    };

    internal static void CheckMaximumLength(int? maximumLength)
    {
        if (maximumLength is <= 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(CharacterTokenizingOptions.MaximumLength), maximumLength, $"{nameof(CharacterTokenizingOptions.MaximumLength)} must be greater than 0.");
        }
    }

    /// <summary>
    /// The same vocabulary with other handling of unknown characters and long texts (each null argument keeps the
    /// current setting), e.g. to apply a saved model more strictly than it was trained.
    /// </summary>
    internal CharacterTokenizingTransformer WithHandling(UnknownCharacterHandling? unknownCharacters, int? maximumLength, LengthOverflowHandling? lengthOverflow)
    {
        CheckMaximumLength(maximumLength);
        CharacterTokenizingOptions options = Copy(_options);
        options.UnknownCharacterHandling = unknownCharacters ?? options.UnknownCharacterHandling;
        options.MaximumLength = maximumLength ?? options.MaximumLength;
        options.LengthOverflowHandling = lengthOverflow ?? options.LengthOverflowHandling;
        return new CharacterTokenizingTransformer(Context, OutputColumnName, InputColumnName, options, _vocabulary);
    }

    internal static char Fold(char c, CaseFolding folding) => folding switch
    {
        CaseFolding.Lower => char.ToLowerInvariant(c),
        CaseFolding.Upper => char.ToUpperInvariant(c),
        _ => c,
    };

    internal static DataViewSchema.Column RequireText(DataViewSchema schema, string name) =>
        ColumnChecks.Require(schema, name, c => c.Type is TextDataViewType, "String");

    private protected override IReadOnlyList<OutputColumn> BindOutputColumns(DataViewSchema inputSchema)
    {
        DataViewSchema.Column input = RequireText(inputSchema, InputColumnName);
        var type = new VectorDataViewType(new KeyDataViewType(typeof(uint), (ulong)_vocabulary.Length));
        return [OutputColumn.Create<VBuffer<uint>>(OutputColumnName, type, AnnotationUtils.CreateKeyValues(_vocabulary), [input], row => CreateGetter(row, input))];
    }

    private ValueGetter<VBuffer<uint>> CreateGetter(DataViewRow row, DataViewSchema.Column input)
    {
        ValueGetter<ReadOnlyMemory<char>> getText = row.GetGetter<ReadOnlyMemory<char>>(input);
        ReadOnlyMemory<char> text = default;
        return (ref VBuffer<uint> value) =>
        {
            getText(ref text);
            ReadOnlySpan<char> characters = text.Span;
            if (_options.MaximumLength is { } maximumLength && characters.Length > maximumLength)
            {
                string problem = string.Create(CultureInfo.InvariantCulture,
                    $"Column '{InputColumnName}', row {row.Position}: the text has {characters.Length} characters, more than the maximum length {maximumLength}");
                if (_options.LengthOverflowHandling == LengthOverflowHandling.Error)
                {
                    throw new InvalidDataException($"{problem}.");
                }

                Context.WriteLog(ChannelMessageKind.Warning, LoaderName, $"{problem}; truncated.");
                characters = characters[..maximumLength];
            }

            uint[] keys = new uint[characters.Length];
            int unknownCount = 0;
            for (int i = 0; i < characters.Length; i++)
            {
                char folded = Fold(characters[i], _options.CaseFolding);
                if (_keyByCharacter.TryGetValue(folded, out uint key))
                {
                    keys[i] = key;
                    continue;
                }

                if (_options.UnknownCharacterHandling == UnknownCharacterHandling.Error)
                {
                    throw new InvalidDataException(
                        $"Column '{InputColumnName}', row {row.Position}: character '{folded}' (U+{(int)folded:X4}) is not in the vocabulary.");
                }

                keys[i] = SpecialKeys.Unknown;
                unknownCount++;
            }

            if (unknownCount > 0)
            {
                Context.WriteLog(
                    ChannelMessageKind.Warning,
                    LoaderName,
                    string.Create(CultureInfo.InvariantCulture, $"Column '{InputColumnName}', row {row.Position}: {unknownCount} character(s) outside the vocabulary mapped to {SpecialKeys.UnknownName}."));
            }

            value = new VBuffer<uint>(keys.Length, keys);
        };
    }

    private sealed record State(
        string InputColumnName,
        string OutputColumnName,
        CaseFolding CaseFolding,
        int? MaximumVocabularySize,
        UnknownCharacterHandling UnknownCharacterHandling,
        IReadOnlyList<string> Vocabulary,
        int? MaximumLength = null,
        LengthOverflowHandling LengthOverflowHandling = LengthOverflowHandling.Truncate);
}
