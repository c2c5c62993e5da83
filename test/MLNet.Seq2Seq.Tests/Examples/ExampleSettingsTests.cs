using Examples.Shared;
using MLNet.Seq2Seq.Trainers;

namespace MLNet.Seq2Seq.Tests.Examples;

/// <summary>The console examples' shared command line: defaults, --quick, every flag, decoder names, errors.</summary>
[TestClass]
public sealed class ExampleSettingsTests
{
    private static readonly ExampleSettings Defaults = new(Pairs: 1000, Epochs: 10, Hidden: 128, LearningRate: 0.005f);
    private static readonly ExampleSettings Quick = new(Pairs: 10, Epochs: 1, Hidden: 8, LearningRate: 0.01f);

    [TestMethod]
    public void NoArgumentsGiveTheDefaultsAndQuickTheQuickSettings()
    {
        Assert.AreEqual(Defaults, ExampleSettings.Parse([], Defaults, Quick));
        Assert.AreEqual(Quick, ExampleSettings.Parse(["--quick"], Defaults, Quick));
    }

    [TestMethod]
    public void EveryFlagOverridesItsSettingEvenAfterQuick()
    {
        ExampleSettings settings = ExampleSettings.Parse(
            ["--quick", "--decoder", "plain", "--no-reverse", "--epochs", "3", "--pairs", "50", "--seed", "9", "--hidden", "32", "--learning-rate", "0.02",
             "--save", "m.zip", "--attention", "general", "--input-feeding"], Defaults, Quick);

        Assert.AreEqual(Quick with
        {
            Decoder = DecoderForm.Plain, Reverse = false, Epochs = 3, Pairs = 50, Seed = 9, Hidden = 32, LearningRate = 0.02f,
            SaveTo = "m.zip", Attention = AttentionScoring.General, InputFeeding = true,
        }, settings);
    }

    [TestMethod]
    public void ReverseTurnsReversalBackOn() =>
        Assert.IsTrue(ExampleSettings.Parse(["--reverse"], Defaults with { Reverse = false }, Quick).Reverse);

    [TestMethod]
    [DataRow("plain", DecoderForm.Plain)]
    [DataRow("context-only", DecoderForm.ContextOnly)]
    [DataRow("context-every-step", DecoderForm.ContextEveryStep)]
    [DataRow("ContextEveryStep", DecoderForm.ContextEveryStep)]
    [DataRow("PEEKY", DecoderForm.Peeky)]
    public void DecoderIsAnyFormNameIgnoringCaseAndDashes(string name, DecoderForm expected) =>
        Assert.AreEqual(expected, ExampleSettings.ParseDecoder(name));

    [TestMethod]
    public void EveryDecoderFormCanBeNamed()
    {
        foreach (DecoderForm form in Enum.GetValues<DecoderForm>())
        {
            Assert.AreEqual(form, ExampleSettings.ParseDecoder(form.ToString()));
        }
    }

    [TestMethod]
    [DataRow("--epochs", "0", "--epochs must be greater than 0")]
    [DataRow("--pairs", "many", "--pairs expects a plain number ('.' as the decimal point); got 'many'")]
    [DataRow("--learning-rate", "0,005", "--learning-rate expects a plain number ('.' as the decimal point); got '0,005'")]
    [DataRow("--pairs", "1,000", "--pairs expects a plain number ('.' as the decimal point); got '1,000'")]
    [DataRow("--decoder", "sideways", "unknown form 'sideways'")]
    [DataRow("--attention", "cosine", "unknown scoring 'cosine'")]
    [DataRow("--colour", "red", "Unknown option '--colour'")]
    public void BadValuesNameTheOption(string option, string value, string message)
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => ExampleSettings.Parse([option, value], Defaults, Quick));

        StringAssert.Contains(error.Message, message);
    }

    [TestMethod]
    public void AMissingValueNamesTheOption()
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => ExampleSettings.Parse(["--seed"], Defaults, Quick));

        StringAssert.Contains(error.Message, "--seed needs a value");
    }
}
