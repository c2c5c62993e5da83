using MLNet.Seq2Seq.Engine.Kernels;
using MLNet.Seq2Seq.Engine.Layers;

namespace MLNet.Seq2Seq.Engine.Models;

/// <summary>
/// The part of a <see cref="NetworkWorkspace"/> that only a bidirectional encoder needs: the backward direction's
/// activations, each layer's concatenated outputs, the bridges' inputs and outputs, and backward scratch.
/// </summary>
internal sealed class BidirectionalBuffers
{
    private readonly Seq2SeqNetwork network;

    /// <summary>Creates buffers for <paramref name="network"/>'s shapes.</summary>
    public BidirectionalBuffers(Seq2SeqNetwork network)
    {
        this.network = network;
        int layers = network.Shape.Layers;
        Backward = network.EncoderBackwardLayers.Select(l => l.CreateActivations()).ToArray();
        Outputs = new float[layers][];
        FinalHidden = new float[layers][];
        FinalCell = new float[layers][];
        BridgedHidden = new float[layers][];
        BridgedCell = new float[layers][];
        for (int l = 0; l < layers; l++)
        {
            Outputs[l] = FinalHidden[l] = FinalCell[l] = BridgedHidden[l] = BridgedCell[l] = [];
        }
    }

    /// <summary>Per layer, the backward direction's activations; its step t reads source position length − 1 − t.</summary>
    public IRecurrentActivations[] Backward { get; }

    /// <summary>Per layer [Ts, B, 2H]: [forward; backward] outputs in source order; zeros in the backward half past a row's length.</summary>
    public float[][] Outputs { get; }

    /// <summary>[Ts, B, max(D)]: a layer's input reversed per row for the backward direction, then its input gradients.</summary>
    public float[] Reversed { get; private set; } = [];

    /// <summary>Per layer [B, 2H]: final [forward; backward] hidden states, the hidden bridge's input.</summary>
    public float[][] FinalHidden { get; }

    /// <summary>Per layer [B, 2H]: final [forward; backward] cell states, the cell bridge's input.</summary>
    public float[][] FinalCell { get; }

    /// <summary>Per layer [B, H]: the projected final hidden state the decoder reads.</summary>
    public float[][] BridgedHidden { get; }

    /// <summary>Per layer [B, H]: the projected final cell state the decoder reads.</summary>
    public float[][] BridgedCell { get; }

    /// <summary>[Ts, B, H]: the projected top-layer outputs, the attention memory.</summary>
    public float[] Memory { get; private set; } = [];

    /// <summary>[Ts, B, H]: gradient of the forward direction's per-step outputs.</summary>
    public float[] ForwardOutputGradients { get; private set; } = [];

    /// <summary>[Ts, B, H]: gradient of the backward direction's per-step outputs, in its own (reversed) step order.</summary>
    public float[] BackwardOutputGradients { get; private set; } = [];

    /// <summary>[Ts, B, H]: a bridge's output gradient, turned into its pre-activation gradient in place.</summary>
    public float[] BridgeGradient { get; private set; } = [];

    /// <summary>[B, 2H]: gradient of a bridge's input.</summary>
    public float[] FinalGradient { get; private set; } = [];

    /// <summary>[B, H] ×4: gradients of the forward and backward directions' final hidden and cell states.</summary>
    public float[][] DirectionFinalGradients { get; } = [[], [], [], []];

    /// <summary>Sizes everything for a chunk of <paramref name="batch"/> rows and <paramref name="steps"/> source steps.</summary>
    public void Prepare(int batch, int steps)
    {
        int h = network.Shape.HiddenSize, widest = Math.Max(network.Shape.EmbeddingSize, 2 * h);
        Reversed = Buffers.Grow(Reversed, steps * batch * widest);
        Memory = Buffers.Grow(Memory, steps * batch * h);
        ForwardOutputGradients = Buffers.Grow(ForwardOutputGradients, steps * batch * h);
        BackwardOutputGradients = Buffers.Grow(BackwardOutputGradients, steps * batch * h);
        BridgeGradient = Buffers.Grow(BridgeGradient, steps * batch * h);
        FinalGradient = Buffers.Grow(FinalGradient, batch * 2 * h);
        for (int i = 0; i < DirectionFinalGradients.Length; i++)
        {
            DirectionFinalGradients[i] = Buffers.Grow(DirectionFinalGradients[i], batch * h);
        }

        for (int l = 0; l < Outputs.Length; l++)
        {
            Outputs[l] = Buffers.Grow(Outputs[l], steps * batch * 2 * h);
            FinalHidden[l] = Buffers.Grow(FinalHidden[l], batch * 2 * h);
            FinalCell[l] = Buffers.Grow(FinalCell[l], batch * 2 * h);
            BridgedHidden[l] = Buffers.Grow(BridgedHidden[l], batch * h);
            BridgedCell[l] = Buffers.Grow(BridgedCell[l], batch * h);
        }
    }
}
