using System.CommandLine;
using System.CommandLine.Parsing;
using Microsoft.ML;
using MLNet.Seq2Seq.Trainers;

namespace MLNet.Seq2Seq.Cli;

/// <summary>
/// The decoding options of the commands that run a model: <c>--beam K [--nbest N] [--length-penalty A]</c>. Without
/// <c>--beam</c> decoding is greedy; --nbest and --length-penalty need --beam, and N must not exceed K.
/// </summary>
internal sealed class DecodingFlags
{
    private readonly Option<int?> beam = CliOptions.OptionalPositive("--beam", "Beam search keeping K hypotheses per source (default: greedy decoding; 1 is greedy too).");
    private readonly Option<int?> nBest = CliOptions.OptionalPositive("--nbest", "How many of the best hypotheses to report, at most K (default 1; needs --beam).");
    private readonly Option<float?> lengthPenalty = CreateLengthPenalty();

    /// <summary>Adds the options, and the check that ties them together, to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(beam);
        command.Options.Add(nBest);
        command.Options.Add(lengthPenalty);
        command.Validators.Add(Check);
    }

    /// <summary>The N of --nbest (1 when not given).</summary>
    public int NBest(ParseResult parseResult) => parseResult.GetValue(nBest) ?? 1;

    /// <summary><paramref name="model"/> decoding with beam search when --beam was given, else unchanged (greedy).</summary>
    public ITransformer Apply(ParseResult parseResult, MLContext context, ITransformer model) =>
        parseResult.GetValue(beam) is { } width
            ? context.Seq2Seq.WithDecoding(model, new DecodingOptions
            {
                BeamWidth = width,
                NBest = NBest(parseResult),
                LengthPenalty = parseResult.GetValue(lengthPenalty) ?? DecodingOptions.DefaultLengthPenalty,
            })
            : model;

    private static Option<float?> CreateLengthPenalty()
    {
        var option = new Option<float?>("--length-penalty")
        {
            Description = "Exponent alpha of length normalization: hypotheses are ranked by log-probability / length^alpha (default 1; needs --beam).",
            HelpName = "A",
        };
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && InvariantNumbers.TryParse(result.Tokens[0].Value, out float value) && !(value >= 0 && float.IsFinite(value)))
            {
                result.AddError($"Option '--length-penalty' must be a finite number, 0 or more; got '{result.Tokens[0].Value}'.");
            }
        });
        return option;
    }

    /// <summary>
    /// Whether <paramref name="option"/> is not given or its value parses. When it does not, the parser reports the value,
    /// but only if no check of the command adds an error first.
    /// </summary>
    private static bool Parsed<T>(CommandResult result, Option option)
        where T : System.Numerics.INumberBase<T> =>
        result.GetResult(option) is not { Tokens: [var token] } || InvariantNumbers.TryParse(token.Value, out T _);

    private void Check(CommandResult result)
    {
        if (!Parsed<int>(result, beam) || !Parsed<int>(result, nBest) || !Parsed<float>(result, lengthPenalty))
        {
            return;
        }

        int? width = result.GetValue(beam);
        if (width is null)
        {
            foreach (var dependent in new Option[] { nBest, lengthPenalty })
            {
                if (result.GetResult(dependent) is { Implicit: false })
                {
                    result.AddError($"Option '{dependent.Name}' needs '--beam K'.");
                }
            }
        }
        else if (result.GetValue(nBest) is { } n && n > width)
        {
            result.AddError($"Option '--nbest' must be at most the beam width {width}; got '{n}'.");
        }
    }
}
