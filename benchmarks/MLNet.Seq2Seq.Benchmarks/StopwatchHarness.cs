using System.Diagnostics;

namespace MLNet.Seq2Seq.Benchmarks;

/// <summary>
/// Times an action with a Stopwatch: a warm-up (which also lets tiered JIT reach its optimised code), then repeated
/// samples, each running the action enough times to last about <see cref="SampleDuration"/>.
/// </summary>
internal static class StopwatchHarness
{
    /// <summary>Target length of one sample.</summary>
    public static readonly TimeSpan SampleDuration = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// When true, samples are timed with the thread's CPU time (<see cref="ThreadCpuClock"/>) instead of wall-clock
    /// time: for single-threaded actions on a machine shared with other work.
    /// </summary>
    public static bool UseThreadCpuTime { get; set; }

    /// <summary>Returns the minimum and median seconds per call over <paramref name="samples"/> samples.</summary>
    public static (double MinSeconds, double MedianSeconds) Measure(Action action, int samples = 15) =>
        MeasureInterleaved([action], samples)[0];

    /// <summary>
    /// Minimum and median seconds per call of each action, its <paramref name="samples"/> samples taken in rounds that
    /// time every action once (after one untimed call, so that its data is back in the caches): noise that comes and goes
    /// on a shared machine then falls on all of them instead of on whichever was being timed.
    /// </summary>
    public static (double MinSeconds, double MedianSeconds)[] MeasureInterleaved(IReadOnlyList<Action> actions, int samples = 15)
    {
        var watch = new Stopwatch();
        int[] callsPerSample = new int[actions.Count];
        for (int i = 0; i < actions.Count; i++)
        {
            watch.Restart();
            int calls = 0;
            while (watch.Elapsed < TimeSpan.FromMilliseconds(200) || calls < 3)
            {
                actions[i]();
                calls++;
            }

            callsPerSample[i] = Math.Max(1, (int)(SampleDuration.TotalSeconds / (watch.Elapsed.TotalSeconds / calls)));
        }

        var perCall = new double[actions.Count][];
        for (int i = 0; i < actions.Count; i++)
        {
            perCall[i] = new double[samples];
        }

        for (int sample = 0; sample < samples; sample++)
        {
            for (int i = 0; i < actions.Count; i++)
            {
                actions[i]();
                double cpuStart = UseThreadCpuTime ? ThreadCpuClock.Seconds() : 0;
                watch.Restart();
                for (int call = 0; call < callsPerSample[i]; call++)
                {
                    actions[i]();
                }

                double seconds = UseThreadCpuTime ? ThreadCpuClock.Seconds() - cpuStart : watch.Elapsed.TotalSeconds;
                perCall[i][sample] = seconds / callsPerSample[i];
            }
        }

        return [.. perCall.Select(times =>
        {
            Array.Sort(times);
            return (times[0], times[samples / 2]);
        })];
    }
}
