namespace MLNet.Seq2Seq.Trainers;

/// <summary>Which encoder state initializes the decoder (for the decoder forms that start from the context).</summary>
public enum ContextKind
{
    /// <summary>Each decoder layer starts from the final hidden and cell state of the matching encoder layer.</summary>
    HiddenAndCell,

    /// <summary>Only the final hidden state is passed; decoder cell states start at zero.</summary>
    Hidden,
}
