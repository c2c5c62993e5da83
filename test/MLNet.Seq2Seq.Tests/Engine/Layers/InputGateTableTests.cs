using MLNet.Seq2Seq.Engine.Kernels;
using MLNet.Seq2Seq.Engine.Layers;
using MLNet.Seq2Seq.Engine.Models;
using MLNet.Seq2Seq.Tests.Engine.Kernels;
using MLNet.Seq2Seq.Trainers;

namespace MLNet.Seq2Seq.Tests.Engine.Layers;

/// <summary>
/// <see cref="InputGateTable"/>: a single row's steps that continue a token's row of the table over the hidden rows
/// must give the states and gates of <see cref="LstmLayer.Step"/> on the token's embedding, bit for bit, and a
/// workspace makes tables exactly where the first layer is an LSTM reading only an embedding.
/// </summary>
[TestClass]
public sealed class InputGateTableTests
{
    [TestMethod]
    [DataRow(16, 128, 0, 7, 7, false)]
    [DataRow(16, 128, 128, 5, 5, false)]
    [DataRow(3, 11, 2, 6, 4, false)]
    [DataRow(16, 64, 0, 1, 1, true)]
    [DataRow(3, 11, 2, 6, 4, true)]
    public void StepsFromTableRowsAreBitIdenticalToStepsOnTheEmbeddings(int width, int hidden, int staticSize, int steps, int length, bool fromZeroState)
    {
        KernelAvailability.RequireAvx512();
        const int Vocabulary = 9;
        var parameters = new ParameterSet();
        var embedding = parameters.Add("embedding", Vocabulary, width);
        var layer = new LstmLayer(parameters, "lstm", width, hidden, staticSize);
        var values = parameters.Values;
        layer.Initialize(values, 5);
        GradientCheck.Random(Vocabulary * width, 6).CopyTo(embedding.Of(values));
        GradientCheck.Random(layer.Bias.Of(values).Length, 7, 0.3f).CopyTo(layer.Bias.Of(values));
        var random = new Random(8);
        int[] tokens = [.. Enumerable.Range(0, steps).Select(_ => random.Next(Vocabulary))];
        float[] x = new float[steps * width];
        Embedding.Forward(embedding.Of(values), width, tokens, x);
        float[] h0 = fromZeroState ? [] : GradientCheck.Random(hidden, 9, 0.5f);
        float[] c0 = GradientCheck.Random(hidden, 10, 0.5f);
        float[] s = GradientCheck.Random(staticSize, 11);
        int[] lengths = [length];
        var table = InputGateTable.TryCreate(values, embedding, layer);
        Assert.IsNotNull(table);

        var stepped = layer.CreateActivations();
        layer.Begin(values, stepped, 1, steps, h0, c0, s);
        for (int t = 0; t < steps; t++)
        {
            layer.Step(values, stepped, t, x.AsSpan(t * width, width), lengths);
        }

        // As the encoder runs a whole source, and as the decoder steps one chosen token at a time.
        var run = layer.CreateActivations();
        layer.Begin(values, run, 1, steps, h0, c0, s);
        layer.RunFromTable(values, run, steps, x, table, tokens, lengths);
        var continued = layer.CreateActivations();
        layer.Begin(values, continued, 1, steps, h0, c0, s);
        for (int t = 0; t < steps; t++)
        {
            layer.ContinueStep(values, continued, t, x.AsSpan(t * width, width), table.Row(tokens[t]), lengths);
        }

        string shape = $"width {width}, hidden {hidden}, static {staticSize}, steps {steps}, length {length}, from zero {fromZeroState}";
        foreach (var (name, fromTable) in new[] { ("run", run), ("continued", continued) })
        {
            CollectionAssert.AreEqual(stepped.Hidden.AsSpan(0, (steps + 1) * hidden).ToArray(), fromTable.Hidden.AsSpan(0, (steps + 1) * hidden).ToArray(), $"{name}: {shape}");
            CollectionAssert.AreEqual(stepped.Cells.AsSpan(0, (steps + 1) * hidden).ToArray(), fromTable.Cells.AsSpan(0, (steps + 1) * hidden).ToArray(), $"{name}: {shape}");
            CollectionAssert.AreEqual(stepped.Gates.AsSpan(0, steps * 4 * hidden).ToArray(), fromTable.Gates.AsSpan(0, steps * 4 * hidden).ToArray(), $"{name}: {shape}");
        }
    }

    [TestMethod]
    public void AWorkspaceMakesTablesOnlyWhereTheFirstLayerIsAnLstmReadingOnlyAnEmbedding()
    {
        KernelAvailability.RequireAvx512();
        (bool Source, bool Target) Tables(NetworkShape shape)
        {
            var network = new Seq2SeqNetwork(shape);
            network.Initialize(3);
            var workspace = new NetworkWorkspace(network);
            Assert.IsNull(workspace.SourceGateTable, "no table before it is asked for");
            workspace.UseInputGateTables();
            return (workspace.SourceGateTable is not null, workspace.TargetGateTable is not null);
        }

        NetworkShape Shape(DecoderForm form, int vocabulary = 12, RecurrentCell cell = RecurrentCell.Lstm, bool inputFeeding = false, bool bidirectional = false) =>
            new(vocabulary, vocabulary, 5, 16, 2, form, ContextKind.HiddenAndCell, 0, InputFeeding: inputFeeding, Bidirectional: bidirectional, Cell: cell);

        Assert.AreEqual((true, true), Tables(Shape(DecoderForm.Peeky)));
        Assert.AreEqual((true, true), Tables(Shape(DecoderForm.Plain, bidirectional: true)), "the encoder's forward direction has one");
        Assert.AreEqual((true, false), Tables(Shape(DecoderForm.ContextOnly)), "this decoder reads no tokens");
        Assert.AreEqual((true, false), Tables(Shape(DecoderForm.Attention, inputFeeding: true)), "input feeding adds the attentional vector to the input");
        Assert.AreEqual((true, true), Tables(Shape(DecoderForm.Attention)));
        Assert.AreEqual((false, false), Tables(Shape(DecoderForm.Peeky, cell: RecurrentCell.Gru)));

        // 16,385 tokens x 4H = 64 floats is one row more than a table may hold.
        Assert.AreEqual((false, false), Tables(Shape(DecoderForm.Peeky, vocabulary: (InputGateTable.MaximumFloats / 64) + 1)));
    }
}
