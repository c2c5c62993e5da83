using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Seq2Seq.Decoding;
using MLNet.Seq2Seq.Trainers;

namespace MLNet.Seq2Seq.Benchmarks;

/// <summary>
/// Single-prediction latency: p50 and p99 over --count=N (10,000) predictions through a PredictionEngine on the text
/// pipeline (tokenizer, reversal, encoder-decoder, keys to text), then the greedy decoder alone on the same key
/// sequences, so the difference is the pipeline's share. Also the bytes allocated and the thread's mean CPU time per
/// prediction (steadier than the percentiles on a shared machine).
/// </summary>
internal sealed class LatencyBenchmark : IBenchmark
{
    /// <inheritdoc/>
    public string Name => "latency";

    /// <inheritdoc/>
    public string Description => "PredictionEngine p50/p99 per prediction [--model=FILE | --pairs=N --epochs=N] [--count=N]";

    /// <inheritdoc/>
    public void Run(IReadOnlyList<string> options)
    {
        int count = BenchmarkOptions.Integer(options, "count", 10_000);
        var context = new MLContext(seed: 1);
        ITransformer model = AdditionModel.LoadOrTrain(context, options);
        string[] questions = AdditionModel.Questions(count, seed: 7);
        using var engine = context.Model.CreatePredictionEngine<SourceRow, PredictionRow>(model);
        var input = new SourceRow();
        var output = new PredictionRow();
        for (int i = 0; i < Math.Min(count, 2000); i++)
        {
            input.Source = questions[i];
            engine.Predict(input, ref output);
        }

        var pipeline = new double[count];
        double cpuBefore = ThreadCpuClock.IsSupported ? ThreadCpuClock.Seconds() : 0;
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < count; i++)
        {
            input.Source = questions[i];
            long start = Stopwatch.GetTimestamp();
            engine.Predict(input, ref output);
            pipeline[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        double bytesPerPrediction = (double)(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / count;
        Report("PredictionEngine (text in, text out)", pipeline, cpuBefore);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  allocated {bytesPerPrediction:F0} bytes per prediction"));

        var (decoder, sources, maxOutputLength) = DecoderInputs(context, model, questions);
        var decoderOnly = new double[count];
        cpuBefore = ThreadCpuClock.IsSupported ? ThreadCpuClock.Seconds() : 0;
        for (int i = 0; i < count; i++)
        {
            long start = Stopwatch.GetTimestamp();
            decoder.Decode(sources[i], maxOutputLength);
            decoderOnly[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        Report("GreedyDecoder.Decode alone (keys in, keys out)", decoderOnly, cpuBefore);
    }

    /// <summary>A greedy decoder on the model's network and the questions as the engine's key sequences.</summary>
    internal static (GreedyDecoder Decoder, int[][] Sources, int MaxOutputLength) DecoderInputs(
        MLContext context, ITransformer model, IReadOnlyList<string> questions)
    {
        var steps = context.Seq2Seq.FindSteps(model);
        var encoderDecoder = steps.OfType<LstmEncoderDecoderTransformer>().Single();
        var keysModel = new TransformerChain<ITransformer>([.. steps.TakeWhile(t => t is not LstmEncoderDecoderTransformer)]);
        var keys = keysModel.Transform(context.Data.LoadFromEnumerable(questions.Select(q => new SourceRow { Source = q })));
        var column = keys.Schema[encoderDecoder.SourceColumnName];
        var sources = new List<int[]>(questions.Count);
        using (var cursor = keys.GetRowCursor([column]))
        {
            var getter = cursor.GetGetter<VBuffer<uint>>(column);
            VBuffer<uint> value = default;
            while (cursor.MoveNext())
            {
                getter(ref value);
                sources.Add(KeySequences.SourceToEngine([.. value.DenseValues()], column.Name, encoderDecoder.SourceVocabulary.Count));
            }
        }

        var trained = encoderDecoder.Trained;
        return (new GreedyDecoder(trained.Network, KeySequences.Start, KeySequences.End), [.. sources], trained.MaxOutputLength);
    }

    private static void Report(string label, double[] microseconds, double cpuBefore)
    {
        double cpuMicroseconds = ThreadCpuClock.IsSupported ? (ThreadCpuClock.Seconds() - cpuBefore) * 1e6 / microseconds.Length : double.NaN;
        Array.Sort(microseconds);
        double Percentile(double p) => microseconds[Math.Min(microseconds.Length - 1, (int)(p * microseconds.Length))];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: p50 {Percentile(0.50):F1} us, p99 {Percentile(0.99):F1} us, mean {microseconds.Average():F1} us, min {microseconds[0]:F1} us, thread CPU time {cpuMicroseconds:F1} us per prediction ({microseconds.Length} predictions)"));
    }
}
