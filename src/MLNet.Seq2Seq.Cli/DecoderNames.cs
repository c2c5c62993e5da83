using MLNet.Seq2Seq.Trainers;

namespace MLNet.Seq2Seq.Cli;

/// <summary>
/// The one name of each <see cref="DecoderForm"/> that the tool takes (<c>--decoder</c>) and prints (<c>info</c>), the
/// same names the examples and the documentation use.
/// </summary>
internal static class DecoderNames
{
    /// <summary>Every form by its name; the first is the default of <c>--decoder</c>.</summary>
    public static readonly IReadOnlyDictionary<string, DecoderForm> All = new Dictionary<string, DecoderForm>
    {
        ["peeky"] = DecoderForm.Peeky,
        ["plain"] = DecoderForm.Plain,
        ["context-only"] = DecoderForm.ContextOnly,
        ["context-every-step"] = DecoderForm.ContextEveryStep,
        ["attention"] = DecoderForm.Attention,
    };

    /// <summary>The name of <paramref name="form"/>, or the enum's own name for a form the tool does not know.</summary>
    public static string Of(DecoderForm form) => All.FirstOrDefault(p => p.Value == form).Key ?? form.ToString();
}
