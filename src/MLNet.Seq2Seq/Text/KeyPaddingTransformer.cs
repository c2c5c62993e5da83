using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using MLNet.Seq2Seq.Mapping;
using MLNet.Seq2Seq.Persistence;

namespace MLNet.Seq2Seq.Transforms.Text;

/// <summary>
/// Pads (with key 0) or truncates a key vector column to exactly <see cref="Length"/> keys and adds an Int32 column with
/// each sequence's length after truncation. The output is a key vector over the input's vocabulary; ML.NET gives the
/// column a variable-length vector type (every row holds <see cref="Length"/> keys), because a custom mapping's saved
/// output types cannot carry a size chosen at run time.
/// </summary>
public sealed class KeyPaddingTransformer : ChainBackedTransformer
{
    internal const string StepName = "PadOrTruncateKeys";
    private const string StateEntry = "padding.json";
    private const string KeysEntry = "padding.keys.json";

    internal KeyPaddingTransformer(KeyVocabulary keys, string lengthColumnName, int length, LengthOverflowHandling overflowHandling)
    {
        Keys = keys;
        LengthColumnName = lengthColumnName;
        Length = length;
        OverflowHandling = overflowHandling;
        BuildChainNow();
    }

    /// <summary>The key vector column read.</summary>
    public string InputColumnName => Keys.InputColumnName;

    /// <summary>The key vector column written.</summary>
    public string OutputColumnName => Keys.OutputColumnName;

    /// <summary>The Int32 column holding each sequence's length after truncation.</summary>
    public string LengthColumnName { get; }

    /// <summary>The number of keys in every output row.</summary>
    public int Length { get; }

    /// <summary>What happens to a longer sequence.</summary>
    public LengthOverflowHandling OverflowHandling { get; }

    internal KeyVocabulary Keys { get; }

    internal static PayloadCache<KeyPaddingTransformer> Cache { get; } = new(payload => Payload.Decode(StepName, payload.Span, Load));

    internal void Map(KeyVectorInput input, KeyTokensOutput output)
    {
        ReadOnlySpan<uint> keys = input.Keys;
        int length = KeyVocabulary.UnpaddedLength(keys);
        if (length > Length)
        {
            length = OverflowHandling == LengthOverflowHandling.Truncate
                ? Length
                : throw new InvalidDataException($"Column '{InputColumnName}': {length} keys exceed the length {Length}.");
        }

        var tokens = new string[Length];
        for (int i = 0; i < Length; i++)
        {
            tokens[i] = Keys.Token(i < length ? keys[i] : 0);
        }

        output.Tokens = tokens;
        output.Length = length;
    }

    private protected override void CheckInputSchema(DataViewSchema inputSchema) => Keys.RequireInput(inputSchema);

    private protected override TransformerChain<ITransformer> BuildChain()
    {
        string payload = Payload.Encode(StepName, context =>
        {
            Keys.Save(context, KeysEntry);
            context.SaveObject(StateEntry, new State(LengthColumnName, Length, OverflowHandling));
        });
        Cache.Register(payload, this);
        return new SavedStep()
            .Input(InputColumnName, SavedColumns.Input)
            .KeyOutput(SavedColumns.Tokens, OutputColumnName, Keys.Vocabulary)
            .Output(SavedColumns.Count, LengthColumnName)
            .Build<KeyVectorInput, KeyTokensOutput>(Keys.InputSchema(), payload, new KeyPaddingFactory().GetMapping(), KeyPaddingFactory.Contract, KeyTokensOutput.Columns);
    }

    private static KeyPaddingTransformer Load(ArchiveLoadContext context)
    {
        State s = context.LoadObject<State>(StateEntry);
        return s.Length >= 1 && Enum.IsDefined(s.OverflowHandling) && s.LengthColumnName.Length > 0
            ? new KeyPaddingTransformer(KeyVocabulary.Load(context, KeysEntry), s.LengthColumnName, s.Length, s.OverflowHandling)
            : throw context.Malformed(StateEntry, "the length, overflow handling or length column is invalid");
    }

    private sealed record State(string LengthColumnName, int Length, LengthOverflowHandling OverflowHandling);
}

/// <summary>Runs <see cref="KeyPaddingTransformer"/> in a saved chain; ML.NET recreates it by its contract name.</summary>
[CustomMappingFactoryAttribute(Contract)]
internal sealed class KeyPaddingFactory : CustomMappingFactory<KeyVectorInput, KeyTokensOutput>
{
    public const string Contract = "MLNet.Seq2Seq.PadOrTruncateKeys";

    public override Action<KeyVectorInput, KeyTokensOutput> GetMapping() =>
        static (input, output) => KeyPaddingTransformer.Cache.Get(input.Payload).Map(input, output);
}
