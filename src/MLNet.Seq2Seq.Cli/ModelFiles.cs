using MLNet.Seq2Seq.Trainers;

namespace MLNet.Seq2Seq.Cli;

/// <summary>Loads saved models for the commands that run them.</summary>
internal static class ModelFiles
{
    /// <summary>Loads <paramref name="path"/>, decoding at most <paramref name="maxOutputLength"/> characters when given.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is damaged or holds no encoder-decoder to limit.</exception>
    public static ITransformer Load(Seq2SeqContext context, string path, int? maxOutputLength)
    {
        string fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"Model file '{fullPath}' does not exist.", fullPath);
        }

        ITransformer model;
        try
        {
            model = context.Model.Load(fullPath, out _);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or NotSupportedException && !ex.Message.Contains(fullPath, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"Model file '{fullPath}' cannot be loaded: {ex.Message}", ex);
        }

        return maxOutputLength is { } limit ? LimitOutputLength(model, limit, fullPath) : model;
    }

    private static ITransformer LimitOutputLength(ITransformer model, int maxOutputLength, string fullPath)
    {
        bool found = false;
        ITransformer Limit(ITransformer step)
        {
            if (step is LstmEncoderDecoderTransformer encoderDecoder)
            {
                found = true;
                return encoderDecoder.WithMaxOutputLength(maxOutputLength);
            }

            return step;
        }

        ITransformer limited = model is TransformerChain<ITransformer> chain ? new TransformerChain<ITransformer>([.. chain.Select(Limit)]) : Limit(model);
        return found ? limited : throw new InvalidDataException($"Model file '{fullPath}' holds no encoder-decoder, so --max-output-length does not apply.");
    }
}
