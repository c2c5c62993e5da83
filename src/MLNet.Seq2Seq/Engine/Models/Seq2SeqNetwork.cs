using MLNet.Seq2Seq.Engine.Kernels;
using MLNet.Seq2Seq.Engine.Layers;
using MLNet.Seq2Seq.Trainers;

namespace MLNet.Seq2Seq.Engine.Models;

/// <summary>
/// The encoder-decoder's structure and parameters: source embedding [Vs, E] → encoder LSTM layers → context (top
/// layer's final h [B, H]) → target embedding [Vt, E] → decoder LSTM layers → output projection [H, Vt] (+ [H, Vt] for
/// the context in the peeky form; in the attention form the projection reads the attentional vector, see <see cref="AttentionLayer"/>). Holds no per-batch state: passes run in a <see cref="NetworkWorkspace"/>.
/// </summary>
internal sealed class Seq2SeqNetwork
{
    /// <summary>Builds the layer structure and registers parameters (zeros until <see cref="Initialize"/> or loading).</summary>
    public Seq2SeqNetwork(NetworkShape shape)
    {
        Shape = shape;
        int e = shape.EmbeddingSize, h = shape.HiddenSize;
        SourceEmbedding = Parameters.Add("encoder.embedding", shape.SourceVocabularySize, e);
        EncoderLayers = Enumerable.Range(0, shape.Layers)
            .Select(l => new LstmLayer(Parameters, $"encoder.lstm{l}", l == 0 ? e : h, h, 0)).ToArray();
        TargetEmbedding = shape.DecoderReadsTokens ? Parameters.Add("decoder.embedding", shape.TargetVocabularySize, e) : null;
        DecoderLayers = Enumerable.Range(0, shape.Layers)
            .Select(l => new LstmLayer(Parameters, $"decoder.lstm{l}", l == 0 ? shape.DecoderInputSize : h, h, shape.DecoderStaticSize(l)))
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

    /// <summary>Encoder layers, bottom first.</summary>
    public LstmLayer[] EncoderLayers { get; }

    /// <summary>[Vt, E], or null when the decoder does not read tokens.</summary>
    public Parameter? TargetEmbedding { get; }

    /// <summary>Decoder layers, bottom first.</summary>
    public LstmLayer[] DecoderLayers { get; }

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

        foreach (var layer in EncoderLayers.Concat(DecoderLayers))
        {
            layer.Initialize(values, seed);
        }

        Attention?.Initialize(values, seed);
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
}
