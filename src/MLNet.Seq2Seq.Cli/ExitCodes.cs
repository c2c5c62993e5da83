namespace MLNet.Seq2Seq.Cli;

/// <summary>The process exit codes scripts rely on.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Bad data, a missing or damaged file, or a run that failed.</summary>
    public const int Failure = 1;

    /// <summary>The command line did not parse or an option value is invalid.</summary>
    public const int BadCommandLine = 2;
}
