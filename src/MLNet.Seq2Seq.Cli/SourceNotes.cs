using System.CommandLine;
using System.Globalization;
using Microsoft.ML;
using MLNet.Seq2Seq.Transforms.Text;

namespace MLNet.Seq2Seq.Cli;

/// <summary>
/// With --verbose, tells on standard error what a model's source step does to a source without failing: characters
/// outside its vocabulary mapped to U+FFFD, and a source cut to the maximum length (the library's steps do not log rows).
/// </summary>
internal sealed class SourceNotes
{
    private readonly CharacterKeyMappingTransformer? characters;
    private readonly HashSet<char> known;

    private SourceNotes(CharacterKeyMappingTransformer? characters)
    {
        this.characters = characters;
        known = characters is null ? [] : [.. characters.Vocabulary.Select(v => v[0]).Where(c => c != CharacterKeyMappingTransformer.ReplacementCharacter)];
    }

    /// <summary>Notes on the first character step of <paramref name="model"/> when --verbose is given; else notes that write nothing.</summary>
    public static SourceNotes For(ParseResult parseResult, MLContext context, ITransformer model) =>
        new(parseResult.GetValue(CliOptions.Verbose) ? context.Seq2Seq.FindSteps(model).OfType<CharacterKeyMappingTransformer>().FirstOrDefault() : null);

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
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{where}: the source has {source.Length} characters, more than the maximum length {maximum}; its first {maximum} are used."));
            used = source[..maximum];
        }

        if (characters.UnknownCharacterHandling == UnknownCharacterHandling.MapToReplacement)
        {
            char[] unknown = [.. used.Select(c => CharacterKeyMapping.Fold(c, characters.CaseFolding)).Where(c => !known.Contains(c)).Distinct()];
            if (unknown.Length > 0)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{where}: mapped to U+FFFD, not in the model's vocabulary: {string.Join(", ", unknown.Select(c => $"'{c}' (U+{(int)c:X4})"))}."));
            }
        }
    }
}
