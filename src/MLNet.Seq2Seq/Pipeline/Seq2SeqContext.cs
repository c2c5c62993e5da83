namespace MLNet.Seq2Seq;

/// <summary>
/// The entry point, as <c>MLContext</c> is in ML.NET: catalogs of data operations, transforms, seq2seq trainers and
/// model operations, a log, and the seed that makes every random choice reproducible.
/// </summary>
public sealed class Seq2SeqContext
{
    private readonly Random _seedSource;
    private readonly Lock _seedLock = new();

    /// <summary>Creates a context.</summary>
    /// <param name="seed">Seed for every random choice made through this context; null for a different run each time.</param>
    public Seq2SeqContext(int? seed = null)
    {
        Seed = seed;
        _seedSource = seed is { } value ? new Random(value) : new Random();
        Data = new DataOperationsCatalog(this);
        Transforms = new TransformsCatalog(this);
        Seq2Seq = new Seq2SeqCatalog(this);
        Model = new ModelOperationsCatalog(this);
    }

    /// <summary>Raised for every message a component logs. Handlers may run on any thread.</summary>
    public event EventHandler<LoggingEventArgs>? Log;

    /// <summary>Loading, splitting and enumerating data.</summary>
    public DataOperationsCatalog Data { get; }

    /// <summary>Transforms.</summary>
    public TransformsCatalog Transforms { get; }

    /// <summary>Sequence-to-sequence trainers.</summary>
    public Seq2SeqCatalog Seq2Seq { get; }

    /// <summary>Saving, loading and serving models.</summary>
    public ModelOperationsCatalog Model { get; }

    /// <summary>The seed given at construction.</summary>
    internal int? Seed { get; }

    /// <summary>Reports a message from <paramref name="source"/> to the <see cref="Log"/> subscribers.</summary>
    internal void WriteLog(ChannelMessageKind kind, string source, string message) =>
        Log?.Invoke(this, new LoggingEventArgs($"[{source}] {kind}: {message}", kind, source));

    /// <summary>
    /// A new random generator for one component. With a seed, the n-th call returns the same sequence in every run.
    /// Thread-safe; the returned generator is not.
    /// </summary>
    internal Random CreateRandom() => new(NextSeed());

    /// <summary>The next seed from the context's seed sequence. Thread-safe.</summary>
    internal int NextSeed()
    {
        lock (_seedLock)
        {
            return _seedSource.Next();
        }
    }
}
