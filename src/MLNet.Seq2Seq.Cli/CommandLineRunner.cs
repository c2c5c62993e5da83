using System.CommandLine;
using System.CommandLine.Invocation;

namespace MLNet.Seq2Seq.Cli;

/// <summary>Parses the command line (numbers as plain invariant-culture numbers, see <see cref="InvariantNumbers"/>), reports parse errors with <see cref="ExitCodes.BadCommandLine"/>, and runs the chosen command.</summary>
internal static class CommandLineRunner
{
    public static int Run(RootCommand root, string[] args)
    {
        InvariantNumbers.ApplyTo(root);
        ParseResult parsed = root.Parse(args);
        if (parsed.Action is ParseErrorAction)
        {
            ErrorReport.Write($"{string.Join(" ", parsed.Errors.Select(e => e.Message))} Run 'seq2seq --help' for usage.");
            return ExitCodes.BadCommandLine;
        }

        return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }
}
