using System.CommandLine;
using Microsoft.ML;
using MLNet.Seq2Seq.Mapping;
using MLNet.Seq2Seq.Transforms.Text;

namespace MLNet.Seq2Seq.Cli;

/// <summary>
/// The options that say how a command treats bad data lines and awkward sources: <c>--on-bad-row</c>,
/// <c>--on-unknown</c>, <c>--max-source-length</c> and <c>--on-too-long</c>. Training saves the last three in the
/// model's source tokenizer; when predicting or evaluating they are left unset to follow the model, or override it.
/// </summary>
internal sealed class SourceTextOptions
{
    private static readonly Dictionary<string, UnknownCharacterHandling> UnknownChoices = new()
    {
        ["unk"] = UnknownCharacterHandling.MapToReplacement,
        ["error"] = UnknownCharacterHandling.Error,
    };

    private static readonly Dictionary<string, LengthOverflowHandling> TooLongChoices = new()
    {
        ["truncate"] = LengthOverflowHandling.Truncate,
        ["error"] = LengthOverflowHandling.Error,
    };

    private static readonly Dictionary<string, BadRowHandling> BadRowChoices = new()
    {
        ["error"] = BadRowHandling.Error,
        ["skip"] = BadRowHandling.Skip,
    };

    private readonly Option<string?> onUnknown;
    private readonly Option<int?> maxSourceLength;
    private readonly Option<string?> onTooLong;
    private readonly Option<string>? onBadRow;

    /// <param name="readsPairFiles">Whether the command reads pair files (and so takes <c>--on-bad-row</c>).</param>
    /// <param name="followsModel">Whether unset options follow a saved model (predict, evaluate) instead of having defaults (train).</param>
    public SourceTextOptions(bool readsPairFiles, bool followsModel)
    {
        string whenUnset = followsModel ? " Default: as the model was trained." : "";
        onUnknown = Choice("--on-unknown", $"What to do with a source character never seen in training: 'unk' maps it to the replacement character U+FFFD and names it on standard error, 'error' stops naming the row.{whenUnset}",
            followsModel ? null : "unk", [.. UnknownChoices.Keys]);
        maxSourceLength = CliOptions.OptionalPositive("--max-source-length", $"The most characters a source may have (see --on-too-long).{(followsModel ? whenUnset : " Default: no limit.")}");
        onTooLong = Choice("--on-too-long", $"What to do with a source longer than --max-source-length: 'truncate' keeps its first characters (logged with --verbose), 'error' stops naming the row.{whenUnset}",
            followsModel ? null : "truncate", [.. TooLongChoices.Keys]);
        if (readsPairFiles)
        {
            onBadRow = CliOptions.Choice("--on-bad-row", "What to do with a bad data line (empty, not UTF-8, not two fields, empty source): 'error' stops naming file and line, 'skip' skips it with a warning.", [.. BadRowChoices.Keys]);
        }
    }

    /// <summary>The options to add to the command.</summary>
    public IEnumerable<Option> All => onBadRow is null ? [onUnknown, maxSourceLength, onTooLong] : [onUnknown, maxSourceLength, onTooLong, onBadRow];

    /// <summary>The chosen bad-line handling (error when the command reads no pair file).</summary>
    public BadRowHandling OnBadRow(ParseResult parseResult) => onBadRow is null ? BadRowHandling.Error : BadRowChoices[parseResult.GetRequiredValue(onBadRow)];

    /// <summary>The unknown-character handling to train with.</summary>
    public UnknownCharacterHandling OnUnknown(ParseResult parseResult) => UnknownChoices[parseResult.GetValue(onUnknown) ?? "unk"];

    /// <summary>The source length limit to train with, if any.</summary>
    public int? MaxSourceLength(ParseResult parseResult) => parseResult.GetValue(maxSourceLength);

    /// <summary>The long-source handling to train with.</summary>
    public LengthOverflowHandling OnTooLong(ParseResult parseResult) => TooLongChoices[parseResult.GetValue(onTooLong) ?? "truncate"];

    /// <summary>
    /// Applies the options given on the command line to <paramref name="model"/>'s source step (its first
    /// <see cref="CharacterKeyMappingTransformer"/>); without any, the model is returned as it is.
    /// </summary>
    /// <exception cref="InvalidDataException">An option is given but the model has no character step.</exception>
    public ITransformer Override(ParseResult parseResult, ITransformer model)
    {
        UnknownCharacterHandling? unknown = parseResult.GetValue(onUnknown) is { } u ? UnknownChoices[u] : null;
        LengthOverflowHandling? tooLong = parseResult.GetValue(onTooLong) is { } t ? TooLongChoices[t] : null;
        int? maximum = parseResult.GetValue(maxSourceLength);
        if (unknown is null && tooLong is null && maximum is null)
        {
            return model;
        }

        bool done = false;
        ITransformer changed = SavedSteps.Replace(model, step =>
        {
            if (!done && step is CharacterKeyMappingTransformer characters)
            {
                done = true;
                return characters.WithHandling(unknown, maximum, tooLong);
            }

            return step;
        });
        return done ? changed : throw new InvalidDataException("The model has no character-to-key step, so --on-unknown, --max-source-length and --on-too-long do not apply.");
    }

    private static Option<string?> Choice(string name, string description, string? defaultValue, string[] choices)
    {
        var option = new Option<string?>(name) { Description = description };
        if (defaultValue is not null)
        {
            option.DefaultValueFactory = _ => defaultValue;
        }

        CliOptions.AcceptOnly(option, choices);
        return option;
    }
}
