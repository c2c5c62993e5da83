using System.CommandLine;
using System.Globalization;
using Microsoft.ML;
using MLNet.Seq2Seq.Transforms.Text;

namespace MLNet.Seq2Seq.Cli;

/// <summary>
/// Tells on standard error what a model's source step does to a source without failing: always, the characters outside
/// its vocabulary (mapped to U+FFFD, so the answer is a guess); with --verbose, a source cut to the maximum length too.
/// The library counts the former in the chain's <c>UnknownCharacters</c> column; its steps do not log rows.
/// </summary>
internal sealed class SourceNotes
{
    private readonly CharacterKeyMappingTransformer? characters;
    private readonly bool verbose;
    private readonly HashSet<char> known;

    private SourceNotes(CharacterKeyMappingTransformer? characters, bool verbose)
    {
        this.characters = characters;
        this.verbose = verbose;
        known = characters is null ? [] : [.. characters.Vocabulary.Select(v => v[0]).Where(c => c != CharacterKeyMappingTransformer.ReplacementCharacter)];
    }

    /// <summary>Notes on the first character step of <paramref name="model"/>; notes that write nothing when it has none.</summary>
    public static SourceNotes For(ParseResult parseResult, MLContext context, ITransformer model) =>
        new(context.Seq2Seq.FindSteps(model).OfType<CharacterKeyMappingTransformer>().FirstOrDefault(), parseResult.GetValue(CliOptions.Verbose));

    /// <summary>Writes what happens to <paramref name="source"/>, if anything, as lines starting with <paramref name="where"/>.</summary>
    public void Write(string where, string source)
    {
        if (characters is null)
        {
            return;
        }

        string used = source;
        if (characters.MaximumLength is { } maximum && source.Length > maximum && characters.LengthOverflowHandling == LengthOverflowHandling.Truncate)
        {
            if (verbose)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{where}: the source has {source.Length} characters, more than the maximum length {maximum}; its first {maximum} are used."));
            }

            used = source[..maximum];
        }

        if (characters.UnknownCharacterHandling == UnknownCharacterHandling.MapToReplacement)
        {
            char[] unknown = [.. used.Select(c => CharacterKeyMapping.Fold(c, characters.CaseFolding)).Where(c => !known.Contains(c))];
            if (unknown.Length > 0)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{where}: {unknown.Length} character(s) the model never saw, mapped to U+FFFD: {string.Join(", ", unknown.Distinct().Select(c => $"'{c}' (U+{(int)c:X4})"))}."));
            }
        }
    }
}
