using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Seq2Seq.Mapping;

namespace MLNet.Seq2Seq.Transforms.Text;

/// <summary>
/// Maps a text column to a variable-length vector of character keys (Key&lt;UInt32&gt;, 1-based, the vocabulary in the
/// KeyValues annotation, so ML.NET's MapKeyToValue reads them) and an Int32 column counting the characters outside
/// the vocabulary. Empty text gives an empty vector.
/// </summary>
public sealed class CharacterKeyMappingTransformer : ChainBackedTransformer
{
    /// <summary>The character that stands for every character outside the vocabulary (U+FFFD); the vocabulary's last entry.</summary>
    public const char ReplacementCharacter = '\uFFFD';

    internal CharacterKeyMappingTransformer(CharacterKeyMapping mapping)
    {
        Mapping = mapping;
        BuildChainNow();
    }

    /// <summary>The text column read.</summary>
    public string InputColumnName => Mapping.InputColumnName;

    /// <summary>The key vector column written.</summary>
    public string OutputColumnName => Mapping.OutputColumnName;

    /// <summary>The Int32 column counting each row's characters outside the vocabulary.</summary>
    public string UnknownCountColumnName => Mapping.Options.UnknownCountColumnName!;

    /// <summary>The vocabulary: entry k - 1 names key k.</summary>
    public IReadOnlyList<string> Vocabulary => Mapping.Vocabulary;

    /// <summary>How characters are case-folded.</summary>
    public CaseFolding CaseFolding => Mapping.Options.CaseFolding;

    /// <summary>What happens to a character outside the vocabulary.</summary>
    public UnknownCharacterHandling UnknownCharacterHandling => Mapping.Options.UnknownCharacterHandling;

    /// <summary>The most characters a text may have, or null for no limit.</summary>
    public int? MaximumLength => Mapping.Options.MaximumLength;

    /// <summary>What happens to a text longer than <see cref="MaximumLength"/>.</summary>
    public LengthOverflowHandling LengthOverflowHandling => Mapping.Options.LengthOverflowHandling;

    internal CharacterKeyMapping Mapping { get; }

    /// <summary>
    /// The same vocabulary with other handling of unknown characters and long texts (a null argument keeps the current
    /// setting), e.g. to apply a saved model more strictly than it was trained.
    /// </summary>
    internal CharacterKeyMappingTransformer WithHandling(UnknownCharacterHandling? unknownCharacters, int? maximumLength, LengthOverflowHandling? lengthOverflow)
    {
        CharacterKeyMappingOptions options = Mapping.Options.Clone();
        options.UnknownCharacterHandling = unknownCharacters ?? options.UnknownCharacterHandling;
        options.MaximumLength = maximumLength ?? options.MaximumLength;
        options.LengthOverflowHandling = lengthOverflow ?? options.LengthOverflowHandling;
        options.Validate();
        return new(new CharacterKeyMapping(InputColumnName, OutputColumnName, options, Mapping.Vocabulary));
    }

    private protected override void CheckInputSchema(DataViewSchema inputSchema) =>
        ColumnChecks.Require(inputSchema, InputColumnName, ColumnChecks.IsText, ColumnChecks.Text);

    private protected override TransformerChain<ITransformer> BuildChain()
    {
        string payload = Mapping.Save();
        CharacterKeyMapping.Cache.Register(payload, Mapping);
        var schema = new DataViewSchema.Builder();
        schema.AddColumn(InputColumnName, TextDataViewType.Instance);
        return new SavedStep()
            .Input(InputColumnName, SavedColumns.Input)
            .KeyOutput(SavedColumns.Tokens, OutputColumnName, Mapping.Vocabulary)
            .Output(SavedColumns.Count, UnknownCountColumnName)
            .Build<CharacterKeysInput, CharacterKeysOutput>(schema.ToSchema(), payload, new CharacterKeysFactory().GetMapping(), CharacterKeysFactory.Contract, CharacterKeysOutput.Columns);
    }
}
