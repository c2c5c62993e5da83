using System.Diagnostics;
using System.Globalization;
using MLNet.Seq2Seq.Tests.Examples;

namespace MLNet.Seq2Seq.Tests.Trainers;

/// <summary>
/// Compiles README.md's complete program exactly as the README shows it, as Program.cs of a fresh console project that
/// references Microsoft.ML 5.0.1 and the library (warnings as errors), and runs it on a small addition.tsv. It builds
/// a project, which takes the machine's cores, so it never runs beside other tests.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class ReadmeExampleTests
{
    private const string ProgramMarker = "<!-- Program.cs of ReadmeExampleTests: the next csharp block -->";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    [TestMethod]
    public void ReadmeProgramCompilesAndRunsAsItStands()
    {
        string folder = Directory.CreateTempSubdirectory("readme-program").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "Program.cs"), ReadmeProgram());
            File.WriteAllText(Path.Combine(folder, "ReadmeProgram.csproj"), ProjectFile());
            File.Copy(Path.Combine(RepositoryFolder.Root, "NuGet.config"), Path.Combine(folder, "NuGet.config"));
            var random = new Random(5);
            File.WriteAllLines(Path.Combine(folder, "addition.tsv"), Enumerable.Range(0, 300).Select(_ =>
            {
                int a = random.Next(50), b = random.Next(50);
                return string.Create(CultureInfo.InvariantCulture, $"{a}+{b}\t{a + b}");
            }));

            var (exitCode, output) = Run(folder, "run", "-c", RepositoryFolder.Configuration);

            Assert.AreEqual(0, exitCode, output);
            StringAssert.Matches(output, new System.Text.RegularExpressions.Regex(@"exact match \d{1,3}\.\d % on \d+ held-out questions"), output);
            StringAssert.Matches(output, new System.Text.RegularExpressions.Regex(@"(?m)^57\+5 -> \d*\r?$"), output);
            Assert.IsTrue(File.Exists(Path.Combine(folder, "addition.zip")), output);
            Assert.IsFalse(File.Exists(Path.Combine(folder, "addition.zip.tmp")), output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The csharp block that follows the marker line in README.md, as it stands.</summary>
    private static string ReadmeProgram()
    {
        string[] lines = File.ReadAllLines(Path.Combine(RepositoryFolder.Root, "README.md"));
        int marker = Array.IndexOf(lines, ProgramMarker);
        Assert.IsGreaterThanOrEqualTo(0, marker, $"README.md has no line '{ProgramMarker}'.");
        Assert.AreEqual("```csharp", lines[marker + 1], "The marker must be followed by a csharp block.");
        string[] code = [.. lines.Skip(marker + 2).TakeWhile(l => l != "```")];
        Assert.IsLessThan(lines.Length - marker - 2, code.Length, "The README's program block is not closed.");
        return string.Join('\n', code) + "\n";
    }

    /// <summary>A console app as `dotnet new console` makes it, plus Microsoft.ML 5.0.1, the library, and warnings as errors.</summary>
    private static string ProjectFile() => ConsoleProject.File(
        """<PackageReference Include="Microsoft.ML" Version="5.0.1" />""",
        $"""<ProjectReference Include="{Path.Combine(RepositoryFolder.Root, "src", "MLNet.Seq2Seq", "MLNet.Seq2Seq.csproj")}" />""");

    private static (int ExitCode, string Output) Run(string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet {string.Join(' ', arguments)} did not finish within {Timeout.TotalMinutes} minutes.");
        }

        return (process.ExitCode, output.Result + error.Result);
    }
}
