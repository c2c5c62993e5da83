using MLNet.Seq2Seq.Engine.Kernels;
using MLNet.Seq2Seq.Engine.Layers;

namespace MLNet.Seq2Seq.Engine.Models;

/// <summary>
/// Everything one batch chunk needs between forward and backward: tokens (time-major), lengths, each layer's
/// activations, dropout masks, logits and gradient scratch. Buffers grow to the largest chunk seen and are reused.
/// One workspace serves one thread at a time.
/// </summary>
internal sealed class NetworkWorkspace
{
    private readonly NetworkShape shape;

    /// <summary>Creates buffers for <paramref name="network"/>'s shapes.</summary>
    public NetworkWorkspace(Seq2SeqNetwork network)
    {
        Network = network;
        shape = network.Shape;
        Encoder = network.EncoderLayers.Select(l => l.CreateActivations()).ToArray();
        Decoder = network.DecoderLayers.Select(l => l.CreateActivations()).ToArray();
        Attention = network.Attention?.CreateActivations(shape.FeedsAttention ? shape.DecoderInputSize : 0);
        Bidirectional = shape.Bidirectional ? new BidirectionalBuffers(network) : null;
        EncoderMasks = new float[shape.Layers][];
        DecoderMasks = new float[shape.Layers][];
        EncoderDropped = new float[shape.Layers][];
        DecoderDropped = new float[shape.Layers][];
        FinalHiddenGradients = new float[shape.Layers][];
        FinalCellGradients = new float[shape.Layers][];
        for (int l = 0; l < shape.Layers; l++)
        {
            EncoderMasks[l] = EncoderDropped[l] = DecoderMasks[l] = DecoderDropped[l] = [];
            FinalHiddenGradients[l] = FinalCellGradients[l] = [];
        }
    }

    /// <summary>The network these buffers are shaped for.</summary>
    public Seq2SeqNetwork Network { get; }

    /// <summary>
    /// The first encoder layer's <see cref="InputGateTable"/> (its forward direction's), which single-row chunks then use;
    /// null until <see cref="UseInputGateTables"/>, and where the layer cannot have one.
    /// </summary>
    public InputGateTable? SourceGateTable { get; private set; }

    /// <summary>The first decoder layer's <see cref="InputGateTable"/>, as <see cref="SourceGateTable"/> for the encoder.</summary>
    public InputGateTable? TargetGateTable { get; private set; }

    /// <summary>
    /// Computes <see cref="SourceGateTable"/> and <see cref="TargetGateTable"/> from the network's current values, for
    /// the first layers that are LSTMs reading only an embedding (not a decoder with input feeding). Only for decoding
    /// a network whose values no longer change: the tables keep the values they were computed from.
    /// </summary>
    public void UseInputGateTables()
    {
        var values = Network.Parameters.Values;
        SourceGateTable = Network.EncoderLayers[0] is LstmLayer encoder ? InputGateTable.TryCreate(values, Network.SourceEmbedding, encoder) : null;
        TargetGateTable = Network.TargetEmbedding is { } embedding && !shape.FeedsAttention && Network.DecoderLayers[0] is LstmLayer decoder
            ? InputGateTable.TryCreate(values, embedding, decoder)
            : null;
    }

    /// <summary>Rows in the chunk.</summary>
    public int Batch { get; private set; }

    /// <summary>Ts: encoder steps (longest source in the chunk).</summary>
    public int SourceSteps { get; private set; }

    /// <summary>Td: decoder steps.</summary>
    public int TargetSteps { get; private set; }

    /// <summary>[Ts, B] source keys; positions past a row's length hold padding.</summary>
    public int[] SourceTokens { get; private set; } = [];

    /// <summary>[B] real source lengths.</summary>
    public int[] SourceLengths { get; private set; } = [];

    /// <summary>[Td, B] the token each decoder step reads (start key at step 0).</summary>
    public int[] DecoderInputs { get; private set; } = [];

    /// <summary>[Td, B] the key each decoder step should predict (target keys, then the end key).</summary>
    public int[] Labels { get; private set; } = [];

    /// <summary>[B] decoder steps that count for each row (target length + 1 for the end key).</summary>
    public int[] DecoderLengths { get; private set; } = [];

    /// <summary>[B] a stable identity per row (e.g. epoch and example index) that keys its random draws.</summary>
    public ulong[] RowKeys { get; private set; } = [];

    /// <summary>[B] scratch flags: which rows count at the current step.</summary>
    public bool[] Active { get; private set; } = [];

    /// <summary>Per encoder layer activations.</summary>
    public IRecurrentActivations[] Encoder { get; }

    /// <summary>Per decoder layer activations.</summary>
    public IRecurrentActivations[] Decoder { get; }

    /// <summary>The bidirectional encoder's extra buffers; null when the encoder is unidirectional.</summary>
    public BidirectionalBuffers? Bidirectional { get; }

    /// <summary>Attention activations (attention form only).</summary>
    public AttentionActivations? Attention { get; }

    /// <summary>[Ts, B, H] gradient of the encoder's memory (its top layer's per-step outputs) from attention.</summary>
    public float[] MemoryGradients { get; private set; } = [];

    /// <summary>[Ts, B, E] embedded source tokens.</summary>
    public float[] SourceEmbedded { get; private set; } = [];

    /// <summary>[Td, B, E] embedded decoder input tokens.</summary>
    public float[] TargetEmbedded { get; private set; } = [];

    /// <summary>Per encoder layer [Ts, B, D] dropout masks on that layer's input.</summary>
    public float[][] EncoderMasks { get; }

