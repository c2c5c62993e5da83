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
    float Dropout)
{
    /// <summary>Whether the decoder starts from the encoder's final state.</summary>
    public bool DecoderStartsFromContext => Decoder is DecoderForm.Plain or DecoderForm.Peeky;

    /// <summary>Whether the decoder's steps read the previous token.</summary>
    public bool DecoderReadsTokens => Decoder != DecoderForm.ContextOnly;

    /// <summary>Width of the context each decoder layer receives as a static input at every step (0 for none).</summary>
    public int DecoderStaticSize(int layer) => Decoder switch
    {
        DecoderForm.Peeky => HiddenSize,
        DecoderForm.ContextOnly or DecoderForm.ContextEveryStep when layer == 0 => HiddenSize,
        _ => 0,
    };
}
