using System.Diagnostics;
using System.IO.Compression;
using System.Reflection;
using System.Xml.Linq;

namespace MLNet.Seq2Seq.TorchSharp.Tests.Packaging;

/// <summary>
/// Packs the built library (<c>dotnet pack --no-build</c>) and checks that the package depends on TorchSharp in the
/// range that matches its libtorch and on minimum versions of everything else, and carries no natives, no backend and
/// no build logic (the libstdc++ patch is this repository's build step only).
/// </summary>
[TestClass]
public sealed class PackageTests
{
    [TestMethod]
    public void PackageDeclaresTheTorchSharpRangeAndCarriesNoNativesOrBuildLogic()
    {
        string root = RepositoryRoot();
        string output = Directory.CreateTempSubdirectory("torchsharp-pack-").FullName;
        try
        {
            string configuration = typeof(PackageTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
            var start = new ProcessStartInfo("dotnet", ["pack", "src/MLNet.Seq2Seq.TorchSharp/MLNet.Seq2Seq.TorchSharp.csproj",
                "-c", configuration, "--no-build", "-o", output, "-p:PackageVersion=9.9.9"])
            {
                WorkingDirectory = root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var pack = Process.Start(start)!;
            string log = pack.StandardOutput.ReadToEnd() + pack.StandardError.ReadToEnd();
            pack.WaitForExit();
            Assert.AreEqual(0, pack.ExitCode, log);

            using var package = ZipFile.OpenRead(Path.Combine(output, "MLNet.Seq2Seq.TorchSharp.9.9.9.nupkg"));
            string[] entries = [.. package.Entries.Select(e => e.FullName)];
            Assert.IsFalse(entries.Any(e => e.StartsWith("runtimes/", StringComparison.Ordinal) || e.StartsWith("build", StringComparison.Ordinal)),
                string.Join(", ", entries));
            CollectionAssert.Contains(entries, "lib/net10.0/MLNet.Seq2Seq.TorchSharp.dll");

            using var nuspec = package.GetEntry("MLNet.Seq2Seq.TorchSharp.nuspec")!.Open();
            var dependencies = XDocument.Load(nuspec).Descendants().Where(e => e.Name.LocalName == "dependency")
                .ToDictionary(e => (string)e.Attribute("id")!, e => (string)e.Attribute("version")!);
            Assert.AreEqual("[0.107.0, 0.108.0)", dependencies["TorchSharp"]);
            foreach (string name in new[] { "MLNet.Seq2Seq", "Microsoft.ML", "System.Numerics.Tensors" })
            {
                Assert.IsFalse(dependencies[name].StartsWith('['), $"{name} {dependencies[name]}: a consumer with a newer version must satisfy it (a minimum, not an exact version).");
            }

            Assert.IsFalse(dependencies.Keys.Any(id => id.StartsWith("libtorch", StringComparison.OrdinalIgnoreCase) || id.StartsWith("TorchSharp-", StringComparison.OrdinalIgnoreCase)),
                "The application picks the backend: " + string.Join(", ", dependencies.Keys));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "MLNet.Seq2Seq.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("No MLNet.Seq2Seq.sln above " + AppContext.BaseDirectory);
    }
}
