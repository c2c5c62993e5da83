namespace MLNet.Seq2Seq.Trainers;

/// <summary>How the teacher-forcing ratio moves from its initial to its final value over the epochs (scheduled sampling).</summary>
public enum TeacherForcingDecay
{
    /// <summary>The ratio stays at its initial value.</summary>
    None,

    /// <summary>The ratio falls in a straight line from the initial value at the first epoch to the final value at the last.</summary>
    Linear,

    /// <summary>
    /// The ratio follows an inverse sigmoid, k / (k + exp(e / k)) for epoch e with k = epochs / 5, rescaled from the
    /// initial to the final value: slow at first, fastest in the middle, flattening at the end.
    /// </summary>
    InverseSigmoid,
}
