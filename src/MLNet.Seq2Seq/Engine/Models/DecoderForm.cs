namespace MLNet.Seq2Seq.Trainers;

/// <summary>How the decoder takes the encoder's context (the forms described in the seed documents).</summary>
public enum DecoderForm
{
    /// <summary>The context is the decoder's initial state; each step's input is the previous token.</summary>
    Plain,

    /// <summary>Each step's input is the context alone (no previous token); the decoder starts from a zero state.</summary>
    ContextOnly,

    /// <summary>Each step's input is the previous token and the context; the decoder starts from a zero state.</summary>
    ContextEveryStep,

    /// <summary>
    /// The context is the initial state and is also concatenated to every LSTM layer's input and to the output
    /// projection's input at every step ("peeky").
    /// </summary>
    Peeky,

    /// <summary>
    /// Global attention: the context is the initial state, and at every step the decoder weighs all encoder states
    /// (softmax over the real source positions, scored per <see cref="AttentionScoring"/>); their weighted sum and the
    /// decoder state give the attentional vector tanh(Wc·[context; h] + b) that the output projection reads and,
    /// with input feeding, the next step's input.
    /// </summary>
    Attention,
}
