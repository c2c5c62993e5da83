using TorchSharp;

namespace MLNet.Seq2Seq.TorchSharp.Tests.Runtime;

[TestClass]
public sealed class TorchDeviceTests
{
    [TestMethod]
    public void CpuIsTheCpu() => Assert.AreEqual(DeviceType.CPU, TorchDevice.Parse("cpu").type);

    [TestMethod]
    [DataRow("cuda")]
    [DataRow("cuda:1")]
    public void CudaWithoutCudaFailsNamingTheDevice(string name)
    {
        TorchRuntime.EnsureLoaded();
        if (torch.cuda.is_available())
        {
            return;
        }

        var error = Assert.ThrowsExactly<InvalidOperationException>(() => TorchDevice.Parse(name));
        StringAssert.Contains(error.Message, $"'{name}'");
        StringAssert.Contains(error.Message, "torch.cuda.is_available()");
    }

    [TestMethod]
    [DataRow("gpu")]
    [DataRow("cuda:")]
    [DataRow("cuda:-1")]
    [DataRow("CPU")]
    public void UnknownNamesAreRejected(string name)
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => TorchDevice.Parse(name));
        StringAssert.Contains(error.Message, $"'{name}'");
    }
}
