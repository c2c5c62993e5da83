using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Seq2Seq.Mapping;

namespace MLNet.Seq2Seq.Transforms.Text;

/// <summary>Maps key vectors back to text through their vocabulary (<c>mlContext.Transforms.Text.MapKeysToText</c>); fitting only reads the vocabulary.</summary>
public sealed class KeyToTextEstimator : IEstimator<KeyToTextTransformer>
{
    private readonly string outputColumnName;
    private readonly string inputColumnName;
    private readonly string separator;

    internal KeyToTextEstimator(string outputColumnName, string? inputColumnName, string separator)
    {
        this.outputColumnName = ColumnChecks.RequireName(outputColumnName, nameof(outputColumnName));
        this.inputColumnName = inputColumnName ?? outputColumnName;
        this.separator = separator ?? throw new ArgumentNullException(nameof(separator));
    }

    /// <inheritdoc />
    public KeyToTextTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var column = ColumnChecks.Require(input.Schema, inputColumnName, ColumnChecks.IsKeyVectorWithValues, ColumnChecks.KeyVectorWithValues);
        return new KeyToTextTransformer(new KeyVocabulary(inputColumnName, outputColumnName, KeyValues.Read(column)), separator);
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ColumnChecks.Require(inputSchema, inputColumnName, ColumnChecks.IsKeyVectorWithValues, ColumnChecks.KeyVectorWithValues);
        return SchemaShapes.Append(inputSchema, SchemaShapes.Text(outputColumnName));
    }
}
