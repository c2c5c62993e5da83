using MLNet.Seq2Seq.Engine.Models;
using static TorchSharp.torch;

namespace MLNet.Seq2Seq.TorchSharp.Networks;

/// <summary>
/// The managed engine's encoder-decoder (<see cref="Seq2SeqNetwork"/>) built from libtorch tensors and modules on one
/// device: every recurrent layer is a libtorch nn.LSTM or nn.GRU, everything else plain tensors in the managed layout.
/// <see cref="Parameters"/> maps all of them to the managed flat parameter vector, one to one.
/// </summary>
internal sealed class TorchNetwork : IDisposable
{
    /// <summary>Builds the network for <paramref name="shape"/> on <paramref name="device"/>, with zero weights.</summary>
    public TorchNetwork(NetworkShape shape, Device device)
    {
        Shape = shape;
        Device = device;
        Layout = new Seq2SeqNetwork(shape);
        SourceEmbedding = Create(Layout.SourceEmbedding, device, Parameters)!;
        EncoderLayers = Layout.EncoderLayers
            .Select((layer, l) => new RecurrentModule(layer, shape.Bidirectional ? Layout.EncoderBackwardLayers[l] : null, device, Parameters))
            .ToArray();
        HiddenBridges = Layout.HiddenBridges.Select(b => Bridge(b, device)).ToArray();
        CellBridges = Layout.CellBridges.Select(b => Bridge(b, device)).ToArray();
        TargetEmbedding = Create(Layout.TargetEmbedding, device, Parameters);
        DecoderLayers = Layout.DecoderLayers.Select(layer => new RecurrentModule(layer, null, device, Parameters)).ToArray();
        OutputWeight = Create(Layout.OutputWeight, device, Parameters)!;
        OutputBias = Create(Layout.OutputBias, device, Parameters)!;
        OutputContextWeight = Create(Layout.OutputContextWeight, device, Parameters);
        Attention = Layout.Attention is { } attention ? new TorchAttention(attention, device, Parameters) : null;
    }

    /// <summary>Sizes and structure.</summary>
    public NetworkShape Shape { get; }

    /// <summary>Where the tensors live.</summary>
    public Device Device { get; }

    /// <summary>The managed network of the same shape, whose parameter set fixes the names and the flat layout.</summary>
    public Seq2SeqNetwork Layout { get; }

    /// <summary>Every tensor of the network against the managed layout.</summary>
    public ParameterMap Parameters { get; } = new();

    /// <summary>[Vs, E].</summary>
    public Tensor SourceEmbedding { get; }

    /// <summary>Encoder layers, bottom first (both directions in one module when bidirectional).</summary>
    public RecurrentModule[] EncoderLayers { get; }

    /// <summary>Per encoder layer, the bidirectional hidden bridge (W [2H, H], b [H]; tanh), or null.</summary>
    public (Tensor Weight, Tensor Bias)?[] HiddenBridges { get; }

    /// <summary>Per encoder layer, the bidirectional cell bridge (W [2H, H], b [H]; linear), or null.</summary>
    public (Tensor Weight, Tensor Bias)?[] CellBridges { get; }

    /// <summary>[Vt, E], or null when the decoder does not read tokens.</summary>
    public Tensor? TargetEmbedding { get; }

    /// <summary>Decoder layers, bottom first; a layer with a static input reads [input; context].</summary>
    public RecurrentModule[] DecoderLayers { get; }

    /// <summary>[H, Vt].</summary>
    public Tensor OutputWeight { get; }

    /// <summary>[Vt].</summary>
    public Tensor OutputBias { get; }

    /// <summary>[H, Vt] for the peeky form's context, or null.</summary>
    public Tensor? OutputContextWeight { get; }

    /// <summary>The attention form's attention, or null.</summary>
    public TorchAttention? Attention { get; }

    /// <summary>A zero tensor shaped like <paramref name="parameter"/> on <paramref name="device"/>, mapped one to one; null for null.</summary>
    public static Tensor? Create(Parameter? parameter, Device device, ParameterMap map)
    {
        if (parameter is null)
        {
            return null;
        }

        var tensor = zeros(parameter.Shape.Select(d => (long)d).ToArray(), device: device);
        map.Add(tensor, ParameterIndices.Same(parameter));
        return tensor;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var layer in EncoderLayers.Concat(DecoderLayers))
        {
            layer.Dispose();
        }

        Parameters.Dispose();
    }

    private (Tensor Weight, Tensor Bias)? Bridge(Engine.Layers.StateBridge? bridge, Device device) =>
        bridge is null ? null : (Create(bridge.Weight, device, Parameters)!, Create(bridge.Bias, device, Parameters)!);
}
