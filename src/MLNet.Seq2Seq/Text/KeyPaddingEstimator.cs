using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Seq2Seq.Mapping;

namespace MLNet.Seq2Seq.Transforms.Text;

/// <summary>
/// Pads key vectors with key 0 (ML.NET's missing value) or truncates them to one length, learned at fit time as the
/// longest sequence unless <see cref="KeyPaddingOptions.Length"/> fixes it (<c>mlContext.Transforms.Text.PadOrTruncateKeys</c>).
/// </summary>
public sealed class KeyPaddingEstimator : IEstimator<KeyPaddingTransformer>
{
    private readonly string outputColumnName;
    private readonly string inputColumnName;
    private readonly KeyPaddingOptions options;

    internal KeyPaddingEstimator(string outputColumnName, string? inputColumnName, KeyPaddingOptions? options)
    {
        this.outputColumnName = ColumnChecks.RequireName(outputColumnName, nameof(outputColumnName));
        this.inputColumnName = inputColumnName ?? outputColumnName;
        this.options = (options ?? new KeyPaddingOptions()).Clone();
        if (this.options.Length is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), this.options.Length, $"{nameof(KeyPaddingOptions.Length)} must be at least 1.");
        }

        if (!Enum.IsDefined(this.options.OverflowHandling))
        {
            throw new ArgumentOutOfRangeException(nameof(options), this.options.OverflowHandling, $"{nameof(KeyPaddingOptions.OverflowHandling)} is not a defined value.");
        }

        this.options.LengthColumnName = this.options.LengthColumnName is "" ? throw new ArgumentException($"{nameof(KeyPaddingOptions.LengthColumnName)} must not be empty; leave it null for the default.", nameof(options))
            : this.options.LengthColumnName ?? outputColumnName + "Length";
    }

    /// <inheritdoc />
    public KeyPaddingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var column = ColumnChecks.Require(input.Schema, inputColumnName, ColumnChecks.IsKeyVectorWithValues, ColumnChecks.KeyVectorWithValues);
        int length = options.Length ?? LongestSequence(input, column);
        return new KeyPaddingTransformer(new KeyVocabulary(inputColumnName, outputColumnName, KeyValues.Read(column)), options.LengthColumnName!, length, options.OverflowHandling);
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ColumnChecks.Require(inputSchema, inputColumnName, ColumnChecks.IsKeyVectorWithValues, ColumnChecks.KeyVectorWithValues);
        return SchemaShapes.Append(inputSchema, SchemaShapes.KeyVector(outputColumnName), SchemaShapes.Int32(options.LengthColumnName!));
    }

    private static int LongestSequence(IDataView input, DataViewSchema.Column column)
    {
        int longest = 0;
        using DataViewRowCursor cursor = input.GetRowCursor([column]);
        ValueGetter<VBuffer<uint>> getKeys = cursor.GetGetter<VBuffer<uint>>(column);
        VBuffer<uint> keys = default;
        while (cursor.MoveNext())
        {
            getKeys(ref keys);
            longest = Math.Max(longest, KeyVocabulary.UnpaddedLength(keys.DenseValues().ToArray()));
        }

        return longest > 0
            ? longest
            : throw new InvalidOperationException($"Cannot learn a padding length: column '{column.Name}' has no non-empty sequence. Set {nameof(KeyPaddingOptions.Length)}.");
    }
}
