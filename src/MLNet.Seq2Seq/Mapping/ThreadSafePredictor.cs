using System.Collections.Concurrent;
using Microsoft.ML;

namespace MLNet.Seq2Seq;

/// <summary>
/// Predicts from any number of threads at once. Each call borrows a <see cref="PredictionEngine{TSrc, TDst}"/> from a
/// pool (creating one when all are busy) and returns it afterwards, so concurrent calls never share an engine and
/// engines are reused. Disposing disposes the pooled engines, not the shared model.
/// </summary>
/// <typeparam name="TSrc">The input class.</typeparam>
/// <typeparam name="TDst">The output class.</typeparam>
public sealed class ThreadSafePredictor<TSrc, TDst> : IDisposable
    where TSrc : class
    where TDst : class, new()
{
    private readonly Func<PredictionEngine<TSrc, TDst>> _createEngine;
    private readonly ConcurrentBag<PredictionEngine<TSrc, TDst>> _idleEngines = [];
    private int _createdEngineCount;
    private volatile bool _disposed;

    internal ThreadSafePredictor(Func<PredictionEngine<TSrc, TDst>> createEngine)
    {
        _createEngine = createEngine;
        _idleEngines.Add(CreateEngine());
    }

    /// <summary>How many engines the pool has created.</summary>
    internal int CreatedEngineCount => Volatile.Read(ref _createdEngineCount);

    /// <summary>Predicts for <paramref name="example"/>.</summary>
    public TDst Predict(TSrc example)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        PredictionEngine<TSrc, TDst> engine = _idleEngines.TryTake(out var idle) ? idle : CreateEngine();
        try
        {
            return engine.Predict(example);
        }
        finally
        {
            if (_disposed)
            {
                engine.Dispose();
            }
            else
            {
                _idleEngines.Add(engine);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _disposed = true;
        while (_idleEngines.TryTake(out var engine))
        {
            engine.Dispose();
        }
    }

    private PredictionEngine<TSrc, TDst> CreateEngine()
    {
        Interlocked.Increment(ref _createdEngineCount);
        return _createEngine();
    }
}