    /// <summary>Per encoder layer [Ts, B, D] the layer's input after dropout.</summary>
    public float[][] EncoderDropped { get; }

    /// <summary>Per decoder layer [Td, B, D] dropout masks on that layer's input.</summary>
    public float[][] DecoderMasks { get; }

    /// <summary>Per decoder layer [Td, B, D] the layer's input after dropout.</summary>
    public float[][] DecoderDropped { get; }

    /// <summary>[B, Vt] the part of the logits that is the same at every step (bias, plus the peeky context term).</summary>
    public float[] OutputStatic { get; private set; } = [];

    /// <summary>[Td, B, Vt] logits.</summary>
    public float[] Logits { get; private set; } = [];

    /// <summary>[Td, B, Vt] loss gradient with respect to the logits.</summary>
    public float[] LogitGradients { get; private set; } = [];

    /// <summary>[B, Vt] logit gradients summed over steps.</summary>
    public float[] LogitGradientSum { get; private set; } = [];

    /// <summary>[Td, B, H] gradient of the top decoder layer's outputs.</summary>
    public float[] TopHiddenGradients { get; private set; } = [];

    /// <summary>[T, B, max(E, H)] (max(E, 2H) when bidirectional) first ping-pong buffer for gradients flowing down the layers.</summary>
    public float[] InputGradientsA { get; private set; } = [];

    /// <summary>[T, B, max(E, H)] (max(E, 2H) when bidirectional) second ping-pong buffer for gradients flowing down the layers.</summary>
    public float[] InputGradientsB { get; private set; } = [];

    /// <summary>Per layer [B, H] gradient of the encoder's final hidden state.</summary>
    public float[][] FinalHiddenGradients { get; }

    /// <summary>Per layer [B, H] gradient of the encoder's final cell state.</summary>
    public float[][] FinalCellGradients { get; }

    /// <summary>[B, H] gradient of the context from its static uses (peeky and context-input forms).</summary>
    public float[] ContextGradient { get; private set; } = [];

    /// <summary>Sizes everything for a chunk; token and length arrays are then filled by the caller.</summary>
    public void Prepare(int batch, int sourceSteps, int targetSteps)
    {
        Batch = batch;
        SourceSteps = sourceSteps;
        TargetSteps = targetSteps;
        int e = shape.EmbeddingSize, h = shape.HiddenSize, v = shape.TargetVocabularySize;
        int widest = Math.Max(Math.Max(e, shape.EncoderOutputSize), shape.DecoderInputSize), longest = Math.Max(sourceSteps, targetSteps);
        SourceTokens = Buffers.Grow(SourceTokens, sourceSteps * batch);
        SourceLengths = Buffers.Grow(SourceLengths, batch);
        DecoderInputs = Buffers.Grow(DecoderInputs, targetSteps * batch);
        Labels = Buffers.Grow(Labels, targetSteps * batch);
        DecoderLengths = Buffers.Grow(DecoderLengths, batch);
        RowKeys = Buffers.Grow(RowKeys, batch);
        Active = Buffers.Grow(Active, batch);
        SourceEmbedded = Buffers.Grow(SourceEmbedded, sourceSteps * batch * e);
        TargetEmbedded = Buffers.Grow(TargetEmbedded, targetSteps * batch * e);
        OutputStatic = Buffers.Grow(OutputStatic, batch * v);
        Logits = Buffers.Grow(Logits, targetSteps * batch * v);
        LogitGradients = Buffers.Grow(LogitGradients, targetSteps * batch * v);
        LogitGradientSum = Buffers.Grow(LogitGradientSum, batch * v);
        TopHiddenGradients = Buffers.Grow(TopHiddenGradients, targetSteps * batch * h);
        InputGradientsA = Buffers.Grow(InputGradientsA, longest * batch * widest);
        InputGradientsB = Buffers.Grow(InputGradientsB, longest * batch * widest);
        ContextGradient = Buffers.Grow(ContextGradient, batch * h);
        MemoryGradients = Buffers.Grow(MemoryGradients, shape.HasAttention ? sourceSteps * batch * h : 0);
        Bidirectional?.Prepare(batch, sourceSteps);
        for (int l = 0; l < shape.Layers; l++)
        {
            FinalHiddenGradients[l] = Buffers.Grow(FinalHiddenGradients[l], batch * h);
            FinalCellGradients[l] = Buffers.Grow(FinalCellGradients[l], batch * h);
            if (shape.Dropout > 0)
            {
                int encIn = Network.EncoderLayers[l].InputSize, decIn = Network.DecoderLayers[l].InputSize;
                EncoderMasks[l] = Buffers.Grow(EncoderMasks[l], sourceSteps * batch * encIn);
                EncoderDropped[l] = Buffers.Grow(EncoderDropped[l], sourceSteps * batch * encIn);
                DecoderMasks[l] = Buffers.Grow(DecoderMasks[l], targetSteps * batch * decIn);
                DecoderDropped[l] = Buffers.Grow(DecoderDropped[l], targetSteps * batch * decIn);
            }
        }
    }

    /// <summary>Fills source tokens (time-major, padded with key 0) and lengths for the given rows.</summary>
    public void LoadSources(IReadOnlyList<int[]> sources, ReadOnlySpan<int> rows)
    {
        for (int r = 0; r < rows.Length; r++)
        {
            var source = sources[rows[r]];
            SourceLengths[r] = source.Length;
            for (int t = 0; t < SourceSteps; t++)
            {
                SourceTokens[t * Batch + r] = t < source.Length ? source[t] : 0;
            }
        }
    }
}
