using System.Text;
using Microsoft.ML;

namespace MLNet.Seq2Seq.Cli;

/// <summary>
/// Reads the tab-separated source/target files the commands use. Every line must be valid UTF-8 with exactly two
/// fields and a non-empty source; a bad line is an error naming the file and line or, with
/// <see cref="BadRowHandling.Skip"/>, is skipped with a warning on standard error and counted.
/// </summary>
internal static class PairFiles
{
    private const char Separator = '\t';
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The pairs of <paramref name="path"/> (see <see cref="Read"/>) as a data view with text columns Source and Target.</summary>
    /// <param name="context">The context whose data view holds the pairs.</param>
    /// <param name="path">The data file.</param>
    /// <param name="optionName">The option that named the file, for error messages.</param>
    /// <param name="hasHeader">Whether the first line is a header (it must have two fields too); null when the command line does not say.</param>
    /// <param name="onBadRow">Whether a bad line stops the run or is skipped.</param>
    public static IDataView Load(MLContext context, string path, string optionName, bool? hasHeader, BadRowHandling onBadRow) =>
        context.Data.LoadFromEnumerable(Read(path, optionName, hasHeader, onBadRow));

    /// <summary>The pairs of <paramref name="path"/>, read and checked at once, each with its line number.</summary>
    /// <param name="path">The data file.</param>
    /// <param name="optionName">The option that named the file, for error messages.</param>
    /// <param name="hasHeader">
    /// Whether the first line is a header (it must have two fields too); null when the command line does not say, and
    /// then a first line that looks like a header (see <see cref="HeaderLikeCharacters"/>) is an error.
    /// </param>
    /// <param name="onBadRow">Whether a bad line stops the run or is skipped.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IOException">The path is a folder or the file cannot be read.</exception>
    /// <exception cref="InvalidDataException">
    /// A bad line under <see cref="BadRowHandling.Error"/>, a bad header, a first line that looks like a header when
    /// <paramref name="hasHeader"/> is null, or no pairs at all.
    /// </exception>
    public static IReadOnlyList<PairRow> Read(string path, string optionName, bool? hasHeader, BadRowHandling onBadRow)
    {
        string fullPath = Path.GetFullPath(path);
        if (Directory.Exists(fullPath))
        {
            throw new IOException($"The {optionName} file '{fullPath}' is a folder, not a file.");
        }

        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"The {optionName} file '{fullPath}' does not exist.", fullPath);
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"The {optionName} file '{fullPath}' cannot be read: {ex.Message}", ex);
        }

        if (hasHeader is null && HeaderLikeCharacters(bytes) is { } header)
        {
            throw new InvalidDataException(
                $"{fullPath}, line 1: '{header.Line.Replace(Separator, ' ')}' looks like a header (letters only, and {string.Join(", ", header.Unique.Select(c => $"'{c}'"))} occur on no other line); "
                + $"pass --has-header to skip it, or --no-header to use it as a pair.");
        }

        var pairs = new List<PairRow>();
        int skipped = 0;
        foreach (var (lineNumber, text) in Lines(bytes))
        {
            string[]? fields = text?.Split(Separator);
            if (hasHeader == true && lineNumber == 1)
            {
                if (fields is not { Length: 2 })
                {
                    throw new InvalidDataException($"{fullPath}, line 1: the header must have 2 tab-separated fields (source, target).");
                }

                continue;
            }

            string? problem = fields switch
            {
                null => "the line is not valid UTF-8",
                [""] => "the line is empty",
                { Length: not 2 } => $"expected 2 tab-separated fields (source, target), found {fields.Length}",
                ["", _] => "the source is empty",
                _ => null,
            };
            if (problem is null)
            {
                pairs.Add(new PairRow { Source = fields![0], Target = fields[1], Line = lineNumber });
            }
            else if (onBadRow == BadRowHandling.Error)
            {
                throw new InvalidDataException($"{fullPath}, line {lineNumber}: {problem} (--on-bad-row skip skips such lines).");
            }
            else
            {
                skipped++;
                ErrorReport.Warn($"{fullPath}, line {lineNumber} skipped: {problem}.");
            }
        }

        if (skipped > 0)
        {
            ErrorReport.Warn($"skipped {skipped} bad line(s) of {fullPath}; {pairs.Count} pair(s) read.");
        }

        return pairs.Count > 0
            ? pairs
            : throw new InvalidDataException($"{fullPath}: the file holds no pairs{(skipped > 0 ? $" after skipping {skipped} bad line(s)" : "")} (expected lines of source TAB target).");
    }

    /// <summary>
    /// The first line and those of its characters that no other line has, when the line looks like a header: two fields
    /// of letters only (as in <c>source TAB target</c>) with at least one character found nowhere else in the file.
    /// Null when it does not.
    /// </summary>
    private static (string Line, char[] Unique)? HeaderLikeCharacters(byte[] bytes)
    {
        string? first = null;
        var elsewhere = new HashSet<char>();
        foreach (var (number, text) in Lines(bytes))
        {
            if (number == 1)
            {
                first = text;
                if (first?.Split(Separator) is not [{ Length: > 0 } source, { Length: > 0 } target] || !(source + target).All(char.IsLetter))
                {
                    return null;
                }
            }
            else if (text is not null)
            {
                elsewhere.UnionWith(text);
            }
        }

        if (first is null)
        {
            return null;
        }

        char[] unique = [.. first.Where(c => c != Separator && !elsewhere.Contains(c)).Distinct()];
        return unique.Length > 0 ? (first, unique) : null;
    }

    /// <summary>Each line's one-based number and text without its line break, with null text when it is not valid UTF-8.</summary>
    private static IEnumerable<(int Number, string? Text)> Lines(byte[] bytes)
    {
        int start = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        for (int number = 1; start < bytes.Length; number++)
        {
            int length = bytes.AsSpan(start).IndexOf((byte)'\n');
            int next = length < 0 ? bytes.Length : start + length + 1;
            int end = length < 0 ? bytes.Length : start + length;
            if (end > start && bytes[end - 1] == '\r')
            {
                end--;
            }

            string? text;
            try
            {
                text = StrictUtf8.GetString(bytes, start, end - start);
            }
            catch (DecoderFallbackException)
            {
                text = null;
            }

            yield return (number, text);
            start = next;
        }
    }
}
