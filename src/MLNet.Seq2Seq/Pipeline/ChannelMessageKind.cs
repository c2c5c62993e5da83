namespace MLNet.Seq2Seq;

/// <summary>The severity of a log message.</summary>
public enum ChannelMessageKind
{
    /// <summary>Detail for diagnosing.</summary>
    Trace,

    /// <summary>Progress and results.</summary>
    Info,

    /// <summary>Something was tolerated that may deserve attention (for example skipped rows).</summary>
    Warning,

    /// <summary>A failure.</summary>
    Error,
}
