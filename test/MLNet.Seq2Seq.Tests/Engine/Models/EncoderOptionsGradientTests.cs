using MLNet.Seq2Seq.Engine.Models;
using MLNet.Seq2Seq.Trainers;
using MLNet.Seq2Seq.Training;

namespace MLNet.Seq2Seq.Tests.Engine.Models;

/// <summary>Whole-network gradient checks of GRU cells and bidirectional encoders with every decoder form.</summary>
[TestClass]
public sealed class EncoderOptionsGradientTests
{
    // Sources of different lengths, so every batch has padding.
    private static readonly int[][] Sources = [[4, 5, 6], [7, 4], [5], [6, 6, 7, 4]];
    private static readonly int[][] Targets = [[5, 4], [6], [7, 7, 4], []];
    private static readonly int[] Rows = [0, 1, 2, 3];
    private static readonly ulong[] RowKeys = [11, 12, 13, 14];

    public static IEnumerable<object[]> Forms() =>
        from cell in Enum.GetValues<RecurrentCell>()
        from bidirectional in new[] { false, true }
        where cell == RecurrentCell.Gru || bidirectional
        from decoder in Enum.GetValues<DecoderForm>()
        from layers in new[] { 1, 2 }
        from context in Enum.GetValues<ContextKind>()
        from dropout in new[] { 0f, 0.3f }
        where context == ContextKind.HiddenAndCell || decoder == DecoderForm.Plain
        where dropout == 0 || (layers == 2 && decoder == DecoderForm.Peeky)
        select new object[] { cell, bidirectional, decoder, layers, context, dropout };

    [TestMethod]
    [DynamicData(nameof(Forms))]
    public void WholeNetworkGradientMatchesFiniteDifferences(RecurrentCell cell, bool bidirectional, DecoderForm decoder, int layers, ContextKind context, float dropout)
    {
        var network = new Seq2SeqNetwork(new NetworkShape(8, 8, 3, 9, layers, decoder, context, dropout, Bidirectional: bidirectional, Cell: cell));
        network.Initialize(5);
        var ws = new NetworkWorkspace(network);
        DropoutPlan? plan = dropout > 0 ? new DropoutPlan(77, dropout) : null;
        double Loss() => TrainingPass.Run(ws, Sources, Targets, Rows, RowKeys, 2, 3, 1f, 9, plan, 1f, network.Parameters.NewBuffer());
        var gradients = network.Parameters.NewBuffer();
        TrainingPass.Run(ws, Sources, Targets, Rows, RowKeys, 2, 3, 1f, 9, plan, 1f, gradients);
        GradientCheck.Assert($"{cell}/{bidirectional}/{decoder}/{layers}/{context}/{dropout}", network.Parameters.Values, gradients, Loss, samples: 300);
        AssertSourceEmbeddingGradient(network, gradients, Loss);

        foreach (var parameter in network.Parameters.Parameters)
        {
            Assert.IsTrue(parameter.Of(gradients).ToArray().Any(g => g != 0f), $"{parameter.Name} received no gradient.");
        }
    }

