using System.Runtime.InteropServices;
using TorchSharp;

namespace MLNet.Seq2Seq.TorchSharp;

/// <summary>
/// Turns TorchSharp's failure to load its native libraries into an error that names the real cause where it can
/// find one. TorchSharp reports every load failure as a missing libtorch package, also when the package is there and
/// the loader refused its glue library libLibTorchSharp.so because the system libstdc++ is too old.
/// </summary>
internal static class NativeLoadFailure
{
    /// <summary>The libstdc++ symbol version TorchSharp 0.107's libLibTorchSharp.so asks for.</summary>
    public const string GlibcxxVersion = "GLIBCXX_3.4.32";

    /// <summary>
    /// The exception to throw for <paramref name="torchSharpError"/>: an explanation of the libstdc++ mismatch when the
    /// loader's own message (<paramref name="loaderMessage"/>, null if the glue library loads) names it, otherwise
    /// TorchSharp's error unchanged.
    /// </summary>
    public static Exception Explain(Exception torchSharpError, string? loaderMessage)
    {
        if (loaderMessage is null || !loaderMessage.Contains(GlibcxxVersion, StringComparison.Ordinal))
        {
            return torchSharpError;
        }

        return new InvalidOperationException(
            $"TorchSharp cannot load its native library libLibTorchSharp.so: it requires {GlibcxxVersion} and this " +
            $"system's libstdc++.so.6 is older (Debian 12, Ubuntu 22.04 and RHEL 9 ship such a libstdc++). TorchSharp " +
            "reports this as a missing libtorch package, which is not the cause. Fix: mark that version need weak in " +
            "the copy of libLibTorchSharp.so in your output folder (the one symbol that needs it is never called), as " +
            "this repository's build does with src/Build/LibTorchSharpPatch.targets, or install a newer libstdc++; " +
            "see docs/torchsharp.md, \"Older libstdc++\". The loader said: " + loaderMessage,
            torchSharpError);
    }

    /// <summary>Loads the glue library the way TorchSharp does; returns the loader's error message, or null on success.</summary>
    public static string? LoaderMessage()
    {
        try
        {
            NativeLibrary.Free(NativeLibrary.Load("LibTorchSharp", typeof(torch).Assembly, null));
            return null;
        }
        catch (DllNotFoundException e)
        {
            return e.Message;
        }
    }
}
