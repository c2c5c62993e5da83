namespace MLNet.Seq2Seq.Trainers;

/// <summary>How the <see cref="DecoderForm.Attention"/> decoder scores each encoder state against its current state.</summary>
public enum AttentionScoring
{
    /// <summary>Bahdanau's additive score v·tanh(W1·h + W2·m): a small feed-forward layer over both states.</summary>
    Additive,

    /// <summary>Luong's dot score h·m: no parameters.</summary>
    Dot,

    /// <summary>Luong's general score h·(Wa·m): a bilinear form.</summary>
    General,
}
