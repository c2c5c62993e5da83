using TorchSharp;

namespace MLNet.Seq2Seq.TorchSharp.Tests.Runtime;

[TestClass]
public sealed class TorchRuntimeTests
{
    [TestMethod]
    public void LibtorchLoadsAndComputes()
    {
        TorchRuntime.EnsureLoaded();
        using var scope = torch.NewDisposeScope();
        var sum = torch.tensor(new float[] { 1, 2, 3 }).sum().item<float>();
        Assert.AreEqual(6f, sum);
    }

    [TestMethod]
    public void OpenMpWaitsPassivelyUnlessTheUserChose()
    {
        TorchRuntime.EnsureLoaded();
        string expected = Environment.GetEnvironmentVariable(OpenMpWaitPolicy.Variable) ?? "PASSIVE";
        Assert.AreEqual(expected, OpenMpWaitPolicy.NativeValue());
    }
}
