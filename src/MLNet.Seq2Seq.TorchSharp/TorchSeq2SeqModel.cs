using MLNet.Seq2Seq.Decoding;
using MLNet.Seq2Seq.Engine.Models;
using MLNet.Seq2Seq.TorchSharp.Networks;

namespace MLNet.Seq2Seq.TorchSharp;

/// <summary>
/// The managed engine's encoder-decoder on libtorch, driven through the managed layout: parameters go in and out as
/// the flat vector of a <see cref="Seq2SeqNetwork"/> of the same shape (same names, shapes and order), so weights move
/// between the engines; a batch's loss comes with its gradients in that layout, and batches decode greedily.
/// </summary>
internal sealed class TorchSeq2SeqModel : IDisposable
{
    private readonly TorchNetwork network;

    /// <summary>Builds the network for <paramref name="shape"/> on <paramref name="device"/> ("cpu", "cuda" or "cuda:N"), with zero weights.</summary>
    public TorchSeq2SeqModel(NetworkShape shape, string device = "cpu")
    {
        network = new TorchNetwork(shape, TorchDevice.Parse(device));
    }

    /// <summary>Number of scalars in the managed layout.</summary>
    public int ParameterCount => network.Layout.Parameters.Count;

    /// <summary>Sets every weight from <paramref name="values"/>, laid out like a <see cref="Seq2SeqNetwork"/>'s parameter set.</summary>
    public void LoadParameters(float[] values)
    {
        CheckLength(values, nameof(values));
        network.Parameters.Load(values);
    }

    /// <summary>Writes every weight into <paramref name="values"/>, laid out like a <see cref="Seq2SeqNetwork"/>'s parameter set.</summary>
    public void ReadParameters(float[] values)
    {
        CheckLength(values, nameof(values));
        network.Parameters.Read(values);
    }

    /// <summary>
    /// The mean token cross-entropy of a batch (start key, target keys, end key; as the managed trainer normalizes
    /// it), with its gradients written into <paramref name="gradients"/> in the managed layout. Below a
    /// <paramref name="teacherForcingRatio"/> of 1 a step reads the decoder's own previous prediction instead of the
    /// ground truth, drawn from <paramref name="samplingSeed"/> and each row's key in <paramref name="rowKeys"/> as the
    /// managed trainer draws it. Dropout (the shape's rate) applies, drawn by libtorch.
    /// </summary>
    public double LossAndGradients(IReadOnlyList<int[]> sources, IReadOnlyList<int[]> targets, int startKey, int endKey, float[] gradients,
        float teacherForcingRatio = 1f, ulong samplingSeed = 0, IReadOnlyList<ulong>? rowKeys = null)
    {
        CheckLength(gradients, nameof(gradients));
        double loss = TorchTrainingPass.Run(network, sources, targets, startKey, endKey, teacherForcingRatio, samplingSeed, rowKeys);
        network.Parameters.ReadGradients(gradients);
        return loss;
    }

    /// <summary>Greedy decoding of a batch, each row up to <paramref name="maxOutputLength"/> keys.</summary>
    public DecodedSequence[] DecodeGreedy(IReadOnlyList<int[]> sources, int startKey, int endKey, int maxOutputLength) =>
        TorchGreedyDecoder.Decode(network, sources, startKey, endKey, maxOutputLength);

    /// <inheritdoc />
    public void Dispose() => network.Dispose();

    private void CheckLength(float[] buffer, string name)
    {
        if (buffer.Length != ParameterCount)
        {
            throw new ArgumentException($"Expected {ParameterCount} values in the managed layout; got {buffer.Length}.", name);
        }
    }
}
