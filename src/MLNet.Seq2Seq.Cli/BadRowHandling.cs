namespace MLNet.Seq2Seq.Cli;

/// <summary>What <see cref="PairFiles"/> does with a bad data line (<c>--on-bad-row</c>).</summary>
internal enum BadRowHandling
{
    /// <summary>Stop with an <see cref="InvalidDataException"/> naming the file and line.</summary>
    Error,

    /// <summary>Skip the line with a warning on standard error, and report the count at the end.</summary>
    Skip,
}
