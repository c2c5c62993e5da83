using MLNet.Seq2Seq.Mapping;

namespace MLNet.Seq2Seq.Tests.Mapping;

[TestClass]
public sealed class PayloadTests
{
    private const string Step = "TestStep";

    [TestMethod]
    public void APayloadDecodesToWhatWasWritten()
    {
        string payload = Encode(new Sample("abc", [1, 2, 3]));

        Sample decoded = Decode(payload);

        Assert.AreEqual("abc", decoded.Name);
        CollectionAssert.AreEqual(new[] { 1, 2, 3 }, decoded.Values);
    }

    [TestMethod]
    public void ATruncatedAlteredForeignOrNonBase64PayloadIsReportedAsADamagedModelNamingTheStep()
    {
        string payload = Encode(new Sample(new string('x', 500), [.. Enumerable.Range(0, 200)]));
        char[] altered = payload.ToCharArray();
        altered[payload.Length / 2] = altered[payload.Length / 2] == 'A' ? 'B' : 'A';
        string[] damaged =
        [
            payload[..(payload.Length / 2 / 4 * 4)],
            new string(altered),
            Convert.ToBase64String([.. Enumerable.Range(0, 300).Select(i => (byte)(i * 7))]),
            "not base64 at all!",
        ];

        foreach (string bad in damaged)
        {
            var error = Assert.ThrowsExactly<InvalidDataException>(() => Decode(bad), bad[..Math.Min(20, bad.Length)]);
            StringAssert.StartsWith(error.Message, "The model is damaged");
            StringAssert.Contains(error.Message, Step);
        }
    }

    [TestMethod]
    public void TheCacheDecodesEachPayloadTextOnceAndARegisteredOneNever()
    {
        int decodes = 0;
        var cache = new PayloadCache<Sample>(p =>
        {
            decodes++;
            return Decode(p.ToString());
        });
        string first = Encode(new Sample("first", [1]));
        string registered = Encode(new Sample("registered", [2]));
        var state = new Sample("registered", [2]);
        cache.Register(registered, state);

        Assert.AreEqual("first", cache.Get(first.AsMemory()).Name);
        Assert.AreEqual("first", cache.Get(first.AsMemory()).Name);
        Assert.AreSame(state, cache.Get(registered.AsMemory()));

        Assert.AreEqual(1, decodes);
    }

    private static string Encode(Sample sample) => Payload.Encode(Step, context => context.SaveObject("sample.json", sample));

    private static Sample Decode(string payload) => Payload.Decode(Step, payload, context => context.LoadObject<Sample>("sample.json"));

    private sealed record Sample(string Name, int[] Values);
}
