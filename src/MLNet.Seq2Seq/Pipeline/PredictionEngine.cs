using MLNet.Seq2Seq.Data;

namespace MLNet.Seq2Seq;

/// <summary>
/// Runs a model on one object at a time: members of <typeparamref name="TSrc"/> become input columns, output columns fill
/// the same-named (or <see cref="ColumnNameAttribute"/>-named) members of <typeparamref name="TDst"/>.
/// Not thread-safe: an engine holds per-row state; use one engine per thread or a <see cref="ThreadSafePredictor{TSrc, TDst}"/>.
/// Disposing the engine does not dispose the model.
/// </summary>
/// <typeparam name="TSrc">The input class.</typeparam>
/// <typeparam name="TDst">The output class.</typeparam>
public sealed class PredictionEngine<TSrc, TDst> : IDisposable
    where TSrc : class
    where TDst : class, new()
{
    private readonly ObjectRow<TSrc> _input;
    private readonly DataViewRow _output;
    private readonly (ObjectMember Member, Func<object> Read)[] _outputMembers;
    private bool _disposed;

    internal PredictionEngine(ITransformer model)
    {
        if (!model.IsRowToRowMapper)
        {
            throw new InvalidOperationException($"The model ({model.GetType().Name}) does not map rows independently, so it cannot predict one row at a time.");
        }

        _input = new ObjectRow<TSrc>();
        IRowToRowMapper mapper = model.GetRowToRowMapper(_input.Schema);
        OutputSchema = mapper.OutputSchema;
        var bindings = ObjectSchema.BindForWriting<TDst>(OutputSchema);
        _output = mapper.GetRow(_input, bindings.Select(b => b.Column));
        _outputMembers = [.. bindings.Select(b => (b.Member, BoxedGetters.CreateReader(_output, b.Column)))];
    }

    /// <summary>The schema of the model's output rows.</summary>
    public DataViewSchema OutputSchema { get; }

    /// <summary>Predicts for <paramref name="example"/> into a new <typeparamref name="TDst"/>.</summary>
    public TDst Predict(TSrc example)
    {
        var prediction = new TDst();
        Predict(example, ref prediction);
        return prediction;
    }

    /// <summary>Predicts for <paramref name="example"/> into <paramref name="prediction"/> (created when null).</summary>
    public void Predict(TSrc example, ref TDst prediction)
    {
        ArgumentNullException.ThrowIfNull(example);
        ObjectDisposedException.ThrowIf(_disposed, this);
        prediction ??= new TDst();
        _input.Set(example);
        foreach ((ObjectMember member, Func<object> read) in _outputMembers)
        {
            member.SetRawValue(prediction, read());
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _output.Dispose();
            _input.Dispose();
        }
    }
}
