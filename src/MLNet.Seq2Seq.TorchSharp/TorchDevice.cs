using System.Globalization;
using TorchSharp;

namespace MLNet.Seq2Seq.TorchSharp;

/// <summary>Parses the device names the engine accepts: "cpu", "cuda" (the current CUDA device) and "cuda:N".</summary>
internal static class TorchDevice
{
    /// <summary>
    /// The libtorch device for <paramref name="name"/>; fails, naming the device, when CUDA is asked for and
    /// torch.cuda.is_available() is false, or when the index is past the devices there are.
    /// </summary>
    public static torch.Device Parse(string name)
    {
        int? index = CheckName(name);
        TorchRuntime.EnsureLoaded();
        if (name == "cpu")
        {
            return torch.CPU;
        }

        if (!CudaAvailable())
        {
            throw new InvalidOperationException(
                $"Device '{name}' was asked for, but CUDA is not available here (torch.cuda.is_available() is false): " +
                "the application needs a CUDA backend package (TorchSharp-cuda-linux or TorchSharp-cuda-windows) and a CUDA GPU with its driver.");
        }

        int count = torch.cuda.device_count();
        if (index >= count)
        {
            throw new InvalidOperationException($"Device '{name}' was asked for, but this machine has {count} CUDA device(s).");
        }

        return index is int i ? torch.device(DeviceType.CUDA, i) : torch.CUDA;
    }

    /// <summary>
    /// Checks that <paramref name="name"/> is "cpu", "cuda" or "cuda:N" without loading libtorch; returns N for
    /// "cuda:N", else null.
    /// </summary>
    /// <exception cref="ArgumentException">The name is none of those.</exception>
    public static int? CheckName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name is "cpu" or "cuda" ? null
            : name.StartsWith("cuda:", StringComparison.Ordinal)
                && int.TryParse(name.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) ? parsed
            : throw new ArgumentException($"Unknown device '{name}': expected \"cpu\", \"cuda\" or \"cuda:N\".", nameof(name));
    }

    /// <summary>torch.cuda.is_available(), false also where TorchSharp finds no CUDA backend package at all.</summary>
    private static bool CudaAvailable()
    {
        try
        {
            return torch.cuda.is_available();
        }
        catch (NotSupportedException)
        {
            return false;
        }
    }
}
