namespace MLNet.Seq2Seq.Tests;

[TestClass]
public sealed class SmokeTests
{
    [TestMethod]
    public void LibraryAssemblyLoads() => Assert.AreEqual("MLNet.Seq2Seq", typeof(MLNet.Seq2Seq.Engine.Kernels.Gemm).Assembly.GetName().Name);
}
