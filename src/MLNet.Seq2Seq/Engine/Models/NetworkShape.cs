using MLNet.Seq2Seq.Trainers;

namespace MLNet.Seq2Seq.Engine.Models;

/// <summary>The sizes and structure that fix a network's parameter layout.</summary>
internal sealed record NetworkShape(
    int SourceVocabularySize,
    int TargetVocabularySize,
    int EmbeddingSize,
    int HiddenSize,
    int Layers,
    DecoderForm Decoder,
    ContextKind Context,
    float Dropout,
    AttentionScoring Attention = AttentionScoring.Additive,
    bool InputFeeding = false)
{
    /// <summary>Whether the decoder starts from the encoder's final state.</summary>
    public bool DecoderStartsFromContext => Decoder is DecoderForm.Plain or DecoderForm.Peeky or DecoderForm.Attention;

    /// <summary>Whether the decoder's steps read the previous token.</summary>
    public bool DecoderReadsTokens => Decoder != DecoderForm.ContextOnly;

    /// <summary>Whether the decoder attends over the encoder states.</summary>
    public bool HasAttention => Decoder == DecoderForm.Attention;

    /// <summary>Whether the first decoder layer also reads the previous step's attentional vector.</summary>
    public bool FeedsAttention => HasAttention && InputFeeding;

    /// <summary>Width of the first decoder layer's per-step input: the embedding, plus the attentional vector with input feeding.</summary>
    public int DecoderInputSize => (DecoderReadsTokens ? EmbeddingSize : 0) + (FeedsAttention ? HiddenSize : 0);

    /// <summary>Width of the context each decoder layer receives as a static input at every step (0 for none).</summary>
    public int DecoderStaticSize(int layer) => Decoder switch
    {
        DecoderForm.Peeky => HiddenSize,
        DecoderForm.ContextOnly or DecoderForm.ContextEveryStep when layer == 0 => HiddenSize,
        _ => 0,
    };
}
