using System.IO.Compression;
using System.Xml.Linq;
using MLNet.Seq2Seq.Tests.Cli;
using MLNet.Seq2Seq.Tests.Examples;
using MLNet.Seq2Seq.Tests.Persistence;

namespace MLNet.Seq2Seq.Tests.Packaging;

/// <summary>
/// Packs the built library and tool (<c>dotnet pack --no-build</c>), checks what the packages hold and which versions
/// they ask for, installs the tool from the packed folder alone into a temporary tool path and runs
/// <c>seq2seq --help</c>, and builds and runs docs/getting-started.md's application against the packed library. It runs
/// alone: packing writes into the projects' obj and bin folders.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class PackagingTests
{
    private const string Version = "0.1.0";
    private const string ProgramMarker = "<!-- Program.cs of PackagingTests: the next csharp block -->";
    private static TemporaryFolder folder = null!;

    private static string PackFolder => folder.File("packages");

    [ClassInitialize]
    public static void PackOnce(TestContext testContext)
    {
        folder = new TemporaryFolder();
        foreach (string project in new[] { "src/MLNet.Seq2Seq", "src/MLNet.Seq2Seq.Cli" })
        {
            CliResult pack = CliProcess.RunProgram("dotnet", RepositoryFolder.Root, null, null,
                "pack", project, "-c", RepositoryFolder.Configuration, "--no-build", "-o", PackFolder, "-p:PackageVersion=" + Version);
            Assert.AreEqual(0, pack.ExitCode, pack.ToString());
        }
    }

    [ClassCleanup]
    public static void DeleteFiles() => folder.Dispose();

    [TestMethod]
    public void LibraryPackageHasTheReadmeXmlDocsAndASymbolPackage()
    {
        using ZipArchive package = ZipFile.OpenRead(Path.Combine(PackFolder, $"MLNet.Seq2Seq.{Version}.nupkg"));
        string[] entries = [.. package.Entries.Select(e => e.FullName)];

        CollectionAssert.Contains(entries, "README.md");
        CollectionAssert.Contains(entries, "lib/net10.0/MLNet.Seq2Seq.dll");
        CollectionAssert.Contains(entries, "lib/net10.0/MLNet.Seq2Seq.xml");
        using ZipArchive symbols = ZipFile.OpenRead(Path.Combine(PackFolder, $"MLNet.Seq2Seq.{Version}.snupkg"));
        CollectionAssert.Contains(symbols.Entries.Select(e => e.FullName).ToArray(), "lib/net10.0/MLNet.Seq2Seq.pdb");
    }

    [TestMethod]
    public void LibraryPackageAsksForMinimumVersionsSoNewerOnesSatisfyIt()
    {
        using ZipArchive package = ZipFile.OpenRead(Path.Combine(PackFolder, $"MLNet.Seq2Seq.{Version}.nupkg"));
        using Stream nuspec = package.GetEntry("MLNet.Seq2Seq.nuspec")!.Open();

        var dependencies = XDocument.Load(nuspec).Descendants().Where(e => e.Name.LocalName == "dependency")
            .ToDictionary(e => (string)e.Attribute("id")!, e => (string)e.Attribute("version")!);

        Assert.AreEqual("5.0.1", dependencies["Microsoft.ML"], "a bare version is a minimum: >= 5.0.1");
        Assert.AreEqual("10.0.0", dependencies["System.Numerics.Tensors"], "a bare version is a minimum: >= 10.0.0");
        Assert.HasCount(2, dependencies, string.Join(", ", dependencies.Keys));
    }

    [TestMethod]
    public void GettingStartedsApplicationBuildsWithWarningsAsErrorsFromThePackedFolderBesideNewerPackagesAndPredicts()
    {
        string project = folder.File("consumer");
        Directory.CreateDirectory(project);
        File.WriteAllText(Path.Combine(project, "Program.cs"), GettingStartedProgram());
        File.WriteAllText(Path.Combine(project, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{PackFolder}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(project, "Consumer.csproj"), ConsoleProject.File(
            $"""<PackageReference Include="MLNet.Seq2Seq" Version="{Version}" />""",
            """<PackageReference Include="Microsoft.ML" Version="5.0.1" />""",
            """<PackageReference Include="System.Numerics.Tensors" Version="10.0.15" />"""));
        var isolatedCache = new Dictionary<string, string> { ["NUGET_PACKAGES"] = folder.File("nuget-cache") };

        CliResult run = CliProcess.RunProgram("dotnet", project, null, isolatedCache, "run", "-c", RepositoryFolder.Configuration);

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        Assert.DoesNotContain("NU1608", run.StandardOutput + run.StandardError);
        StringAssert.Matches(run.StandardOutput, new System.Text.RegularExpressions.Regex(@"(?m)^four two -> \d* \(0 unknown character\(s\)\)\r?$"), run.ToString());
        StringAssert.Matches(run.StandardOutput, new System.Text.RegularExpressions.Regex(@"(?m)^Seven one -> \d* \(1 unknown character\(s\)\)\r?$"), run.ToString());
        Assert.IsTrue(File.Exists(Path.Combine(project, "numbers.zip")), run.ToString());
    }

    [TestMethod]
    public void GettingStartedShowsTheLocalFeedBesideNugetOrgAndThePackageReference()
    {
        string guide = File.ReadAllText(Path.Combine(RepositoryFolder.Root, "docs", "getting-started.md"));

        StringAssert.Contains(guide, "<clear />");
        StringAssert.Contains(guide, "<add key=\"local\" value=\"");
        StringAssert.Contains(guide, "<add key=\"nuget.org\" value=\"https://api.nuget.org/v3/index.json\" />");
        StringAssert.Contains(guide, $"<PackageReference Include=\"MLNet.Seq2Seq\" Version=\"{Version}\" />");
        StringAssert.Contains(guide, "<PackageReference Include=\"Microsoft.ML\" Version=\"5.0.1\" />");
    }

    [TestMethod]
    public void ToolPackageDeclaresTheSeq2SeqCommand()
    {
        using ZipArchive package = ZipFile.OpenRead(Path.Combine(PackFolder, $"MLNet.Seq2Seq.Cli.{Version}.nupkg"));
        ZipArchiveEntry settings = package.GetEntry("tools/net10.0/any/DotnetToolSettings.xml") ?? throw new AssertFailedException("no DotnetToolSettings.xml in the tool package");
        using Stream stream = settings.Open();

        XElement command = XDocument.Load(stream).Descendants("Command").Single();

        Assert.AreEqual("seq2seq", (string?)command.Attribute("Name"));
        Assert.AreEqual("seq2seq.dll", (string?)command.Attribute("EntryPoint"));
    }

    /// <summary>The csharp block that follows the marker line in docs/getting-started.md, as it stands.</summary>
    private static string GettingStartedProgram()
    {
        string[] lines = File.ReadAllLines(Path.Combine(RepositoryFolder.Root, "docs", "getting-started.md"));
        int marker = Array.IndexOf(lines, ProgramMarker);
        Assert.IsGreaterThanOrEqualTo(0, marker, $"docs/getting-started.md has no line '{ProgramMarker}'.");
        Assert.AreEqual("```csharp", lines[marker + 1], "The marker must be followed by a csharp block.");
        string[] code = [.. lines.Skip(marker + 2).TakeWhile(l => l != "```")];
        Assert.IsLessThan(lines.Length - marker - 2, code.Length, "The program block is not closed.");
        return string.Join('\n', code) + "\n";
    }

    [TestMethod]
    public void ToolPackageLeavesLibTorchOut()
    {
        using ZipArchive package = ZipFile.OpenRead(Path.Combine(PackFolder, $"MLNet.Seq2Seq.Cli.{Version}.nupkg"));
        string[] entries = [.. package.Entries.Select(e => e.FullName)];

        CollectionAssert.Contains(entries, "tools/net10.0/any/MLNet.Seq2Seq.TorchSharp.dll");
        Assert.IsFalse(entries.Any(e => Path.GetFileName(e) is "libtorch_cpu.so" or "libc10.so" or "torch_cpu.dll"), string.Join("\n", entries));
        Assert.IsLessThan(100_000_000L, new FileInfo(Path.Combine(PackFolder, $"MLNet.Seq2Seq.Cli.{Version}.nupkg")).Length);
    }

    [TestMethod]
    public void ToolInstallsFromThePackedFolderAndShowsItsUsage()
    {
        string config = folder.File("nuget.config");
        File.WriteAllText(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="packed" value="{PackFolder}" />
              </packageSources>
            </configuration>
            """);
        string toolPath = folder.File("tools");
        var isolatedCache = new Dictionary<string, string> { ["NUGET_PACKAGES"] = folder.File("nuget-cache") };

        CliResult install = CliProcess.RunProgram("dotnet", folder.Path, null, isolatedCache,
            "tool", "install", "--tool-path", toolPath, "--configfile", config, "--version", Version, "MLNet.Seq2Seq.Cli");
        Assert.AreEqual(0, install.ExitCode, install.ToString());
        CliResult help = CliProcess.RunProgram(Path.Combine(toolPath, OperatingSystem.IsWindows() ? "seq2seq.exe" : "seq2seq"), folder.Path, null, null, "--help");

        Assert.AreEqual(0, help.ExitCode, help.ToString());
        StringAssert.Contains(help.StandardOutput, "Usage:");
        StringAssert.Contains(help.StandardOutput, "seq2seq [command] [options]");
        foreach (string command in new[] { "train", "evaluate", "predict", "info" })
        {
            StringAssert.Contains(help.StandardOutput, "  " + command);
        }
    }
}
