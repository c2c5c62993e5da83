using MLNet.Seq2Seq.Engine.Models;
using MLNet.Seq2Seq.Trainers;

namespace MLNet.Seq2Seq.Tests.Engine.Models;

[TestClass]
public sealed class DecoderSelectRowsTests
{
    [TestMethod]
    public void EveryRowContinuesFromItsParentsStateInEveryLayer()
    {
        var network = new Seq2SeqNetwork(new NetworkShape(10, 10, 4, 6, 2, DecoderForm.Peeky, ContextKind.HiddenAndCell, 0));
        network.Initialize(5);
        var ws = new NetworkWorkspace(network);
        ws.Prepare(3, 2, 2);
        ws.LoadSources([[4, 5], [4, 5], [4, 5]], [0, 1, 2]);
        for (int r = 0; r < 3; r++)
        {
            ws.DecoderLengths[r] = 2;
            ws.DecoderInputs[r] = 4 + r;
        }

        Encoder.Forward(ws, null);
        Decoder.Begin(ws, 2);
        Decoder.Step(ws, 0, null);
        float[][] hidden = [.. ws.Decoder.Select(a => a.HiddenAfter(0).ToArray())];
        float[][] cells = [.. ws.Decoder.Select(a => a.CellAfter(0).ToArray())];
        int[] parents = [2, 0, 0];
        Decoder.SelectRows(ws, 0, parents);
        for (int l = 0; l < ws.Decoder.Length; l++)
        {
            for (int r = 0; r < 3; r++)
            {
                CollectionAssert.AreEqual(hidden[l].AsSpan(parents[r] * 6, 6).ToArray(), ws.Decoder[l].HiddenAfter(0).Slice(r * 6, 6).ToArray(), $"layer {l} row {r}");
                CollectionAssert.AreEqual(cells[l].AsSpan(parents[r] * 6, 6).ToArray(), ws.Decoder[l].CellAfter(0).Slice(r * 6, 6).ToArray(), $"layer {l} row {r}");
            }
        }
    }
}
