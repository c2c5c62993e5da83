using System.Runtime.InteropServices;

namespace MLNet.Seq2Seq.TorchSharp;

/// <summary>
/// Makes libtorch's OpenMP threads sleep instead of spin when they wait: on a busy machine spinning threads made two
/// threads 5-20x slower than one. The OpenMP runtime reads OMP_WAIT_POLICY once, when libtorch loads, through the C
/// library's getenv, which on Linux does not see <see cref="Environment.SetEnvironmentVariable(string, string)"/>;
/// so the value goes through libc's setenv.
/// </summary>
internal static partial class OpenMpWaitPolicy
{
    /// <summary>The variable the OpenMP runtime reads.</summary>
    public const string Variable = "OMP_WAIT_POLICY";

    /// <summary>
    /// Before libtorch loads: sets OMP_WAIT_POLICY=PASSIVE in the native environment unless the user chose a value
    /// (in the process environment, or through <see cref="Environment.SetEnvironmentVariable(string, string)"/>, which
    /// is then passed on to the native environment).
    /// </summary>
    public static void SetPassiveUnlessChosen()
    {
        string value = Environment.GetEnvironmentVariable(Variable) ?? "PASSIVE";
        if (OperatingSystem.IsLinux())
        {
            if (SetEnvironment(Variable, value, overwrite: 0) != 0)
            {
                throw new InvalidOperationException($"setenv({Variable}) failed with errno {Marshal.GetLastPInvokeError()}.");
            }
        }
        else
        {
            Environment.SetEnvironmentVariable(Variable, value);
        }
    }

    /// <summary>The value the native environment holds now (what the OpenMP runtime will read), or null.</summary>
    public static string? NativeValue() =>
        OperatingSystem.IsLinux() ? Marshal.PtrToStringUTF8(GetEnvironment(Variable)) : Environment.GetEnvironmentVariable(Variable);

    [LibraryImport("libc.so.6", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int SetEnvironment(string name, string value, int overwrite);

    [LibraryImport("libc.so.6", EntryPoint = "getenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr GetEnvironment(string name);
}
