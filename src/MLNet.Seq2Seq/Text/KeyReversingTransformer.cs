using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using MLNet.Seq2Seq.Mapping;
using MLNet.Seq2Seq.Persistence;

namespace MLNet.Seq2Seq.Transforms.Text;

/// <summary>
/// Reverses the keys of a key vector before its trailing padding (key 0), which stays at the end: [5 6 7 0 0] becomes
/// [7 6 5 0 0]. The output is a key vector over the same vocabulary.
/// </summary>
public sealed class KeyReversingTransformer : ChainBackedTransformer
{
    internal const string StepName = "ReverseKeys";
    private const string StateEntry = "reversing.json";

    internal KeyReversingTransformer(KeyVocabulary keys)
    {
        Keys = keys;
        BuildChainNow();
    }

    /// <summary>The key vector column read.</summary>
    public string InputColumnName => Keys.InputColumnName;

    /// <summary>The key vector column written.</summary>
    public string OutputColumnName => Keys.OutputColumnName;

    internal KeyVocabulary Keys { get; }

    internal static PayloadCache<KeyReversingTransformer> Cache { get; } =
        new(payload => Payload.Decode(StepName, payload.Span, context => new KeyReversingTransformer(KeyVocabulary.Load(context, StateEntry))));

    internal void Map(KeyVectorInput input, ReversedKeysOutput output)
    {
        ReadOnlySpan<uint> keys = input.Keys;
        int length = KeyVocabulary.UnpaddedLength(keys);
        var tokens = new string[keys.Length];
        for (int i = 0; i < keys.Length; i++)
        {
            tokens[i] = Keys.Token(i < length ? keys[length - 1 - i] : 0);
        }

        output.Tokens = tokens;
    }

    private protected override void CheckInputSchema(DataViewSchema inputSchema) => Keys.RequireInput(inputSchema);

    private protected override TransformerChain<ITransformer> BuildChain()
    {
        string payload = Payload.Encode(StepName, context => Keys.Save(context, StateEntry));
        Cache.Register(payload, this);
        return new SavedStep()
            .Input(InputColumnName, SavedColumns.Input)
            .KeyOutput(SavedColumns.Tokens, OutputColumnName, Keys.Vocabulary)
            .Build<KeyVectorInput, ReversedKeysOutput>(Keys.InputSchema(), payload, new KeyReversingFactory().GetMapping(), KeyReversingFactory.Contract, ReversedKeysOutput.Columns);
    }
}

/// <summary>Runs <see cref="KeyReversingTransformer"/> in a saved chain; ML.NET recreates it by its contract name.</summary>
[CustomMappingFactoryAttribute(Contract)]
internal sealed class KeyReversingFactory : CustomMappingFactory<KeyVectorInput, ReversedKeysOutput>
{
    public const string Contract = "MLNet.Seq2Seq.ReverseKeys";

    public override Action<KeyVectorInput, ReversedKeysOutput> GetMapping() =>
        static (input, output) => KeyReversingTransformer.Cache.Get(input.Payload).Map(input, output);
}

/// <summary>The output of <see cref="KeyReversingFactory"/>: one token per key, for ML.NET's MapValueToKey.</summary>
internal sealed class ReversedKeysOutput
{
    [ColumnName(SavedColumns.Tokens)]
    public string[] Tokens = [];

    public static IReadOnlyList<string> Columns { get; } = [SavedColumns.Tokens];
}
