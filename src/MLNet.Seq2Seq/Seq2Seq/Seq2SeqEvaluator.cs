using Microsoft.ML;
using MLNet.Seq2Seq.Mapping;

namespace MLNet.Seq2Seq.Trainers;

/// <summary>Computes <see cref="Seq2SeqMetrics"/> over two text columns.</summary>
internal static class Seq2SeqEvaluator
{
    public static Seq2SeqMetrics Evaluate(IDataView data, string labelColumnName, string predictedColumnName)
    {
        ArgumentNullException.ThrowIfNull(data);
        var label = ColumnChecks.Require(data.Schema, labelColumnName, ColumnChecks.IsText, ColumnChecks.Text);
        var predicted = ColumnChecks.Require(data.Schema, predictedColumnName, ColumnChecks.IsText, ColumnChecks.Text);
        using var cursor = data.GetRowCursor([label, predicted]);
        var getLabel = cursor.GetGetter<ReadOnlyMemory<char>>(label);
        var getPredicted = cursor.GetGetter<ReadOnlyMemory<char>>(predicted);
        ReadOnlyMemory<char> reference = default, prediction = default;
        long count = 0, exact = 0, referenceChars = 0, matchedChars = 0, edits = 0;
        while (cursor.MoveNext())
        {
            getLabel(ref reference);
            getPredicted(ref prediction);
            var r = reference.Span;
            var p = prediction.Span;
            count++;
            exact += r.SequenceEqual(p) ? 1 : 0;
            referenceChars += r.Length;
            for (int i = 0; i < Math.Min(r.Length, p.Length); i++)
            {
                matchedChars += r[i] == p[i] ? 1 : 0;
            }

            edits += EditDistance(r, p);
        }

        if (count == 0)
        {
            throw new ArgumentException(
                $"The data to score has no rows: exact match and character accuracy of '{predictedColumnName}' against '{labelColumnName}' are undefined on zero rows.",
                nameof(data));
        }

        return new Seq2SeqMetrics
        {
            Count = count,
            ExactMatch = exact / (double)count,
            CharacterAccuracy = referenceChars == 0 ? (count == exact ? 1 : 0) : matchedChars / (double)referenceChars,
            CharacterErrorRate = referenceChars == 0 ? (edits == 0 ? 0 : 1) : Math.Min(1, edits / (double)referenceChars),
        };
    }

    /// <summary>Levenshtein distance (insertions, deletions and substitutions cost 1).</summary>
    internal static int EditDistance(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        Span<int> row = b.Length < 256 ? stackalloc int[b.Length + 1] : new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            row[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int above = row[j];
                row[j] = Math.Min(Math.Min(above + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }

        return row[b.Length];
    }
}
