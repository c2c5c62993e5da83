namespace MLNet.Seq2Seq.Training;

/// <summary>Adam's state in the managed parameter layout: updates taken, first and second moment estimates.</summary>
internal sealed record OptimizerState(int Steps, float[] FirstMoment, float[] SecondMoment);
