using TorchSharp;
using static TorchSharp.torch;

namespace MLNet.Seq2Seq.TorchSharp.Networks;

/// <summary>
/// Maps the managed engine's flat parameter vector (the layout of <see cref="Engine.Models.ParameterSet"/>) onto
/// libtorch tensors: for each tensor, the managed index of every one of its elements (row-major), or -1 where the
/// element has no managed counterpart and stays zero (such tensors are frozen). Values go both ways, gradients from
/// libtorch to the managed layout.
/// </summary>
internal sealed class ParameterMap : IDisposable
{
    private readonly List<(Tensor Tensor, int[] Indices)> entries = [];

    /// <summary>The tensors that take gradients.</summary>
    public IEnumerable<Tensor> Trainable => entries.Select(e => e.Tensor).Where(t => t.requires_grad);

    /// <summary>
    /// Adds <paramref name="tensor"/> whose element k holds managed value <paramref name="indices"/>[k]; a tensor with
    /// no mapped element at all is frozen (it keeps zeros and takes no gradient).
    /// </summary>
    public void Add(Tensor tensor, int[] indices)
    {
        if (indices.Length != tensor.numel())
        {
            throw new ArgumentException($"{indices.Length} indices for a tensor of {tensor.numel()} elements.", nameof(indices));
        }

        tensor.DetachFromDisposeScope();
        tensor.requires_grad_(indices.Any(i => i >= 0));
        entries.Add((tensor, indices));
    }

    /// <summary>Copies <paramref name="values"/> (managed layout) into the tensors.</summary>
    public void Load(float[] values)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (var (tensor, indices) in entries)
        {
            var data = new float[indices.Length];
            for (int k = 0; k < data.Length; k++)
            {
                data[k] = indices[k] >= 0 ? values[indices[k]] : 0f;
            }

            tensor.copy_(torch.tensor(data, tensor.shape));
        }
    }

    /// <summary>Copies the tensors' values into <paramref name="values"/> (managed layout).</summary>
    public void Read(float[] values)
    {
        using var scope = NewDisposeScope();
        foreach (var (tensor, indices) in entries)
        {
            Scatter(tensor, indices, values);
        }
    }

    /// <summary>Writes the tensors' gradients into <paramref name="gradients"/> (managed layout; zeros where none).</summary>
    public void ReadGradients(float[] gradients)
    {
        using var scope = NewDisposeScope();
        Array.Clear(gradients);
        foreach (var (tensor, indices) in entries)
        {
            if (tensor.grad is { } grad)
            {
                Scatter(grad, indices, gradients);
            }
        }
    }

    /// <summary>
    /// A map of new zero tensors, one per trainable tensor of this map (in the order of <see cref="Trainable"/>), mapped
    /// to the same managed indices and taking no gradient: optimizer state laid out like the weights.
    /// </summary>
    public ParameterMap ZerosLikeTrainable()
    {
        var map = new ParameterMap();
        foreach (var (tensor, indices) in entries.Where(e => e.Tensor.requires_grad))
        {
            var state = zeros_like(tensor, requires_grad: false);
            state.DetachFromDisposeScope();
            map.entries.Add((state, indices));
        }

        return map;
    }

    /// <summary>Every tensor of the map, in the order they were added.</summary>
    public IReadOnlyList<Tensor> Tensors => entries.ConvertAll(e => e.Tensor);

    /// <summary>Drops every tensor's gradient, so the next backward starts from zero.</summary>
    public void ClearGradients()
    {
        foreach (var tensor in Trainable)
        {
            tensor.grad = null;
        }
    }

    /// <summary>Every managed index each tensor element maps to, for checks of the layout.</summary>
    public IEnumerable<int> MappedIndices => entries.SelectMany(e => e.Indices).Where(i => i >= 0);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var (tensor, _) in entries)
        {
            tensor.Dispose();
        }

        entries.Clear();
    }

    private static void Scatter(Tensor source, int[] indices, float[] target)
    {
        var data = source.detach().cpu().contiguous().data<float>().ToArray();
        for (int k = 0; k < data.Length; k++)
        {
            if (indices[k] >= 0)
            {
                target[indices[k]] = data[k];
            }
        }
    }
}
