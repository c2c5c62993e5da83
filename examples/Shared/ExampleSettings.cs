using System.Globalization;
using System.Numerics;
using MLNet.Seq2Seq.Trainers;

namespace Examples.Shared;

/// <summary>
/// The command-line settings every console example takes: <c>--quick</c> (a run of seconds, for tests),
/// <c>--decoder NAME</c> (a <see cref="DecoderForm"/> name, case and dashes ignored), <c>--no-reverse</c>,
/// <c>--epochs N</c>, <c>--pairs N</c>, <c>--seed N</c>, <c>--hidden N</c>, <c>--learning-rate R</c>,
/// <c>--save FILE</c> (the trained model, for <c>seq2seq predict</c>, <c>attend</c> or <c>info</c>),
/// <c>--validation-pairs N</c> (0 keeps the last epoch), and for the attention decoder
/// <c>--attention additive|dot|general</c> and <c>--input-feeding</c>.
/// </summary>
public sealed record ExampleSettings(int Pairs, int Epochs, int Hidden, float LearningRate)
{
    /// <summary>How the decoder takes the context.</summary>
    public DecoderForm Decoder { get; init; } = DecoderForm.Peeky;

    /// <summary>Whether the source is fed to the encoder reversed.</summary>
    public bool Reverse { get; init; } = true;

    /// <summary>Seed for the data, the split and the training.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>How the attention decoder scores encoder states.</summary>
    public AttentionScoring Attention { get; init; } = AttentionScoring.Additive;

    /// <summary>Whether the attention decoder feeds its attentional vector into the next step.</summary>
    public bool InputFeeding { get; init; }

    /// <summary>
    /// Pairs generated apart from the training and held-out data (with another seed) and scored after every epoch; the
    /// best epoch's weights are kept. 0: no validation, the last epoch's weights are kept.
    /// </summary>
    public int ValidationPairs { get; init; }

    /// <summary>Where to save the trained model; null: not saved.</summary>
    public string? SaveTo { get; init; }

    /// <summary>Reads <paramref name="args"/> over <paramref name="defaults"/>, or over <paramref name="quick"/> when --quick is given.</summary>
    /// <exception cref="ArgumentException">An option is unknown, lacks its value, or its value does not parse.</exception>
    public static ExampleSettings Parse(string[] args, ExampleSettings defaults, ExampleSettings quick)
    {
        ArgumentNullException.ThrowIfNull(args);
        var settings = args.Contains("--quick") ? quick : defaults;
        for (int i = 0; i < args.Length; i++)
        {
            string option = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{option} needs a value.");
            settings = option switch
            {
                "--quick" => settings,
                "--no-reverse" => settings with { Reverse = false },
                "--reverse" => settings with { Reverse = true },
                "--epochs" => settings with { Epochs = Positive(option, Value()) },
                "--pairs" => settings with { Pairs = Positive(option, Value()) },
                "--validation-pairs" => settings with { ValidationPairs = NonNegative(option, Value()) },
                "--hidden" => settings with { Hidden = Positive(option, Value()) },
                "--seed" => settings with { Seed = Number<int>(option, Value()) },
                "--learning-rate" => settings with { LearningRate = Number<float>(option, Value()) },
                "--decoder" => settings with { Decoder = ParseDecoder(Value()) },
                "--save" => settings with { SaveTo = Value() },
                "--attention" => settings with { Attention = ParseScoring(Value()) },
                "--input-feeding" => settings with { InputFeeding = true },
                _ => throw new ArgumentException(
                    $"Unknown option '{option}'. Options: --quick --decoder NAME --no-reverse --reverse --epochs N --pairs N --validation-pairs N --seed N --hidden N --learning-rate R --save FILE --attention NAME --input-feeding."),
            };
        }

        return settings;
    }

    private static AttentionScoring ParseScoring(string name) =>
        Enum.TryParse(name, ignoreCase: true, out AttentionScoring scoring) && Enum.IsDefined(scoring)
            ? scoring
            : throw new ArgumentException($"--attention: unknown scoring '{name}'; expected one of {string.Join(", ", Enum.GetNames<AttentionScoring>())}.");

    /// <summary>The decoder form named <paramref name="name"/>: an enum name, ignoring case and dashes ("context-every-step").</summary>
    /// <exception cref="ArgumentException">No form has that name.</exception>
    public static DecoderForm ParseDecoder(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string compact = name.Replace("-", "", StringComparison.Ordinal);
        foreach (DecoderForm form in Enum.GetValues<DecoderForm>())
        {
            if (string.Equals(form.ToString(), compact, StringComparison.OrdinalIgnoreCase))
            {
                return form;
            }
        }

        throw new ArgumentException($"--decoder: unknown form '{name}'; expected one of {string.Join(", ", Enum.GetValues<DecoderForm>().Select(DecoderName))}.");
    }

    /// <summary>
    /// The name the examples, the <c>seq2seq</c> tool and the documentation use for <paramref name="form"/>: its enum
    /// name in lower case with a dash between words ("context-every-step").
    /// </summary>
    public static string DecoderName(DecoderForm form) =>
        string.Concat(form.ToString().Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));

    private static int Positive(string option, string text)
    {
        int value = Number<int>(option, text);
        return value > 0 ? value : throw new ArgumentException($"{option} must be greater than 0; got '{text}'.");
    }

    private static int NonNegative(string option, string text)
    {
        int value = Number<int>(option, text);
        return value >= 0 ? value : throw new ArgumentException($"{option} must be 0 or more; got '{text}'.");
    }

    /// <summary>A plain invariant-culture number: no thousands separators, so "0,005" is refused rather than read as 5.</summary>
    private static T Number<T>(string option, string text)
        where T : INumberBase<T> =>
        T.TryParse(text, typeof(T) == typeof(int) ? NumberStyles.AllowLeadingSign : NumberStyles.Float, CultureInfo.InvariantCulture, out T? value)
            ? value
            : throw new ArgumentException($"{option} expects a plain number ('.' as the decimal point); got '{text}'.");
}
