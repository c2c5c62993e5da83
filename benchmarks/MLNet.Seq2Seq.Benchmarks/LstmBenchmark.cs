using System.Globalization;
using MLNet.Seq2Seq.Engine.Layers;
using MLNet.Seq2Seq.Engine.Models;

namespace MLNet.Seq2Seq.Benchmarks;

/// <summary>
/// The fused LSTM layer at the training shapes (input 16, hidden 128, batch 128, 8 steps), single-threaded: forward
/// (one [B, D + H]·[D + H, 4H] product and the cell per step) and backward (the per-step input gradient products, the
/// cell backward and the weight-gradient product over all steps). GFLOP/s count the matrix products only.
/// </summary>
internal sealed class LstmBenchmark : IBenchmark
{
    /// <inheritdoc/>
    public string Name => "lstm";

    /// <inheritdoc/>
    public string Description => "fused LSTM layer forward and backward, GFLOP/s vs peak [--batch=N] [--hidden=N] [--input=N] [--steps=N]";

    /// <inheritdoc/>
    public void Run(IReadOnlyList<string> options)
    {
        int batch = BenchmarkOptions.Integer(options, "batch", 128), hidden = BenchmarkOptions.Integer(options, "hidden", 128);
        int input = BenchmarkOptions.Integer(options, "input", 16), steps = BenchmarkOptions.Integer(options, "steps", 8);
        CpuPeak peak = CpuPeak.Detect();
        var parameters = new ParameterSet();
        var layer = new LstmLayer(parameters, "lstm", input, hidden, 0);
        var values = parameters.Values;
        var gradients = parameters.NewBuffer();
        layer.Initialize(values, seed: 1);
        var random = new Random(3);
        var x = new float[steps * batch * input];
        var dOutputs = new float[steps * batch * hidden];
        var dInputs = new float[steps * batch * input];
        Fill(random, x);
        Fill(random, dOutputs);
        var lengths = Enumerable.Repeat(steps, batch).ToArray();
        var activations = layer.CreateActivations();

        void Forward()
        {
            layer.Begin(values, activations, batch, steps, default, default, default);
            for (int t = 0; t < steps; t++)
            {
                layer.Step(values, activations, t, x.AsSpan(t * batch * input, batch * input), lengths);
            }
        }

        void Backward() => layer.Backward(values, activations, steps, lengths, dOutputs, default, default, dInputs, default, default, default, gradients);

        int xh = input + hidden, gates = 4 * hidden;
        double forwardFlop = 2.0 * steps * batch * xh * gates;
        double backwardFlop = 2 * forwardFlop;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"LSTM layer: input {input}, hidden {hidden}, batch {batch}, {steps} steps, 1 thread; peak {peak.MeasuredGigaFlops:F1} GFLOP/s measured, {peak.NominalGigaFlops:F1} nominal"));
        Forward();
        Report("forward", StopwatchHarness.Measure(Forward), forwardFlop, steps, peak);
        Report("backward", StopwatchHarness.Measure(Backward), backwardFlop, steps, peak);
    }

    private static void Report(string label, (double MinSeconds, double MedianSeconds) time, double flop, int steps, CpuPeak peak) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label,-8}: {time.MinSeconds * 1e6 / steps:F1} us per step (min), {flop / time.MinSeconds / 1e9:F1} GFLOP/s min, {flop / time.MedianSeconds / 1e9:F1} median, {100 * flop / time.MinSeconds / 1e9 / peak.MeasuredGigaFlops:F0}% of measured peak"));

    private static void Fill(Random random, float[] values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1);
        }
    }
}
