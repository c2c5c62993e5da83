using Microsoft.ML;
using MLNet.Seq2Seq.Mapping;

namespace MLNet.Seq2Seq.Transforms.Text;

/// <summary>Reverses the tokens of key vectors (<c>mlContext.Transforms.Text.ReverseKeys</c>); fitting only reads the vocabulary.</summary>
public sealed class KeyReversingEstimator : IEstimator<KeyReversingTransformer>
{
    private readonly string outputColumnName;
    private readonly string inputColumnName;

    internal KeyReversingEstimator(string outputColumnName, string? inputColumnName)
    {
        this.outputColumnName = ColumnChecks.RequireName(outputColumnName, nameof(outputColumnName));
        this.inputColumnName = inputColumnName ?? outputColumnName;
    }

    /// <inheritdoc />
    public KeyReversingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var column = ColumnChecks.Require(input.Schema, inputColumnName, ColumnChecks.IsKeyVectorWithValues, ColumnChecks.KeyVectorWithValues);
        return new KeyReversingTransformer(new KeyVocabulary(inputColumnName, outputColumnName, KeyValues.Read(column)));
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ColumnChecks.Require(inputSchema, inputColumnName, ColumnChecks.IsKeyVectorWithValues, ColumnChecks.KeyVectorWithValues);
        return SchemaShapes.Append(inputSchema, SchemaShapes.KeyVector(outputColumnName));
    }
}
