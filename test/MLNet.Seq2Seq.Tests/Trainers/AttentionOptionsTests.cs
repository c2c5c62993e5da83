using MLNet.Seq2Seq.Tests.Pipeline;
using MLNet.Seq2Seq.Trainers;

namespace MLNet.Seq2Seq.Tests.Trainers;

[TestClass]
public sealed class AttentionOptionsTests
{
    [TestMethod]
    public void InvalidAttentionOptionsAreNamed()
    {
        var context = new MLContext(seed: 1);
        var scoring = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() =>
            context.Seq2Seq.Trainers.LstmEncoderDecoder(new LstmEncoderDecoderOptions { Attention = (AttentionScoring)7 }));
        Assert.AreEqual(nameof(LstmEncoderDecoderOptions.Attention), scoring.ParamName);
        var column = Assert.ThrowsExactly<ArgumentException>(() =>
            context.Seq2Seq.Trainers.LstmEncoderDecoder(new LstmEncoderDecoderOptions { AttentionColumnName = "" }));
        Assert.AreEqual(nameof(LstmEncoderDecoderOptions.AttentionColumnName), column.ParamName);
    }

    [TestMethod]
    public void OnlyTheAttentionFormDeclaresTheAttentionColumn()
    {
        var context = new MLContext(seed: 1);
        foreach (var form in Enum.GetValues<DecoderForm>())
        {
            var options = new CharacterSeq2SeqOptions { Trainer = new LstmEncoderDecoderOptions { Decoder = form, AttentionColumnName = "Weights" } };
            var shape = context.Seq2Seq.CharacterSeq2Seq("Source", "Target", options).GetOutputSchema(
                PipelineTestData.Shape(context.Data.LoadFromEnumerable(new[] { new Pair() }).Schema));
            Assert.AreEqual(form == DecoderForm.Attention, shape.Any(c => c.Name == "Weights"), form.ToString());
        }
    }
}
