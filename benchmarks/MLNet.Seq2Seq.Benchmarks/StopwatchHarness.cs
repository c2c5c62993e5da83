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
    public static (double MinSeconds, double MedianSeconds) Measure(Action action, int samples = 15)
    {
        var watch = Stopwatch.StartNew();
        int calls = 0;
        while (watch.Elapsed < TimeSpan.FromMilliseconds(200) || calls < 3)
        {
            action();
            calls++;
        }

        double secondsPerCall = watch.Elapsed.TotalSeconds / calls;
        int callsPerSample = Math.Max(1, (int)(SampleDuration.TotalSeconds / secondsPerCall));
        var perCall = new double[samples];
        for (int sample = 0; sample < samples; sample++)
        {
            double cpuStart = UseThreadCpuTime ? ThreadCpuClock.Seconds() : 0;
            watch.Restart();
            for (int call = 0; call < callsPerSample; call++)
            {
                action();
            }

            double seconds = UseThreadCpuTime ? ThreadCpuClock.Seconds() - cpuStart : watch.Elapsed.TotalSeconds;
            perCall[sample] = seconds / callsPerSample;
        }

        Array.Sort(perCall);
        return (perCall[0], perCall[samples / 2]);
    }
}
