using MLNet.Seq2Seq.Trainers;
using System.Collections.Frozen;
using MLNet.Seq2Seq.Transforms.Text;

namespace MLNet.Seq2Seq.Persistence;

/// <summary>
/// The fixed map from the component names recorded in model files to loaders. Adding a savable transformer means
/// adding its line here; nothing is discovered by reflection.
/// </summary>
internal static class ComponentRegistry
{
    private static readonly FrozenDictionary<string, Func<ModelLoadContext, Seq2SeqContext, ITransformer>> Loaders =
        new Dictionary<string, Func<ModelLoadContext, Seq2SeqContext, ITransformer>>(StringComparer.Ordinal)
        {
            [CharacterTokenizingTransformer.LoaderName] = CharacterTokenizingTransformer.Load,
            [KeyPaddingTransformer.LoaderName] = KeyPaddingTransformer.Load,
            [KeyReversingTransformer.LoaderName] = KeyReversingTransformer.Load,
            [KeyToTextTransformer.LoaderName] = KeyToTextTransformer.Load,
            [LstmEncoderDecoderTransformer.LoaderName] = LstmEncoderDecoderTransformer.Load,
        }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Loads the step saved under <paramref name="componentName"/>.</summary>
    public static ITransformer Load(string componentName, ModelLoadContext context, Seq2SeqContext env) =>
        Loaders.TryGetValue(componentName, out var load)
            ? load(context, env)
            : throw new InvalidDataException(
                $"Model file '{context.FileName}': unknown component '{componentName}' at '{context.EntryPrefix}'; known: {string.Join(", ", Loaders.Keys.Order(StringComparer.Ordinal))}.");
}
