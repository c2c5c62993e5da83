using MLNet.Seq2Seq.Trainers;

namespace MLNet.Seq2Seq.Training;

/// <summary>The teacher-forcing ratio for each epoch under a <see cref="TeacherForcingDecay"/>.</summary>
internal static class TeacherForcingSchedule
{
    /// <summary>The ratio at zero-based <paramref name="epoch"/> of <paramref name="epochs"/>.</summary>
    public static float Ratio(TeacherForcingDecay decay, float initial, float final, int epoch, int epochs)
    {
        if (decay == TeacherForcingDecay.None || epochs <= 1)
        {
            return initial;
        }

        double progress = decay switch
        {
            TeacherForcingDecay.Linear => epoch / (double)(epochs - 1),
            _ => InverseSigmoidProgress(epoch, epochs),
        };
        return (float)(initial + (final - initial) * progress);
    }

    private static double InverseSigmoidProgress(int epoch, int epochs)
    {
        double k = Math.Max(1.0, epochs / 5.0);
        double Curve(double e) => k / (k + Math.Exp(e / k));
        double first = Curve(0), last = Curve(epochs - 1);
        return (first - Curve(epoch)) / (first - last);
    }
}
