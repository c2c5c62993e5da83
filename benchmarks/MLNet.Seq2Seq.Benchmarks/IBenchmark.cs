namespace MLNet.Seq2Seq.Benchmarks;

/// <summary>One benchmark selectable by name on the command line.</summary>
internal interface IBenchmark
{
    /// <summary>The command-line name, e.g. "gemm".</summary>
    string Name { get; }

    /// <summary>One line for the usage text.</summary>
    string Description { get; }

    /// <summary>Runs the benchmark and prints its results; <paramref name="options"/> are the arguments after the name.</summary>
    void Run(IReadOnlyList<string> options);
}
