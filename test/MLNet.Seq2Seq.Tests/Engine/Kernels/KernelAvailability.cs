using MLNet.Seq2Seq.Engine.Kernels;

namespace MLNet.Seq2Seq.Tests.Engine.Kernels;

/// <summary>
/// Which GEMM kernels this machine has. The fast kernels fall back silently where the CPU lacks their instructions, so a
/// check of a missing kernel would compare a fallback with itself and prove nothing: such checks report Inconclusive
/// instead of passing.
/// </summary>
internal static class KernelAvailability
{
    /// <summary>The AVX2 + FMA kernels exist on this CPU.</summary>
    public static bool HasAvx2 => GemmAvx2.IsSupported;

    /// <summary>The AVX-512 kernels exist on this CPU.</summary>
    public static bool HasAvx512 => GemmAvx512.IsSupported;

    /// <summary>Ends the test as Inconclusive when the CPU lacks the AVX-512 kernels.</summary>
    public static void RequireAvx512()
    {
        if (!HasAvx512)
        {
            Assert.Inconclusive("This CPU has no AVX-512 (with FMA): the AVX-512 kernels fall back to AVX2, so comparing them with AVX2 proves nothing here.");
        }
    }

    /// <summary>Ends the test as Inconclusive when the CPU lacks the AVX2 + FMA kernels.</summary>
    public static void RequireAvx2()
    {
        if (!HasAvx2)
        {
            Assert.Inconclusive("This CPU has no AVX2 + FMA: the AVX2 kernels fall back to the portable ones, so comparing them proves nothing here.");
        }
    }
}
