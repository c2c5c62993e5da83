using System.Collections.Concurrent;

namespace MLNet.Seq2Seq.Decoding;

/// <summary>
/// Batch decoding's threading: rows [0, count) split into chunks run on up to a given number of threads, each chunk
/// borrowing per-thread scratch (a workspace and its buffers) from a pool that starts with the caller's own.
/// </summary>
internal static class ParallelChunks
{
    /// <summary>
    /// Calls <paramref name="decodeChunk"/>(scratch, start, length) once per chunk of at most <paramref name="chunkSize"/>
    /// rows; <paramref name="create"/> makes more scratch when every pooled one is in use.
    /// </summary>
    public static void Run<TScratch>(int count, int chunkSize, int threads, TScratch first, Func<TScratch> create,
        Action<TScratch, int, int> decodeChunk)
    {
        int chunks = (count + chunkSize - 1) / chunkSize;
        var pool = new ConcurrentBag<TScratch>([first]);
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, c =>
        {
            var scratch = pool.TryTake(out var free) ? free : create();
            int start = c * chunkSize;
            decodeChunk(scratch, start, Math.Min(chunkSize, count - start));
            pool.Add(scratch);
        });
    }
}
