using System.Reflection;
using System.Runtime.InteropServices;
using TorchSharp;

namespace MLNet.Seq2Seq.TorchSharp.Tests.Runtime;

/// <summary>The build's libLibTorchSharp.so patch (src/Build/LibTorchSharpPatch.targets) and the error users get without it.</summary>
[TestClass]
public sealed class NativePatchTests
{
    private const string Glue = "runtimes/linux-x64/native/libLibTorchSharp.so";

    private static string PackageCopy()
    {
        string root = typeof(NativePatchTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "NuGetPackageRoot").Value!;
        string version = typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];
        return Path.Combine(root, "torchsharp", version, Glue);
    }

    [TestMethod]
    public void OutputCopyDiffersFromThePackageInOneFlagByteAtMost()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var package = File.ReadAllBytes(PackageCopy());
        var output = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, Glue));
        Assert.HasCount(package.Length, output);
        int differing = package.Zip(output).Count(pair => pair.First != pair.Second);
        Assert.IsLessThanOrEqualTo(1, differing, "The patch changes the vna_flags of one version need, nothing else.");
    }

    [TestMethod]
    public void UnpatchedGlueFailsWithAnErrorNamingTheLibstdcxxVersion()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        TorchRuntime.EnsureLoaded();
        string? loaderMessage = null;
        try
        {
            NativeLibrary.Free(NativeLibrary.Load(PackageCopy()));
        }
        catch (DllNotFoundException e)
        {
            loaderMessage = e.Message;
        }

        var misleading = new NotSupportedException("This application or script uses TorchSharp but doesn't contain a reference to libtorch-cpu-linux-x64");
        var explained = NativeLoadFailure.Explain(misleading, loaderMessage);
        if (loaderMessage is null)
        {
            Assert.AreSame(misleading, explained, "Where the system libstdc++ is new enough nothing needs explaining.");
            return;
        }

        Assert.IsInstanceOfType<InvalidOperationException>(explained);
        StringAssert.Contains(explained.Message, "GLIBCXX_3.4.32");
        StringAssert.Contains(explained.Message, "docs/torchsharp.md");
        Assert.AreSame(misleading, explained.InnerException);
    }

    [TestMethod]
    public void OtherLoadFailuresKeepTorchSharpsError()
    {
        var error = new NotSupportedException("no libtorch");
        Assert.AreSame(error, NativeLoadFailure.Explain(error, "libtorch.so: cannot open shared object file"));
        Assert.AreSame(error, NativeLoadFailure.Explain(error, null));
    }
}
