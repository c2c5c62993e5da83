using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.Seq2Seq.Mapping;

/// <summary>
/// The base of this library's transformers. Each checks the input schema itself (errors name the column and the type
/// expected) and then runs as an equivalent chain of ML.NET built-ins around a custom mapping of ours; that chain is
/// also what <c>mlContext.Model.Save</c> writes, so <c>mlContext.Model.Load</c> gives back a chain of ML.NET's own types
/// that predicts exactly as this transformer does.
/// </summary>
public abstract class ChainBackedTransformer : ITransformer
{
    private TransformerChain<ITransformer>? chain;

    private protected ChainBackedTransformer()
    {
    }

    /// <summary>Always true: every row is mapped on its own.</summary>
    public bool IsRowToRowMapper => true;

    /// <summary>
    /// The chain of built-ins this transformer runs and saves as. Each concrete constructor builds it (see
    /// <see cref="BuildChainNow"/>), so encoding the state can never fail once <c>mlContext.Model.Save</c> has opened its file.
    /// </summary>
    private protected TransformerChain<ITransformer> Chain => chain ??= BuildChain();

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        CheckInputSchema(inputSchema);
        return Chain.GetOutputSchema(inputSchema);
    }

    /// <inheritdoc />
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema)
    {
        CheckInputSchema(inputSchema);
        return ((ITransformer)Chain).GetRowToRowMapper(inputSchema);
    }

    /// <inheritdoc />
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckInputSchema(input.Schema);
        return TransformChecked(input);
    }

    /// <summary>Saves the equivalent chain of built-ins in this transformer's place.</summary>
    void ICanSaveModel.Save(ModelSaveContext ctx) => ((ICanSaveModel)Chain).Save(ctx);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the column when <paramref name="inputSchema"/> lacks what the step reads.</summary>
    private protected abstract void CheckInputSchema(DataViewSchema inputSchema);

    /// <summary>Builds <see cref="Chain"/>; the last statement of every concrete constructor.</summary>
    private protected void BuildChainNow() => _ = Chain;

    /// <summary>Maps <paramref name="input"/>, whose schema is checked: through the saved chain unless a step knows a faster way to the same values.</summary>
    private protected virtual IDataView TransformChecked(IDataView input) => Chain.Transform(input);

    /// <summary>Builds the equivalent chain (see <see cref="SavedStep"/>).</summary>
    private protected abstract TransformerChain<ITransformer> BuildChain();
}
