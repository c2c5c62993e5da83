using System.Diagnostics;
using System.Reflection;
using MLNet.Seq2Seq.Engine.Kernels;
using MLNet.Seq2Seq.Engine.Models;
using MLNet.Seq2Seq.Training;
using TorchSharp;
using Parameter = TorchSharp.Modules.Parameter;
using static TorchSharp.torch;

namespace MLNet.Seq2Seq.Benchmarks.Compare;

/// <summary>
/// The reference side: the same network on libtorch 2.10 through TorchSharp 0.107, trained the fastest way libtorch
/// offers it: src/MLNet.Seq2Seq.TorchSharp's network (each recurrent layer one nn.LSTM over whole sequences at teacher
/// forcing 1, the encoder over packed sequences) for forward, loss and backward, then TorchSharp's own
/// <c>clip_grad_norm_</c> (5) and <c>torch.optim.Adam</c> (0.005) on its tensors. Same initial weights as the managed
/// trainer (the managed network initialized from the same seed, loaded through the managed layout), same batches in
/// the same order (the managed trainer's shuffle), 128 rows each, as one libtorch batch.
/// </summary>
/// <remarks>
/// Until the engine seam's TorchSharpEngine lands, the network's types are internal to MLNet.Seq2Seq.TorchSharp, so
/// they are reached by reflection here (one delegate per call site, no per-call reflection cost in the timed loop).
/// </remarks>
internal sealed class LibTorchTrainer : IDisposable
{
    private const BindingFlags Any = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;
    private static readonly Assembly TorchAssembly = Assembly.Load(new AssemblyName("MLNet.Seq2Seq.TorchSharp"));

    private readonly IDisposable model;
    private readonly object network;
    private readonly Func<object, IReadOnlyList<int[]>, IReadOnlyList<int[]>, int, int, float, ulong, IReadOnlyList<ulong>?, double> pass;
    private readonly Parameter[] parameters;
    private readonly float[] initial;
    private readonly ulong seed;
    private readonly float learningRate;
    private optim.Optimizer adam;

    /// <summary>Builds the network for <paramref name="shape"/> with the managed trainer's initial weights for <paramref name="seed"/>.</summary>
    public LibTorchTrainer(NetworkShape shape, int seed, int threads, float learningRate = 0.005f)
    {
        Type modelType = TorchAssembly.GetType("MLNet.Seq2Seq.TorchSharp.TorchSeq2SeqModel", throwOnError: true)!;
        model = (IDisposable)Activator.CreateInstance(modelType, Any, null, [shape, "cpu"], null)!;
        torch.set_num_threads(threads);
        network = modelType.GetField("network", Any)!.GetValue(model)!;
        object map = network.GetType().GetProperty("Parameters", Any)!.GetValue(network)!;
        var trainable = ((IEnumerable<Tensor>)map.GetType().GetProperty("Trainable", Any)!.GetValue(map)!).ToArray();

        // torch.optim wants Parameters; a Parameter made from an alias handle shares the tensor (and its .grad).
        parameters = [.. trainable.Select(t => new Parameter(t.alias(), requires_grad: true))];
        var run = TorchAssembly.GetType("MLNet.Seq2Seq.TorchSharp.Networks.TorchTrainingPass", throwOnError: true)!.GetMethod("Run", Any)!;
        pass = (net, s, t, start, end, ratio, samplingSeed, keys) =>
            (double)run.Invoke(null, [net, s, t, start, end, ratio, samplingSeed, keys])!;

        var layout = new Seq2SeqNetwork(shape);
        layout.Initialize(CounterRandom.Mix((ulong)seed ^ 0x1A17));
        initial = layout.Parameters.Values;
        this.seed = (ulong)seed;
        this.learningRate = learningRate;
        modelType.GetMethod("LoadParameters", Any)!.Invoke(model, [initial]);
        adam = optim.Adam(parameters, learningRate);
    }

    /// <summary>Adam steps taken so far (a check that the optimizer sees the network's gradients).</summary>
    public int Steps { get; private set; }

    /// <summary>Back to the initial weights and a fresh Adam (after a warm-up).</summary>
    public void Reset()
    {
        model.GetType().GetMethod("LoadParameters", Any)!.Invoke(model, [initial]);
        adam.Dispose();
        adam = optim.Adam(parameters, learningRate);
        Steps = 0;
    }

    /// <summary>
    /// One pass over <paramref name="train"/> (epoch <paramref name="epoch"/>'s shuffle, batches of 128, the last
    /// one shorter), or its first <paramref name="maxBatches"/> batches; returns the wall-clock seconds and the mean loss per batch.
    /// </summary>
    public (double Seconds, double Loss) Pass(SequencePairs train, int epoch, int maxBatches = int.MaxValue)
    {
        var order = Shuffled(train.Count, epoch);
        int batches = Math.Min(maxBatches, (train.Count + CompareTask.BatchSize - 1) / CompareTask.BatchSize);
        var clock = Stopwatch.StartNew();
        double loss = 0;
        for (int b = 0; b < batches; b++)
        {
            int first = b * CompareTask.BatchSize, count = Math.Min(CompareTask.BatchSize, train.Count - first);
            var sources = new int[count][];
            var targets = new int[count][];
            for (int i = 0; i < count; i++)
            {
                sources[i] = train.Sources[order[first + i]];
                targets[i] = train.Targets[order[first + i]];
            }

            loss += pass(network, sources, targets, 1, 2, 1f, 0, null);
            nn.utils.clip_grad_norm_(parameters, 5.0);
            adam.step();
            Steps++;
        }

        return (clock.Elapsed.TotalSeconds, loss / batches);
    }

    /// <summary>Whether the optimizer's parameters carry the network's gradients (after at least one pass).</summary>
    public bool GradientsShared() => parameters.All(p => p.grad is not null);

    /// <inheritdoc />
    public void Dispose()
    {
        adam.Dispose();
        model.Dispose();
    }

    /// <summary>The managed trainer's shuffle of epoch <paramref name="epoch"/> (Seq2SeqTrainer.Shuffle).</summary>
    private int[] Shuffled(int count, int epoch)
    {
        var order = Enumerable.Range(0, count).ToArray();
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = (int)(CounterRandom.Bits(seed, (ulong)epoch, (ulong)i) % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }
}
