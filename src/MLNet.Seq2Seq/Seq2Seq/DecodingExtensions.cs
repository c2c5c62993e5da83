namespace MLNet.Seq2Seq.Trainers;

/// <summary>Chooses the decoding of a fitted or loaded model that contains an <see cref="LstmEncoderDecoderTransformer"/>.</summary>
public static class DecodingExtensions
{
    /// <summary>
    /// <paramref name="model"/> with every <see cref="LstmEncoderDecoderTransformer"/> in it (the model itself, or a step
    /// of a <see cref="TransformerChain{TLastTransformer}"/> of <see cref="ITransformer"/>, nested chains included)
    /// replaced by one decoding as <paramref name="options"/> say; the other steps are kept as they are.
    /// </summary>
    /// <exception cref="ArgumentException">The model holds no encoder-decoder.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the exception names it).</exception>
    public static ITransformer WithDecoding(this ITransformer model, DecodingOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        bool found = false;
        ITransformer Replace(ITransformer step)
        {
            switch (step)
            {
                case LstmEncoderDecoderTransformer encoderDecoder:
                    found = true;
                    return encoderDecoder.WithDecoding(options);
                case TransformerChain<ITransformer> chain:
                    return new TransformerChain<ITransformer>([.. chain.Select(Replace)]);
                default:
                    return step;
            }
        }

        var replaced = Replace(model);
        return found ? replaced : throw new ArgumentException($"The model ({model.GetType().Name}) holds no {nameof(LstmEncoderDecoderTransformer)} whose decoding could be set.", nameof(model));
    }
}
