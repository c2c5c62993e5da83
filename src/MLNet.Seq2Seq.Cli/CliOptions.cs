using System.CommandLine;
using System.CommandLine.Parsing;
using System.Numerics;
using Microsoft.ML;
using Microsoft.ML.Runtime;
using MLNet.Seq2Seq.Trainers;

namespace MLNet.Seq2Seq.Cli;

/// <summary>
/// Builders for options whose values are checked while parsing, so an invalid value is a command-line error (exit 2)
/// naming the option, and the options several commands share.
/// </summary>
internal static class CliOptions
{
    /// <summary>
    /// An ML.NET context with <paramref name="seed"/> whose log goes to stderr when --verbose is given: the library's
    /// messages (the trainer's network and epoch lines) and any component's warnings and errors, but not ML.NET's own
    /// information and trace messages (it writes some on every model load).
    /// </summary>
    public static MLContext CreateContext(ParseResult parseResult, int seed = 0)
    {
        var context = new MLContext(seed);
        if (parseResult.GetValue(Verbose))
        {
            context.Log += (_, e) =>
            {
                if (e.Kind is ChannelMessageKind.Warning or ChannelMessageKind.Error
                    || (e.Kind == ChannelMessageKind.Info && e.Source.StartsWith(LstmEncoderDecoderTrainer.LogSource, StringComparison.Ordinal)))
                {
                    Console.Error.WriteLine($"{e.Source}: {e.RawMessage}");
                }
            };
        }

        return context;
    }

    /// <summary>Shows the whole exception of a failed run; applies to every command.</summary>
    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Print library log messages and the full exception (with stack trace) when a run fails.",
        Recursive = true,
    };

    public static Option<string> RequiredPath(string name, string description) =>
        new(name) { Description = description, Required = true, HelpName = "FILE" };

    public static Option<bool> HasHeader() =>
        new("--has-header") { Description = "The data file's first line is a header, not a pair." };

    public static Option<bool> NoHeader() =>
        new("--no-header") { Description = "The training file's first line is a pair even if it looks like a header (two fields of letters only, with characters no other line has), which is otherwise an error." };

    /// <summary>Adds <paramref name="noHeader"/> to <paramref name="command"/> with the check that it and <paramref name="hasHeader"/> are not both given.</summary>
    public static void AddNoHeader(Command command, Option<bool> hasHeader, Option<bool> noHeader)
    {
        command.Options.Add(noHeader);
        command.Validators.Add(result =>
        {
            if (result.GetValue(hasHeader) && result.GetValue(noHeader))
            {
                result.AddError("Options '--has-header' and '--no-header' contradict each other; give one of them.");
            }
        });
    }

    /// <summary>True with --has-header, false with --no-header, null when the command line does not say.</summary>
    public static bool? Header(ParseResult parseResult, Option<bool> hasHeader, Option<bool> noHeader) =>
        parseResult.GetValue(hasHeader) ? true : parseResult.GetValue(noHeader) ? false : null;

    public static Option<int?> MaxOutputLength(string description)
    {
        var option = new Option<int?>("--max-output-length") { Description = description, HelpName = "N" };
        option.Validators.Add(result => Check<int>(result, value => value > 0, "greater than 0"));
        return option;
    }

    public static Option<int> Positive(string name, int defaultValue, string description)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue, HelpName = "N" };
        option.Validators.Add(result => Check<int>(result, value => value > 0, "greater than 0"));
        return option;
    }

    public static Option<int?> OptionalPositive(string name, string description)
    {
        var option = new Option<int?>(name) { Description = description, HelpName = "N" };
        option.Validators.Add(result => Check<int>(result, value => value > 0, "greater than 0"));
        return option;
    }

    public static Option<int> NonNegative(string name, int defaultValue, string description)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue, HelpName = "N" };
        option.Validators.Add(result => Check<int>(result, value => value >= 0, "0 or more"));
        return option;
    }

    /// <summary>A ratio in [0, 1], or in [0, 1) when <paramref name="allowOne"/> is false.</summary>
    public static Option<float> Fraction(string name, float defaultValue, string description, bool allowOne = true)
    {
        var option = new Option<float>(name) { Description = description, DefaultValueFactory = _ => defaultValue, HelpName = "RATIO" };
        option.Validators.Add(result => Check<float>(result, value => value >= 0 && (allowOne ? value <= 1 : value < 1), allowOne ? "in [0, 1]" : "in [0, 1)"));
        return option;
    }

    public static Option<float> PositiveNumber(string name, float defaultValue, string description)
    {
        var option = new Option<float>(name) { Description = description, DefaultValueFactory = _ => defaultValue, HelpName = "X" };
        option.Validators.Add(result => Check<float>(result, value => value > 0 && float.IsFinite(value), "a finite number greater than 0"));
        return option;
    }

    public static Option<float> NonNegativeNumber(string name, float defaultValue, string description)
    {
        var option = new Option<float>(name) { Description = description, DefaultValueFactory = _ => defaultValue, HelpName = "X" };
        option.Validators.Add(result => Check<float>(result, value => value >= 0 && float.IsFinite(value), "a finite number, 0 or more"));
        return option;
    }

    /// <summary>One of <paramref name="choices"/>; the first is the default.</summary>
    public static Option<string> Choice(string name, string description, params string[] choices)
    {
        var option = new Option<string>(name)
        {
            Description = description,
            DefaultValueFactory = _ => choices[0],
        };
        AcceptOnly(option, choices);
        return option;
    }

    /// <summary>
    /// Lets <paramref name="option"/> take only <paramref name="choices"/> (which its help shows); another value is an
    /// error naming the option, the value and the choices.
    /// </summary>
    public static void AcceptOnly(Option option, string[] choices)
    {
        option.CompletionSources.Add(choices);
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && !choices.Contains(result.Tokens[0].Value, StringComparer.Ordinal))
            {
                result.AddError($"Option '{option.Name}' must be one of {string.Join(", ", choices.Select(c => $"'{c}'"))}; got '{result.Tokens[0].Value}'.");
            }
        });
    }

    /// <summary>
    /// Adds an error naming the option when its given value fails <paramref name="isValid"/>. Defaults are not checked,
    /// and a value that does not parse is left to the parser's own error.
    /// </summary>
    private static void Check<T>(OptionResult result, Func<T, bool> isValid, string expected)
        where T : INumberBase<T>
    {
        if (result.Tokens.Count == 1 && InvariantNumbers.TryParse(result.Tokens[0].Value, out T value) && !isValid(value))
        {
            result.AddError($"Option '{result.Option.Name}' must be {expected}; got '{result.Tokens[0].Value}'.");
        }
    }
}
