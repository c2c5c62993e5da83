namespace Examples.Shared;

/// <summary>The model's answer for one source.</summary>
public sealed class TextPrediction
{
    /// <summary>The predicted text.</summary>
    public string Prediction { get; set; } = "";
}
