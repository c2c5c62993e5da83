using System.CommandLine;

namespace MLNet.Seq2Seq.Cli;

/// <summary>Turns a failed run into one line on standard error (the whole exception with --verbose) and exit code 1.</summary>
internal static class ErrorReport
{
    /// <summary>Runs <paramref name="command"/>, mapping any exception it throws to <see cref="ExitCodes.Failure"/>.</summary>
    public static int Guard(ParseResult parseResult, Func<int> command)
    {
        try
        {
            return command();
        }
#pragma warning disable CA1031 // Every failure of a command ends the process with one reported line and exit code 1.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Write(ex.Message);
            if (parseResult.GetValue(CliOptions.Verbose))
            {
                Console.Error.WriteLine(ex);
            }

            return ExitCodes.Failure;
        }
    }

    /// <summary><paramref name="exception"/> or the first of its inner exceptions that is a <typeparamref name="T"/>, else null.</summary>
    public static T? Find<T>(Exception exception)
        where T : Exception
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>Writes a warning that does not stop the run to standard error as a single line.</summary>
    public static void Warn(string message) => Console.Error.WriteLine($"seq2seq: warning: {OneLine(message)}");

    /// <summary>Writes <paramref name="message"/> to standard error as a single line.</summary>
    public static void Write(string message) =>
        Console.Error.WriteLine($"seq2seq: error: {OneLine(message)}");

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
