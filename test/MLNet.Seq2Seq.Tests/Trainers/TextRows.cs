namespace MLNet.Seq2Seq.Tests.Trainers;

/// <summary>A source text with its expected answer, as the character pipelines read it.</summary>
public sealed class Pair
{
    public string Source { get; set; } = "";

    public string Target { get; set; } = "";
}

/// <summary>A source text alone: what a prediction engine is given.</summary>
public sealed class Question
{
    public string Source { get; set; } = "";
}

/// <summary>A predicted text and the probability of each of its characters.</summary>
public sealed class Answer
{
    public string Prediction { get; set; } = "";

    public float[] PredictedProbabilities { get; set; } = [];
}
