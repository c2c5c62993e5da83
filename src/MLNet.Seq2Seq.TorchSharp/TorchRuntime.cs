using TorchSharp;

namespace MLNet.Seq2Seq.TorchSharp;

/// <summary>
/// Prepares the process for libtorch once, before any other TorchSharp call: the OpenMP wait policy (which must be in
/// the native environment before libtorch loads), then the CPU backend, with load failures explained.
/// </summary>
internal static class TorchRuntime
{
    private static readonly Lazy<bool> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Loads libtorch on first use; throws an explained error when it cannot load.</summary>
    public static void EnsureLoaded() => _ = Loaded.Value;

    private static bool Load()
    {
        OpenMpWaitPolicy.SetPassiveUnlessChosen();
        try
        {
            torch.InitializeDeviceType(DeviceType.CPU);
        }
        catch (NotSupportedException e)
        {
            throw NativeLoadFailure.Explain(e, NativeLoadFailure.LoaderMessage());
        }

        return true;
    }
}