    [TestMethod]
    [DataRow(RecurrentCell.Lstm, false, 2)]
    [DataRow(RecurrentCell.Lstm, true, 1)]
    [DataRow(RecurrentCell.Lstm, true, 2)]
    [DataRow(RecurrentCell.Gru, true, 2)]
    public void MemoryGradientReachesTheEncoderParameters(RecurrentCell cell, bool bidirectional, int layers)
    {
        var network = new Seq2SeqNetwork(new NetworkShape(8, 8, 3, 9, layers, DecoderForm.Attention, ContextKind.HiddenAndCell, 0, Bidirectional: bidirectional, Cell: cell));
        network.Initialize(5);
        var ws = new NetworkWorkspace(network);
        int steps = Sources.Max(s => s.Length), h = 9;
        var memoryWeights = GradientCheck.Random(steps * Rows.Length * h, 31);
        var contextWeights = GradientCheck.Random(Rows.Length * h, 32);
        double Loss()
        {
            ws.Prepare(Rows.Length, steps, 1);
            ws.LoadSources(Sources, Rows);
            Encoder.Forward(ws, null);
            var memory = Encoder.Memory(ws);
            var context = Encoder.Context(ws);
            double loss = 0;
            for (int r = 0; r < Rows.Length; r++)
            {
                for (int t = 0; t < Sources[r].Length; t++)
                {
                    for (int i = 0; i < h; i++)
                    {
                        int at = (t * Rows.Length + r) * h + i;
                        loss += memory[at] * memoryWeights[at];
                    }
                }
            }

            for (int i = 0; i < context.Length; i++)
            {
                loss += context[i] * contextWeights[i];
            }

            return loss;
        }

        Loss();
        ws.MemoryGradients.AsSpan().Clear();
        for (int r = 0; r < Rows.Length; r++)
        {
            for (int t = 0; t < Sources[r].Length; t++)
            {
                memoryWeights.AsSpan((t * Rows.Length + r) * h, h).CopyTo(ws.MemoryGradients.AsSpan((t * Rows.Length + r) * h, h));
            }
        }

        contextWeights.CopyTo(ws.ContextGradient, 0);
        for (int l = 0; l < layers; l++)
        {
            ws.FinalHiddenGradients[l].AsSpan().Clear();
            ws.FinalCellGradients[l].AsSpan().Clear();
        }

        var gradients = network.Parameters.NewBuffer();
        Encoder.Backward(ws, null, gradients);
        GradientCheck.Assert($"{cell}/{bidirectional}/{layers}", network.Parameters.Values, gradients, Loss, samples: 400);
        AssertSourceEmbeddingGradient(network, gradients, Loss);
    }

    [TestMethod]
    [DataRow(RecurrentCell.Lstm)]
    [DataRow(RecurrentCell.Gru)]
    public void PaddingEntersNeitherDirection(RecurrentCell cell)
    {
        var network = new Seq2SeqNetwork(new NetworkShape(8, 8, 3, 9, 2, DecoderForm.Plain, ContextKind.HiddenAndCell, 0, Bidirectional: true, Cell: cell));
        network.Initialize(5);
        var batched = new NetworkWorkspace(network);
        batched.Prepare(Rows.Length, 4, 1);
        batched.LoadSources(Sources, Rows);
        Encoder.Forward(batched, null);
        var alone = new NetworkWorkspace(network);
        for (int r = 0; r < Rows.Length; r++)
        {
            int length = Sources[r].Length;
            alone.Prepare(1, length, 1);
            alone.LoadSources(Sources, [r]);
            Encoder.Forward(alone, null);
            for (int l = 0; l < 2; l++)
            {
                AssertClose(alone.Bidirectional!.BridgedHidden[l].AsSpan(0, 9), batched.Bidirectional!.BridgedHidden[l].AsSpan(r * 9, 9), $"row {r} layer {l} hidden");
                if (cell == RecurrentCell.Lstm)
                {
                    AssertClose(Encoder.FinalCell(alone, l), Encoder.FinalCell(batched, l).Slice(r * 9, 9), $"row {r} layer {l} cell");
                }
            }

            for (int t = 0; t < length; t++)
            {
                AssertClose(Encoder.Memory(alone).Slice(t * 9, 9), Encoder.Memory(batched).Slice((t * Rows.Length + r) * 9, 9), $"row {r} memory at {t}");
            }
        }
    }

    /// <summary>
    /// Checks every coordinate of the source embedding, the end of the encoder's backward pass, where a gradient lost
    /// in either direction shows (the sampled whole-network check rarely lands on its few coordinates).
    /// </summary>
    private static void AssertSourceEmbeddingGradient(Seq2SeqNetwork network, float[] gradients, Func<double> loss)
    {
        var embedding = network.SourceEmbedding;
        var values = new float[embedding.Length];
        var analytic = embedding.Of(gradients).ToArray();
        double Loss()
        {
            values.CopyTo(embedding.Of(network.Parameters.Values));
            return loss();
        }

        embedding.Of(network.Parameters.Values).CopyTo(values);
        GradientCheck.Assert("source embedding", values, analytic, Loss, samples: values.Length);
        values.CopyTo(embedding.Of(network.Parameters.Values));
    }

    private static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what)
    {
        Assert.AreEqual(expected.Length, actual.Length, what);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.AreEqual(expected[i], actual[i], 1e-5f, what);
        }
    }
}
