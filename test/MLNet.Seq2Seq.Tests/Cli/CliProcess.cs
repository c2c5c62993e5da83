using System.Diagnostics;

namespace MLNet.Seq2Seq.Tests.Cli;

/// <summary>Runs the built seq2seq tool (seq2seq.dll next to the test assembly), or another built app, as a child process.</summary>
internal static class CliProcess
{
    /// <summary>
    /// A hang guard, never a speed assertion: a run that has not ended by then is stuck (waiting on input, deadlocked),
    /// so it is killed and the test fails instead of blocking the whole test run. A slow or busy machine must not trip it.
    /// </summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    /// <summary>Runs <c>dotnet seq2seq.dll</c> with <paramref name="arguments"/>, feeding <paramref name="standardInput"/> when given.</summary>
    public static CliResult Run(string workingDirectory, string? standardInput, params string[] arguments) =>
        RunApp(Path.Combine(AppContext.BaseDirectory, "seq2seq.dll"), workingDirectory, standardInput, arguments);

    /// <summary>Runs <c>dotnet exec <paramref name="appPath"/></c> with <paramref name="arguments"/>, feeding <paramref name="standardInput"/> when given.</summary>
    public static CliResult RunApp(string appPath, string workingDirectory, string? standardInput, params string[] arguments) =>
        RunProgram("dotnet", workingDirectory, standardInput, null, ["exec", appPath, .. arguments]);

    /// <summary>
    /// Runs <paramref name="program"/> with <paramref name="arguments"/>, feeding <paramref name="standardInput"/> when given
    /// and setting <paramref name="environment"/>'s variables.
    /// </summary>
    public static CliResult RunProgram(string program, string workingDirectory, string? standardInput, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            process.StandardInput.Write(standardInput);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', arguments)} did not finish within {Timeout.TotalMinutes} minutes (hang guard).");
        }

        return new CliResult(process.ExitCode, output.Result, error.Result);
    }
}
