using Examples.Shared;

namespace MLNet.Seq2Seq.Tests.Examples;

/// <summary>How the console examples print a sample prediction: a wrong one carries its expected answer.</summary>
[TestClass]
public sealed class ExampleTrainingTests
{
    [TestMethod]
    public void ARightPredictionIsPrintedUnmarked() =>
        Assert.AreEqual("57+5 -> 62", ExampleTraining.SampleLine("57+5", "62", "62"));

    [TestMethod]
    public void AWrongPredictionIsMarkedWithTheExpectedAnswer() =>
        Assert.AreEqual(" 0+0 -> 9  ✗ expected 0", ExampleTraining.SampleLine(" 0+0", "9", "0"));

    [TestMethod]
    public void ASourceWithoutAnExpectedAnswerIsPrintedUnmarked() =>
        Assert.AreEqual("mans -> woman", ExampleTraining.SampleLine("mans", "woman", null));
}
