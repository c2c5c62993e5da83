using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace MLNet.Seq2Seq.Cli;

/// <summary>
/// Reads every numeric option as a plain invariant-culture number: digits with an optional sign and, for non-integer
/// options, at most one '.' as the decimal point and an optional exponent. Anything else (a decimal comma, a thousands
/// separator, spaces, a hex prefix) is a command-line error naming the option and the value, so <c>0,005</c> is never
/// read as 5.
/// </summary>
internal static partial class InvariantNumbers
{
    /// <summary>Makes every int, int?, float and float? option of <paramref name="command"/> and its subcommands parse strictly.</summary>
    public static void ApplyTo(Command command)
    {
        foreach (Option option in command.Options)
        {
            switch (option)
            {
                case Option<int> whole:
                    whole.CustomParser = Parse<int>;
                    break;
                case Option<int?> optionalWhole:
                    optionalWhole.CustomParser = result => Parse<int>(result);
                    break;
                case Option<float> real:
                    real.CustomParser = Parse<float>;
                    break;
                case Option<float?> optionalReal:
                    optionalReal.CustomParser = result => Parse<float>(result);
                    break;
            }
        }

        foreach (Command subcommand in command.Subcommands)
        {
            ApplyTo(subcommand);
        }
    }

    /// <summary>Reads <paramref name="text"/> as a plain invariant-culture number of type <typeparamref name="T"/>.</summary>
    /// <returns>False when the text is not such a number or is out of <typeparamref name="T"/>'s range.</returns>
    public static bool TryParse<T>(string text, out T value)
        where T : INumberBase<T>
    {
        bool integer = typeof(T) == typeof(int);
        if ((integer ? Whole() : Decimal()).IsMatch(text)
            && T.TryParse(text, integer ? NumberStyles.AllowLeadingSign : NumberStyles.Float, CultureInfo.InvariantCulture, out T? parsed))
        {
            value = parsed;
            return true;
        }

        value = T.Zero;
        return false;
    }

    private static T Parse<T>(ArgumentResult result)
        where T : INumberBase<T>
    {
        string text = result.Tokens[0].Value;
        if (TryParse(text, out T value))
        {
            return value;
        }

        string expected = typeof(T) == typeof(int)
            ? "a whole number (digits with an optional sign)"
            : "a plain number (digits with an optional sign, '.' as the decimal point, an optional exponent such as 1e-3)";
        string name = result.Parent is OptionResult option ? option.Option.Name : "a numeric option";
        result.AddError($"Option '{name}' expects {expected}; got '{text}'.");
        return T.Zero;
    }

    [GeneratedRegex(@"^[+-]?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Whole();

    [GeneratedRegex(@"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Decimal();
}
