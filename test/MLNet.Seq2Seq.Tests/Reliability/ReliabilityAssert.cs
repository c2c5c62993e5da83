using MLNet.Seq2Seq.Tests.Cli;

namespace MLNet.Seq2Seq.Tests.Reliability;

/// <summary>The tool's failure contract: the exit code, nothing on standard output, one line on standard error naming the culprit.</summary>
internal static class ReliabilityAssert
{
    public static void OneLineError(CliResult result, int exitCode, params string[] named)
    {
        Assert.AreEqual(exitCode, result.ExitCode, result.ToString());
        Assert.AreEqual(string.Empty, result.StandardOutput, result.ToString());
        string[] lines = result.StandardError.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(1, lines, result.ToString());
        StringAssert.StartsWith(lines[0], "seq2seq: error: ");
        foreach (string name in named)
        {
            StringAssert.Contains(lines[0], name, result.ToString());
        }
    }

    /// <summary>
    /// For runs that may have printed warnings (skipped lines) or answers (earlier predictions) before failing: the exit
    /// code and a single error line, last on standard error, naming the culprit.
    /// </summary>
    public static void ErrorLineLast(CliResult result, int exitCode, params string[] named)
    {
        Assert.AreEqual(exitCode, result.ExitCode, result.ToString());
        string[] lines = result.StandardError.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        Assert.AreEqual(1, lines.Count(line => line.StartsWith("seq2seq: error: ", StringComparison.Ordinal)), result.ToString());
        StringAssert.StartsWith(lines[^1], "seq2seq: error: ");
        foreach (string name in named)
        {
            StringAssert.Contains(lines[^1], name, result.ToString());
        }
    }
}
