using MLNet.Seq2Seq.Engine.Kernels;
using MLNet.Seq2Seq.Engine.Layers;
using MLNet.Seq2Seq.Trainers;

namespace MLNet.Seq2Seq.Engine.Models;

/// <summary>
/// The encoder-decoder's structure and parameters: source embedding [Vs, E] → encoder LSTM or GRU layers (optionally
/// bidirectional, with learned bridges from 2H to H) → context (top layer's final h [B, H]) → target embedding [Vt, E]
/// → decoder LSTM or GRU layers → output projection [H, Vt] (+ [H, Vt] for the context in the peeky form; in the
/// attention form the projection reads the attentional vector, see <see cref="AttentionLayer"/>). Holds no per-batch
/// state: passes run in a <see cref="NetworkWorkspace"/>.
/// </summary>
internal sealed class Seq2SeqNetwork
{
    /// <summary>Builds the layer structure and registers parameters (zeros until <see cref="Initialize"/> or loading).</summary>
    public Seq2SeqNetwork(NetworkShape shape)
    {
        Shape = shape;
        int e = shape.EmbeddingSize, h = shape.HiddenSize;
        SourceEmbedding = Parameters.Add("encoder.embedding", shape.SourceVocabularySize, e);
        string cell = shape.Cell == RecurrentCell.Gru ? "gru" : "lstm";
        EncoderLayers = Enumerable.Range(0, shape.Layers)
            .Select(l => CreateLayer(shape.Cell, $"encoder.{cell}{l}", l == 0 ? e : shape.EncoderOutputSize, h, 0)).ToArray();
        EncoderBackwardLayers = shape.Bidirectional
            ? Enumerable.Range(0, shape.Layers)
                .Select(l => CreateLayer(shape.Cell, $"encoder.{cell}{l}.backward", l == 0 ? e : shape.EncoderOutputSize, h, 0)).ToArray()
            : [];
        HiddenBridges = new StateBridge?[shape.Layers];
        CellBridges = new StateBridge?[shape.Layers];
        for (int l = 0; l < shape.Layers && shape.Bidirectional; l++)
        {
            if (l == shape.Layers - 1 || shape.DecoderStartsFromContext)
            {
                HiddenBridges[l] = new StateBridge(Parameters, $"encoder.bridge{l}.hidden", 2 * h, h, squashed: true);
            }

            if (shape.DecoderStartsFromCell)
            {
                CellBridges[l] = new StateBridge(Parameters, $"encoder.bridge{l}.cell", 2 * h, h, squashed: false);
            }
        }

        TargetEmbedding = shape.DecoderReadsTokens ? Parameters.Add("decoder.embedding", shape.TargetVocabularySize, e) : null;
        DecoderLayers = Enumerable.Range(0, shape.Layers)
            .Select(l => CreateLayer(shape.Cell, $"decoder.{cell}{l}", l == 0 ? shape.DecoderInputSize : h, h, shape.DecoderStaticSize(l)))
            .ToArray();
        OutputWeight = Parameters.Add("decoder.output.weight", h, shape.TargetVocabularySize);
        OutputBias = Parameters.Add("decoder.output.bias", shape.TargetVocabularySize);
        OutputContextWeight = shape.Decoder == DecoderForm.Peeky
            ? Parameters.Add("decoder.output.context_weight", h, shape.TargetVocabularySize)
            : null;
        Attention = shape.HasAttention ? new AttentionLayer(Parameters, "decoder.attention", h, shape.Attention) : null;
    }

    /// <summary>Sizes and structure.</summary>
    public NetworkShape Shape { get; }

    /// <summary>All trainable tensors.</summary>
    public ParameterSet Parameters { get; } = new();

    /// <summary>[Vs, E].</summary>
    public Parameter SourceEmbedding { get; }

    /// <summary>Encoder layers, bottom first (the forward direction when bidirectional).</summary>
    public IRecurrentLayer[] EncoderLayers { get; }

    /// <summary>The bidirectional encoder's backward-direction layers, bottom first; empty when unidirectional.</summary>
    public IRecurrentLayer[] EncoderBackwardLayers { get; }

    /// <summary>
    /// Per encoder layer, the bidirectional encoder's projection of its final [forward; backward] hidden states to H
    /// (the top one also projects the per-step outputs into the attention memory); null where nothing reads that
    /// layer's state or the encoder is unidirectional.
    /// </summary>
    public StateBridge?[] HiddenBridges { get; }

    /// <summary>Per encoder layer, the bidirectional encoder's projection of its final cell states; null where unused.</summary>
    public StateBridge?[] CellBridges { get; }

    /// <summary>[Vt, E], or null when the decoder does not read tokens.</summary>
    public Parameter? TargetEmbedding { get; }

    /// <summary>Decoder layers, bottom first.</summary>
    public IRecurrentLayer[] DecoderLayers { get; }

    /// <summary>[H, Vt]: top decoder state to logits.</summary>
    public Parameter OutputWeight { get; }

    /// <summary>[Vt].</summary>
    public Parameter OutputBias { get; }

    /// <summary>[H, Vt]: context to logits (peeky form only).</summary>
    public Parameter? OutputContextWeight { get; }

    /// <summary>Attention over the encoder states (attention form only).</summary>
    public AttentionLayer? Attention { get; }

    /// <summary>Draws initial values deterministically from <paramref name="seed"/>.</summary>
    public void Initialize(ulong seed)
    {
        var values = Parameters.Values;
        Array.Clear(values);
        foreach (var embedding in new[] { SourceEmbedding, TargetEmbedding })
        {
            if (embedding is null)
            {
                continue;
            }

            var w = embedding.Of(values);
            for (int i = 0; i < w.Length; i++)
            {
                w[i] = CounterRandom.Normal(seed, (ulong)embedding.Offset, (ulong)i);
            }
        }

        foreach (var layer in EncoderLayers.Concat(EncoderBackwardLayers).Concat(DecoderLayers))
        {
            layer.Initialize(values, seed);
        }

        Attention?.Initialize(values, seed);

        foreach (var bridge in HiddenBridges.Concat(CellBridges))
        {
            bridge?.Initialize(values, seed);
        }

        float bound = 1f / MathF.Sqrt(Shape.HiddenSize * (OutputContextWeight is null ? 1 : 2));
        foreach (var p in new[] { OutputWeight, OutputContextWeight })
        {
            if (p is null)
            {
                continue;
            }

            var w = p.Of(values);
            for (int i = 0; i < w.Length; i++)
            {
                w[i] = (2f * CounterRandom.Uniform(seed, (ulong)p.Offset, (ulong)i) - 1f) * bound;
            }
        }
    }

    private IRecurrentLayer CreateLayer(RecurrentCell cell, string name, int inputSize, int hiddenSize, int staticSize) => cell switch
    {
        RecurrentCell.Gru => new GruLayer(Parameters, name, inputSize, hiddenSize, staticSize),
        _ => new LstmLayer(Parameters, name, inputSize, hiddenSize, staticSize),
    };
}
