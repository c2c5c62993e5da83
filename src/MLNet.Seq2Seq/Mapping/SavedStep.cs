using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace MLNet.Seq2Seq.Mapping;

/// <summary>
/// Expresses one step of ours as a chain of ML.NET built-ins, which is what runs and what <c>mlContext.Model.Save</c>
/// writes (ML.NET offers third parties no way to save state of their own): a constant key and a value mapping that
/// holds the step's <see cref="Payload"/>; copies of the step's input columns under the names its custom mapping binds
/// to; the custom mapping, found again by its contract name when a model loads; MapValueToKey steps that turn token
/// columns back into keys carrying their vocabulary; copies to the user's output names; and a drop of the working columns.
/// </summary>
internal sealed class SavedStep
{
    private readonly List<(string Working, string User, string[] Vocabulary)> keyOutputs = [];
    private readonly List<InputOutputColumnPair> outputs = [];
    private readonly List<InputOutputColumnPair> inputs = [];

    /// <summary>Copies the user's column <paramref name="user"/> to the working column <paramref name="working"/> before the mapping.</summary>
    public SavedStep Input(string user, string working)
    {
        inputs.Add(new InputOutputColumnPair(working, user));
        return this;
    }

    /// <summary>Maps the working token column <paramref name="working"/> to the key column <paramref name="user"/> over <paramref name="vocabulary"/>.</summary>
    public SavedStep KeyOutput(string working, string user, string[] vocabulary)
    {
        keyOutputs.Add((working, user, vocabulary));
        return this;
    }

    /// <summary>Copies the working column <paramref name="working"/> to the user's column <paramref name="user"/> after the mapping.</summary>
    public SavedStep Output(string working, string user)
    {
        outputs.Add(new InputOutputColumnPair(user, working));
        return this;
    }

    /// <summary>
    /// Fits the chain on <paramref name="inputSchema"/> (which needs only the step's input columns; no data is read).
    /// <paramref name="mapping"/> must be the mapping of a factory registered under <paramref name="contract"/>, whose
    /// output class has exactly the working columns <paramref name="outputColumns"/>.
    /// </summary>
    public TransformerChain<ITransformer> Build<TInput, TOutput>(
        DataViewSchema inputSchema, string payload, Action<TInput, TOutput> mapping, string contract, IReadOnlyList<string> outputColumns)
        where TInput : class, new()
        where TOutput : class, new()
    {
        var ml = new MLContext();
        var steps = new List<IEstimator<ITransformer>>
        {
            ml.Transforms.CustomMapping(new PayloadKeyFactory().GetMapping(), PayloadKeyFactory.Contract),
            ml.Transforms.Conversion.MapValue(SavedColumns.Payload, [new KeyValuePair<uint, string>(PayloadKeyOutput.Value, payload)], SavedColumns.PayloadKey),
        };
        steps.AddRange(inputs.Select(pair => ml.Transforms.CopyColumns(pair.OutputColumnName, pair.InputColumnName)));
        steps.Add(ml.Transforms.CustomMapping(mapping, contract));
        foreach (var (working, user, vocabulary) in keyOutputs)
        {
            steps.Add(ml.Transforms.Conversion.MapValueToKey(user, working, keyData: ml.Data.LoadFromEnumerable(vocabulary.Select(v => new VocabularyEntry { Value = v }))));
        }

        steps.AddRange(outputs.Select(pair => ml.Transforms.CopyColumns(pair.OutputColumnName, pair.InputColumnName)));
        steps.Add(ml.Transforms.DropColumns([SavedColumns.PayloadKey, SavedColumns.Payload, .. inputs.Select(p => p.OutputColumnName), .. outputColumns]));

        IDataView current = new SchemaOnlyDataView(inputSchema);
        var fitted = new List<ITransformer>(steps.Count);
        foreach (IEstimator<ITransformer> step in steps)
        {
            ITransformer transformer = step.Fit(current);
            fitted.Add(transformer);
            current = transformer.Transform(current);
        }

        return new TransformerChain<ITransformer>([.. fitted]);
    }

    /// <summary>One row of the key data MapValueToKey learns a vocabulary from, in key order.</summary>
    private sealed class VocabularyEntry
    {
        public string Value { get; set; } = "";
    }
}
