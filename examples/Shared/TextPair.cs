namespace Examples.Shared;

/// <summary>One example: a source text and the target text the model should produce.</summary>
public sealed class TextPair
{
    /// <summary>The text the model reads.</summary>
    public string Source { get; set; } = "";

    /// <summary>The text the model should write.</summary>
    public string Target { get; set; } = "";
}
