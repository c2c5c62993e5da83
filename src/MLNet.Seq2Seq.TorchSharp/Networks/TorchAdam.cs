using static TorchSharp.torch;

namespace MLNet.Seq2Seq.TorchSharp.Networks;

/// <summary>
/// Global-norm clipping and Adam on libtorch tensors, with the managed engine's math (Engine/Optim): the same β1 0.9,
/// β2 0.999, ε 1e-8 and bias correction, written as the managed update is (step size lr·√(1−β2ᵗ)/(1−β1ᵗ), ε scaled
/// by √(1−β2ᵗ)), and clipping that scales the gradients by limit/‖g‖ when ‖g‖ exceeds the limit. The moments are kept
/// per trainable tensor and read and written in the managed layout, so checkpoints hold the same state for both engines.
/// </summary>
internal sealed class TorchAdam : IDisposable
{
    private const float Beta1 = 0.9f;
    private const float Beta2 = 0.999f;
    private const float Epsilon = 1e-8f;
    private readonly Tensor[] parameters;
    private readonly float learningRate;

    /// <summary>Adam over the trainable tensors of <paramref name="map"/>, with zero moments.</summary>
    public TorchAdam(ParameterMap map, float learningRate)
    {
        parameters = [.. map.Trainable];
        FirstMoment = map.ZerosLikeTrainable();
        SecondMoment = map.ZerosLikeTrainable();
        this.learningRate = learningRate;
    }

    /// <summary>Updates taken so far.</summary>
    public int Steps { get; private set; }

    /// <summary>First moment estimates, one tensor per trainable tensor.</summary>
    public ParameterMap FirstMoment { get; }

    /// <summary>Second moment estimates, one tensor per trainable tensor.</summary>
    public ParameterMap SecondMoment { get; }

    /// <summary>Sets the update count (for resuming; the moments load through <see cref="FirstMoment"/> and <see cref="SecondMoment"/>).</summary>
    public void Restore(int steps) => Steps = steps;

    /// <summary>Scales the gradients down to norm <paramref name="maxNorm"/> when their global norm exceeds it (≤ 0: no clipping).</summary>
    public void ClipByGlobalNorm(float maxNorm)
    {
        if (maxNorm <= 0)
        {
            return;
        }

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var gradients = parameters.Select(p => p.grad).OfType<Tensor>().ToArray();
        var norm = stack(gradients.Select(g => g.square().sum()).ToArray()).sum().sqrt();
        var scale = (maxNorm / norm).clamp_max(1.0);
        foreach (var gradient in gradients)
        {
            gradient.mul_(scale);
        }
    }

    /// <summary>One update from the gradients on the tensors: p -= lr · m̂ / (√v̂ + ε).</summary>
    public void Update()
    {
        Steps++;
        float correction1 = 1f - MathF.Pow(Beta1, Steps);
        float correction2 = 1f - MathF.Pow(Beta2, Steps);
        float stepSize = learningRate * MathF.Sqrt(correction2) / correction1;
        float scaledEpsilon = Epsilon * MathF.Sqrt(correction2);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var first = FirstMoment.Tensors;
        var second = SecondMoment.Tensors;
        for (int i = 0; i < parameters.Length; i++)
        {
            // A tensor the batch did not reach has no gradient: as in the managed update, it counts as zero.
            var gradient = parameters[i].grad ?? zeros_like(parameters[i]);
            first[i].mul_(Beta1).add_(gradient, alpha: 1f - Beta1);
            second[i].mul_(Beta2).addcmul_(gradient, gradient, value: 1f - Beta2);
            parameters[i].addcdiv_(first[i], second[i].sqrt().add_(scaledEpsilon), value: -stepSize);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        FirstMoment.Dispose();
        SecondMoment.Dispose();
    }
}
