using MLNet.Seq2Seq.Decoding;

namespace MLNet.Seq2Seq.Trainers;

/// <summary>
/// Decoding for <see cref="LstmEncoderDecoderTransformer.WithDecodingEngine"/>: a cursor hands each block of sources to
/// <see cref="DecodeBlock"/>, which decodes them together in one engine session (on its device), and the per-row
/// mapping then takes its row's result. Results are kept by source content and counted per row that will ask for
/// them, so a result leaves memory when its last row is mapped; a row whose result is not there (a shuffled cursor,
/// or results dropped past <see cref="MaxPendingBlocks"/>) is decoded on its own, with the same outcome.
/// </summary>
internal sealed class BatchDecoding
{
    /// <summary>
    /// Blocks of results kept at most: rows read ahead by cursors that stopped before mapping them leave results
    /// behind, and this bounds them; past it the pending results are dropped.
    /// </summary>
    private const int MaxPendingBlocks = 16;

    private readonly EncoderDecoderMapping mapping;
    private readonly IDecodingSession session;
    private readonly Lock sessionLock = new();
    private readonly Lock pendingLock = new();
    private readonly Dictionary<int[], Pending> pending = new(SourceComparer.Instance);

    /// <summary>Starts <paramref name="engine"/>'s decoding session on the mapping's network, which fails here when the engine cannot run.</summary>
    public BatchDecoding(EncoderDecoderMapping mapping, Seq2SeqEngine engine, int batchSize)
    {
        this.mapping = mapping;
        Engine = engine;
        BatchSize = batchSize;
        session = engine.StartDecoding(mapping.Model.Network, KeySequences.Start, KeySequences.End, Environment.ProcessorCount);
    }

    /// <summary>The engine that decodes.</summary>
    public Seq2SeqEngine Engine { get; }

    /// <summary>Rows decoded together.</summary>
    public int BatchSize { get; }

    /// <summary>The mapping the chain's custom mapping runs: the row's result from its block, else decoded now.</summary>
    public void Map(EncoderDecoderInput input, EncoderDecoderOutput output)
    {
        int[] source = mapping.EngineSource(input.Source);
        mapping.Write(Take(source) ?? Decode([source])[0], output);
    }

    /// <summary>
    /// Decodes those of <paramref name="sources"/> (engine keys, one per row that will be mapped) without a pending
    /// result, in one session call, and counts every row as waiting for its result.
    /// </summary>
    public void DecodeBlock(IReadOnlyList<int[]> sources)
    {
        int[][] missing;
        lock (pendingLock)
        {
            missing = [.. sources.Distinct(SourceComparer.Instance).Where(source => !pending.ContainsKey(source))];
        }

        var results = Decode(missing);
        lock (pendingLock)
        {
            if (pending.Count + missing.Length > MaxPendingBlocks * BatchSize)
            {
                pending.Clear();
            }

            for (int i = 0; i < missing.Length; i++)
            {
                pending.TryAdd(missing[i], new Pending(results[i]));
            }

            foreach (int[] source in sources)
            {
                if (pending.TryGetValue(source, out var entry))
                {
                    entry.Rows++;
                }
            }
        }
    }

    /// <summary>
    /// The engine keys of a row a cursor reads ahead, or null when a key is out of the vocabulary: that row is left to
    /// <see cref="Map"/>, whose error names the column when the cursor reaches the row.
    /// </summary>
    public int[]? EngineSourceOrNull(ReadOnlySpan<uint> keys)
    {
        try
        {
            return mapping.EngineSource(keys);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>The pending result of <paramref name="source"/>, counted as taken, or null.</summary>
    private EncoderDecoderMapping.RowResult? Take(int[] source)
    {
        lock (pendingLock)
        {
            if (!pending.TryGetValue(source, out var entry))
            {
                return null;
            }

            if (--entry.Rows <= 0)
            {
                pending.Remove(source);
            }

            return entry.Result;
        }
    }

    private EncoderDecoderMapping.RowResult[] Decode(IReadOnlyList<int[]> sources)
    {
        if (sources.Count == 0)
        {
            return [];
        }

        lock (sessionLock)
        {
            return mapping.DecodeMany(session, sources);
        }
    }

    /// <summary>A decoded source and how many rows read ahead still wait for it.</summary>
    private sealed class Pending(EncoderDecoderMapping.RowResult result)
    {
        public EncoderDecoderMapping.RowResult Result { get; } = result;

        public int Rows { get; set; }
    }

    /// <summary>Engine key sequences compared by content.</summary>
    private sealed class SourceComparer : IEqualityComparer<int[]>
    {
        public static SourceComparer Instance { get; } = new();

        public bool Equals(int[]? x, int[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(int[] obj)
        {
            var hash = new HashCode();
            hash.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(obj.AsSpan()));
            return hash.ToHashCode();
        }
    }
}
