using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using MLNet.Seq2Seq.Mapping;
using MLNet.Seq2Seq.Persistence;

namespace MLNet.Seq2Seq.Transforms.Text;

/// <summary>
/// What a fitted <see cref="CharacterKeyMappingTransformer"/> knows (columns, options, vocabulary) and the per-row
/// mapping from text to character tokens that its saved chain runs; ML.NET's MapValueToKey then turns the tokens into keys.
/// </summary>
internal sealed class CharacterKeyMapping
{
    public const string StepName = "MapCharactersToKeys";
    private const string StateEntry = "characters.json";

    private readonly Dictionary<char, string> tokenByCharacter;
    private readonly string replacement;

    public CharacterKeyMapping(string inputColumnName, string outputColumnName, CharacterKeyMappingOptions options, string[] vocabulary)
    {
        InputColumnName = inputColumnName;
        OutputColumnName = outputColumnName;
        Options = options;
        Vocabulary = vocabulary;
        tokenByCharacter = vocabulary.ToDictionary(v => v[0]);
        replacement = CharacterKeyMappingTransformer.ReplacementCharacter.ToString();
    }

    public string InputColumnName { get; }

    public string OutputColumnName { get; }

    public CharacterKeyMappingOptions Options { get; }

    public string[] Vocabulary { get; }

    public static PayloadCache<CharacterKeyMapping> Cache { get; } = new(payload => Payload.Decode(StepName, payload.Span, Load));

    public static char Fold(char c, CaseFolding folding) => folding switch
    {
        CaseFolding.Lower => char.ToLowerInvariant(c),
        CaseFolding.Upper => char.ToUpperInvariant(c),
        _ => c,
    };

    public void Map(CharacterKeysInput input, CharacterKeysOutput output)
    {
        ReadOnlySpan<char> characters = input.Text.Span;
        if (Options.MaximumLength is { } maximum && characters.Length > maximum)
        {
            characters = Options.LengthOverflowHandling == LengthOverflowHandling.Truncate
                ? characters[..maximum]
                : throw new InvalidDataException($"Column '{InputColumnName}': the text \"{Preview(input.Text.Span)}\" has {characters.Length} characters, more than the maximum length {maximum}.");
        }

        var tokens = new string[characters.Length];
        int unknown = 0;
        for (int i = 0; i < characters.Length; i++)
        {
            char folded = Fold(characters[i], Options.CaseFolding);
            if (tokenByCharacter.TryGetValue(folded, out string? token) && folded != CharacterKeyMappingTransformer.ReplacementCharacter)
            {
                tokens[i] = token;
                continue;
            }

            if (Options.UnknownCharacterHandling == UnknownCharacterHandling.Error)
            {
                throw new InvalidDataException($"Column '{InputColumnName}': character '{folded}' (U+{(int)folded:X4}) in \"{Preview(input.Text.Span)}\" is not in the vocabulary.");
            }

            tokens[i] = replacement;
            unknown++;
        }

        output.Tokens = tokens;
        output.UnknownCount = unknown;
    }

    public string Save() => Payload.Encode(StepName, context => context.SaveObject(StateEntry, new State(
        InputColumnName, OutputColumnName, Options.UnknownCountColumnName!, Options.CaseFolding, Options.MaximumVocabularySize,
        Options.UnknownCharacterHandling, Options.MaximumLength, Options.LengthOverflowHandling, Vocabulary)));

    private static CharacterKeyMapping Load(ArchiveLoadContext context)
    {
        State s = context.LoadObject<State>(StateEntry);
        if (s.Vocabulary.Length == 0 || s.Vocabulary[^1] != CharacterKeyMappingTransformer.ReplacementCharacter.ToString()
            || s.Vocabulary.Any(v => v.Length != 1) || s.Vocabulary.Distinct(StringComparer.Ordinal).Count() != s.Vocabulary.Length)
        {
            throw context.Malformed(StateEntry, "the vocabulary must hold distinct single characters ending with U+FFFD");
        }

        var options = new CharacterKeyMappingOptions
        {
            CaseFolding = s.CaseFolding,
            MaximumVocabularySize = s.MaximumVocabularySize,
            UnknownCharacterHandling = s.UnknownCharacterHandling,
            MaximumLength = s.MaximumLength,
            LengthOverflowHandling = s.LengthOverflowHandling,
            UnknownCountColumnName = s.UnknownCountColumnName,
        };
        context.Validate(StateEntry, options.Validate);

        return new CharacterKeyMapping(s.InputColumnName, s.OutputColumnName, options, s.Vocabulary);
    }

    private static string Preview(ReadOnlySpan<char> text) => text.Length <= 40 ? text.ToString() : string.Concat(text[..40], "…");

    private sealed record State(
        string InputColumnName,
        string OutputColumnName,
        string UnknownCountColumnName,
        CaseFolding CaseFolding,
        int? MaximumVocabularySize,
        UnknownCharacterHandling UnknownCharacterHandling,
        int? MaximumLength,
        LengthOverflowHandling LengthOverflowHandling,
        string[] Vocabulary);
}

/// <summary>The input of <see cref="CharacterKeysFactory"/>.</summary>
internal sealed class CharacterKeysInput
{
    [ColumnName(SavedColumns.Payload)]
    public ReadOnlyMemory<char> Payload;

    [ColumnName(SavedColumns.Input)]
    public ReadOnlyMemory<char> Text;
}

/// <summary>The output of <see cref="CharacterKeysFactory"/>.</summary>
internal sealed class CharacterKeysOutput
{
    [ColumnName(SavedColumns.Tokens)]
    public string[] Tokens = [];

    [ColumnName(SavedColumns.Count)]
    public int UnknownCount;

    public static IReadOnlyList<string> Columns { get; } = [SavedColumns.Tokens, SavedColumns.Count];
}

/// <summary>Runs <see cref="CharacterKeyMapping"/> in a saved chain; ML.NET recreates it by its contract name.</summary>
[CustomMappingFactoryAttribute(Contract)]
internal sealed class CharacterKeysFactory : CustomMappingFactory<CharacterKeysInput, CharacterKeysOutput>
{
    public const string Contract = "MLNet.Seq2Seq.MapCharactersToKeys";

    public override Action<CharacterKeysInput, CharacterKeysOutput> GetMapping() =>
        static (input, output) => CharacterKeyMapping.Cache.Get(input.Payload).Map(input, output);
}
