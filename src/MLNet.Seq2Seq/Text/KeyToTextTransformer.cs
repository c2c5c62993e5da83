using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using MLNet.Seq2Seq.Mapping;
using MLNet.Seq2Seq.Persistence;

namespace MLNet.Seq2Seq.Transforms.Text;

/// <summary>
/// Maps a key vector column to text: the vocabulary entries of its keys joined by <see cref="Separator"/> ("" for
/// characters, " " for words), key 0 (padding or missing) skipped.
/// </summary>
public sealed class KeyToTextTransformer : ChainBackedTransformer
{
    internal const string StepName = "MapKeysToText";
    private const string StateEntry = "text.json";
    private const string KeysEntry = "text.keys.json";

    internal KeyToTextTransformer(KeyVocabulary keys, string separator)
    {
        Keys = keys;
        Separator = separator;
        BuildChainNow();
    }

    /// <summary>The key vector column read.</summary>
    public string InputColumnName => Keys.InputColumnName;

    /// <summary>The text column written.</summary>
    public string OutputColumnName => Keys.OutputColumnName;

    /// <summary>What is written between two entries.</summary>
    public string Separator { get; }

    internal KeyVocabulary Keys { get; }

    internal static PayloadCache<KeyToTextTransformer> Cache { get; } = new(payload => Payload.Decode(StepName, payload.Span, Load));

    /// <summary>The text of <paramref name="keys"/>.</summary>
    internal string Decode(ReadOnlySpan<uint> keys)
    {
        var parts = new List<string>(keys.Length);
        foreach (uint key in keys)
        {
            if (key != 0)
            {
                parts.Add(Keys.Token(key));
            }
        }

        return string.Join(Separator, parts);
    }

    private protected override void CheckInputSchema(DataViewSchema inputSchema) => Keys.RequireInput(inputSchema);

    private protected override TransformerChain<ITransformer> BuildChain()
    {
        string payload = Payload.Encode(StepName, context =>
        {
            Keys.Save(context, KeysEntry);
            context.SaveObject(StateEntry, new State(Separator));
        });
        Cache.Register(payload, this);
        return new SavedStep()
            .Input(InputColumnName, SavedColumns.Input)
            .Output(SavedColumns.Text, OutputColumnName)
            .Build<KeyVectorInput, KeyTextOutput>(Keys.InputSchema(), payload, new KeyToTextFactory().GetMapping(), KeyToTextFactory.Contract, KeyTextOutput.Columns);
    }

    private static KeyToTextTransformer Load(ArchiveLoadContext context) =>
        new(KeyVocabulary.Load(context, KeysEntry), context.LoadObject<State>(StateEntry).Separator);

    private sealed record State(string Separator);
}

/// <summary>The output of <see cref="KeyToTextFactory"/>.</summary>
internal sealed class KeyTextOutput
{
    [ColumnName(SavedColumns.Text)]
    public string Text = "";

    public static IReadOnlyList<string> Columns { get; } = [SavedColumns.Text];
}

/// <summary>Runs <see cref="KeyToTextTransformer"/> in a saved chain; ML.NET recreates it by its contract name.</summary>
[CustomMappingFactoryAttribute(Contract)]
internal sealed class KeyToTextFactory : CustomMappingFactory<KeyVectorInput, KeyTextOutput>
{
    public const string Contract = "MLNet.Seq2Seq.MapKeysToText";

    public override Action<KeyVectorInput, KeyTextOutput> GetMapping() =>
        static (input, output) => output.Text = KeyToTextTransformer.Cache.Get(input.Payload).Decode(input.Keys);
}
