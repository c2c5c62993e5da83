namespace MLNet.Seq2Seq.Mapping;

/// <summary>
/// The names of the working columns inside a saved step (each dropped before the step ends). The custom mappings' input
/// and output classes bind to these fixed names; copies connect them to the user's columns.
/// </summary>
internal static class SavedColumns
{
    public const string PayloadKey = "MLNet.Seq2Seq.PayloadKey";
    public const string Payload = "MLNet.Seq2Seq.Payload";
    public const string Input = "MLNet.Seq2Seq.Input";
    public const string Tokens = "MLNet.Seq2Seq.Tokens";
    public const string Count = "MLNet.Seq2Seq.Count";
    public const string Text = "MLNet.Seq2Seq.Text";
    public const string Probabilities = "MLNet.Seq2Seq.Probabilities";
    public const string Attention = "MLNet.Seq2Seq.Attention";
    public const string NBestText = "MLNet.Seq2Seq.NBestText";
    public const string NBestScores = "MLNet.Seq2Seq.NBestScores";
}
