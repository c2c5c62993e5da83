using System.Numerics.Tensors;

namespace MLNet.Seq2Seq.Engine.Optim;

/// <summary>Global gradient-norm clipping: when ‖g‖₂ exceeds the limit, g is scaled down to have norm equal to it.</summary>
internal static class GradientClipping
{
    /// <summary>Clips in place and returns the norm before clipping. A limit ≤ 0 disables clipping.</summary>
    public static float ClipByGlobalNorm(Span<float> gradients, float maxNorm)
    {
        float norm = TensorPrimitives.Norm(gradients);
        if (maxNorm > 0 && norm > maxNorm)
        {
            TensorPrimitives.Multiply(gradients, maxNorm / norm, gradients);
        }

        return norm;
    }
}
