namespace MLNet.Seq2Seq;

/// <summary>A message logged by a component through <see cref="Seq2SeqContext.Log"/>.</summary>
public sealed class LoggingEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    public LoggingEventArgs(string message, ChannelMessageKind kind, string source)
    {
        Message = message;
        Kind = kind;
        Source = source;
    }

    /// <summary>The message, formatted as "[Source] Kind: text".</summary>
    public string Message { get; }

    /// <summary>The severity.</summary>
    public ChannelMessageKind Kind { get; }

    /// <summary>The component that logged it.</summary>
    public string Source { get; }
}
