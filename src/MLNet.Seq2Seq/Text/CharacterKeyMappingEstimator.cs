using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Seq2Seq.Mapping;

namespace MLNet.Seq2Seq.Transforms.Text;

/// <summary>
/// Learns a compact character vocabulary from a text column, as ML.NET's MapValueToKey learns one of values: the
/// characters (UTF-16 code units, after case folding) in ordinal order, then the replacement character U+FFFD that
/// stands for characters never seen, so the same data in any row order gives the same keys (1-based, as in ML.NET).
/// </summary>
public sealed class CharacterKeyMappingEstimator : IEstimator<CharacterKeyMappingTransformer>
{
    private readonly string outputColumnName;
    private readonly string inputColumnName;
    private readonly CharacterKeyMappingOptions options;

    internal CharacterKeyMappingEstimator(string outputColumnName, string? inputColumnName, CharacterKeyMappingOptions? options)
    {
        this.outputColumnName = ColumnChecks.RequireName(outputColumnName, nameof(outputColumnName));
        this.inputColumnName = inputColumnName ?? outputColumnName;
        this.options = (options ?? new CharacterKeyMappingOptions()).Clone();
        this.options.Validate();
        this.options.UnknownCountColumnName ??= outputColumnName + "UnknownCount";
    }

    /// <inheritdoc />
    public CharacterKeyMappingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        DataViewSchema.Column column = ColumnChecks.Require(input.Schema, inputColumnName, ColumnChecks.IsText, ColumnChecks.Text);
        var counts = new Dictionary<char, long>();
        using (DataViewRowCursor cursor = input.GetRowCursor([column]))
        {
            ValueGetter<ReadOnlyMemory<char>> getText = cursor.GetGetter<ReadOnlyMemory<char>>(column);
            ReadOnlyMemory<char> text = default;
            while (cursor.MoveNext())
            {
                getText(ref text);
                foreach (char c in text.Span)
                {
                    char folded = CharacterKeyMapping.Fold(c, options.CaseFolding);
                    counts[folded] = counts.GetValueOrDefault(folded) + 1;
                }
            }
        }

        counts.Remove(CharacterKeyMappingTransformer.ReplacementCharacter);
        IEnumerable<char> kept = counts.Keys;
        if (options.MaximumVocabularySize is { } maximum && counts.Count > maximum - 1)
        {
            kept = counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key).Take(maximum - 1).Select(p => p.Key);
        }

        string[] vocabulary = [.. kept.Order().Select(c => c.ToString()), CharacterKeyMappingTransformer.ReplacementCharacter.ToString()];
        return new CharacterKeyMappingTransformer(new CharacterKeyMapping(inputColumnName, outputColumnName, options.Clone(), vocabulary));
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ColumnChecks.Require(inputSchema, inputColumnName, ColumnChecks.IsText, ColumnChecks.Text);
        return SchemaShapes.Append(inputSchema, SchemaShapes.KeyVector(outputColumnName), SchemaShapes.Int32(options.UnknownCountColumnName!));
    }
}
