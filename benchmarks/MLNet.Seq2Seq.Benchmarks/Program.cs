using MLNet.Seq2Seq.Benchmarks;
using MLNet.Seq2Seq.Benchmarks.Compare;

// Usage: dotnet run -c Release --project benchmarks/MLNet.Seq2Seq.Benchmarks -- <benchmark> [options]
// To add a benchmark, implement IBenchmark in its own file and list it here.
IBenchmark[] benchmarks = [new GemmBenchmark(), new RowProductBenchmark(), new LstmBenchmark(), new DecodeBenchmark(), new LatencyBenchmark(), new TrainBenchmark(), new CompareBenchmark(), new CompareWorker(), new ServingLatencyWorker()];

IBenchmark? selected = args.Length == 0 ? null : benchmarks.FirstOrDefault(b => b.Name == args[0]);
if (selected is null)
{
    Console.Error.WriteLine(args.Length == 0 ? "No benchmark named." : $"Unknown benchmark '{args[0]}'.");
    Console.Error.WriteLine("Usage: MLNet.Seq2Seq.Benchmarks <benchmark> [options]; benchmarks:");
    foreach (IBenchmark benchmark in benchmarks)
    {
        Console.Error.WriteLine($"  {benchmark.Name,-10} {benchmark.Description}");
    }

    return 1;
}

// --thread-cpu-time: time single-threaded samples by the thread's CPU time (steadier on a shared machine).
StopwatchHarness.UseThreadCpuTime = args.Contains("--thread-cpu-time") && ThreadCpuClock.IsSupported;
selected.Run(args[1..]);
return 0;
