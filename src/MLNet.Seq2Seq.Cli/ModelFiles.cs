using Microsoft.ML;
using MLNet.Seq2Seq.Trainers;

namespace MLNet.Seq2Seq.Cli;

/// <summary>Saves trained models atomically and loads them for the commands that run them.</summary>
internal static class ModelFiles
{
    /// <summary>
    /// Writes <paramref name="model"/> as an ML.NET model zip whose input is the text column Source alone, so
    /// <c>mlContext.Model.Load</c> and a prediction engine with a Source input serve it. The zip is written to a
    /// temporary file beside <paramref name="fullPath"/> and then renamed over it: a failed save leaves an existing file untouched.
    /// </summary>
    public static void Save(MLContext context, ITransformer model, string fullPath)
    {
        DataViewSchema inputSchema = context.Data.LoadFromEnumerable(Array.Empty<SourceRow>()).Schema;
        string temporary = Path.Combine(Path.GetDirectoryName(fullPath)!, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                context.Model.Save(model, inputSchema, stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"The --model file '{fullPath}' cannot be written: {ex.Message}", ex);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>
    /// Loads <paramref name="path"/> with our steps revived (<see cref="Seq2SeqCatalog.LoadModel"/>), decoding at most
    /// <paramref name="maxOutputLength"/> characters when given.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is damaged, of the old format, or holds no encoder-decoder to limit.</exception>
    public static ITransformer Load(MLContext context, string path, int? maxOutputLength)
    {
        string fullPath = Path.GetFullPath(path);
        ITransformer model;
        try
        {
            model = context.Seq2Seq.LoadModel(fullPath, out _);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or NotSupportedException or InvalidOperationException or ArgumentException
            && !ex.Message.Contains(fullPath, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"Model file '{fullPath}' cannot be loaded: {ex.Message}", ex);
        }

        if (maxOutputLength is not { } limit)
        {
            return model;
        }

        return EncoderDecoder(context, model) is not null
            ? context.Seq2Seq.WithMaxOutputLength(model, limit)
            : throw new InvalidDataException($"Model file '{fullPath}' holds no encoder-decoder, so --max-output-length does not apply.");
    }

    /// <summary>The first encoder-decoder in <paramref name="model"/>, or null when it holds none.</summary>
    private static LstmEncoderDecoderTransformer? EncoderDecoder(MLContext context, ITransformer model) =>
        context.Seq2Seq.FindSteps(model).OfType<LstmEncoderDecoderTransformer>().FirstOrDefault();
}
