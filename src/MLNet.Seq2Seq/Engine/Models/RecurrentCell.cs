namespace MLNet.Seq2Seq.Trainers;

/// <summary>The recurrent cell of every encoder and decoder layer.</summary>
public enum RecurrentCell
{
    /// <summary>Long short-term memory: a hidden and a cell state, four gates.</summary>
    Lstm,

    /// <summary>
    /// Gated recurrent unit: a hidden state only, three gates, about three quarters of the LSTM's weights. With
    /// <see cref="ContextKind.HiddenAndCell"/> the decoder starts from the encoder's hidden state alone, as there is no cell.
    /// </summary>
    Gru,
}
