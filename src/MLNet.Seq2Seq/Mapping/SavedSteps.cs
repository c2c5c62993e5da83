using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using MLNet.Seq2Seq.Persistence;
using MLNet.Seq2Seq.Trainers;
using MLNet.Seq2Seq.Transforms.Text;

namespace MLNet.Seq2Seq.Mapping;

/// <summary>
/// Finds this library's steps in a model. A fitted model holds our transformers; a model loaded by
/// <c>mlContext.Model.Load</c> holds, in each one's place, the chain of built-ins it was saved as (see
/// <see cref="SavedStep"/>), which is recognised by its payload-key mapping and turned back into our transformer by
/// reading (and verifying) the payload.
/// </summary>
internal static class SavedSteps
{
    /// <summary>Our steps in <paramref name="model"/>, in order, nested chains included.</summary>
    public static IReadOnlyList<ChainBackedTransformer> Find(ITransformer model)
    {
        var steps = new List<ChainBackedTransformer>();
        Replace(model, step =>
        {
            steps.Add(step);
            return step;
        });
        return steps;
    }

    /// <summary>
    /// <paramref name="model"/> with each of our steps replaced by what <paramref name="replace"/> gives for it; chains
    /// are rebuilt around the replacements, every other step is kept.
    /// </summary>
    public static ITransformer Replace(ITransformer model, Func<ChainBackedTransformer, ITransformer> replace)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model switch
        {
            ChainBackedTransformer step => replace(step),
            IEnumerable<ITransformer> chain when Revive([.. chain]) is { } step => replace(step),
            IEnumerable<ITransformer> chain => new TransformerChain<ITransformer>([.. chain.Select(t => Replace(t, replace))]),
            _ => model,
        };
    }

    /// <summary>Loads <paramref name="path"/> with ML.NET and turns our saved steps back into our transformers, verifying each.</summary>
    public static ITransformer Load(MLContext context, string path, out DataViewSchema inputSchema)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"Model file '{fullPath}' does not exist.", fullPath);
        }

        RejectFirstFormat(fullPath);
        ITransformer loaded;
        try
        {
            loaded = context.Model.Load(fullPath, out inputSchema);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new InvalidDataException($"Model file '{fullPath}' is not a model ML.NET can load, or it is damaged: {Innermost(ex).Message}", ex);
        }

        try
        {
            return Replace(loaded, step => step);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new InvalidDataException($"Model file '{fullPath}': {Innermost(ex).Message}", ex);
        }
    }

    private static Exception Innermost(Exception error) => error.InnerException is { } inner ? Innermost(inner) : error;

    /// <summary>Our step saved as <paramref name="chain"/>, or null when the chain is not one of our saved steps.</summary>
    private static ChainBackedTransformer? Revive(ITransformer[] chain)
    {
        if (chain.Length < 4 || chain[0] is not CustomMappingTransformer<PayloadKeyInput, PayloadKeyOutput>)
        {
            return null;
        }

        ReadOnlyMemory<char> payload = ReadPayload(chain[0], chain[1]);
        Type output = chain.Select(t => t.GetType()).First(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(CustomMappingTransformer<,>)
            && t.GetGenericArguments()[0] != typeof(PayloadKeyInput)).GetGenericArguments()[1];
        return output switch
        {
            _ when output == typeof(CharacterKeysOutput) => new CharacterKeyMappingTransformer(CharacterKeyMapping.Cache.Get(payload)),
            _ when output == typeof(ReversedKeysOutput) => KeyReversingTransformer.Cache.Get(payload),
            _ when output == typeof(KeyTokensOutput) => KeyPaddingTransformer.Cache.Get(payload),
            _ when output == typeof(KeyTextOutput) => KeyToTextTransformer.Cache.Get(payload),
            _ when output == typeof(EncoderDecoderOutput) => new LstmEncoderDecoderTransformer(EncoderDecoderMapping.Cache.Get(payload)),
            _ => throw new InvalidDataException($"The model holds an MLNet.Seq2Seq step of a kind this version does not know ({output.Name})."),
        };
    }

    private static ReadOnlyMemory<char> ReadPayload(ITransformer payloadKey, ITransformer payloadLookup)
    {
        var row = new MLContext().Data.LoadFromEnumerable(new[] { new PayloadProbe() });
        IDataView withPayload = payloadLookup.Transform(payloadKey.Transform(row));
        var column = withPayload.Schema[SavedColumns.Payload];
        using DataViewRowCursor cursor = withPayload.GetRowCursor([column]);
        ReadOnlyMemory<char> payload = default;
        if (cursor.MoveNext())
        {
            cursor.GetGetter<ReadOnlyMemory<char>>(column)(ref payload);
        }

        return payload;
    }

    /// <summary>Files of this library's first format were zips of its own, with a manifest ML.NET does not read.</summary>
    private static void RejectFirstFormat(string path)
    {
        bool firstFormat;
        try
        {
            using ZipArchive zip = ZipFile.OpenRead(path);
            firstFormat = zip.GetEntry(ModelArchiveFormat.ManifestEntryName) is not null && zip.GetEntry("Model/Model.key") is null;
        }
        catch (InvalidDataException)
        {
            return;
        }

        if (firstFormat)
        {
            throw new InvalidDataException(
                $"Model file '{path}' was written in MLNet.Seq2Seq's first model format, which this version no longer reads; retrain the model (models are now saved as ML.NET model zips).");
        }
    }

    /// <summary>The one row the payload of a saved step is read on.</summary>
    private sealed class PayloadProbe
    {
        public bool Row { get; set; }
    }
}
