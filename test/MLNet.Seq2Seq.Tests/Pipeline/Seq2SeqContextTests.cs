namespace MLNet.Seq2Seq.Tests.Pipeline;

[TestClass]
public sealed class Seq2SeqContextTests
{
    [TestMethod]
    public void SameSeedGivesTheSameRandomSequences()
    {
        var first = new Seq2SeqContext(seed: 7);
        var second = new Seq2SeqContext(seed: 7);

        int[] a = [first.CreateRandom().Next(), first.CreateRandom().Next(), first.NextSeed()];
        int[] b = [second.CreateRandom().Next(), second.CreateRandom().Next(), second.NextSeed()];

        CollectionAssert.AreEqual(a, b);
        Assert.AreEqual(7, first.Seed);
    }

    [TestMethod]
    public void ComponentsLogThroughTheContext()
    {
        var ctx = new Seq2SeqContext();
        LoggingEventArgs? received = null;
        ctx.Log += (_, e) => received = e;

        ctx.WriteLog(ChannelMessageKind.Info, "Trainer", "epoch 1");

        Assert.IsNotNull(received);
        Assert.AreEqual(ChannelMessageKind.Info, received.Kind);
        Assert.AreEqual("Trainer", received.Source);
        StringAssert.Contains(received.Message, "epoch 1");
    }

    [TestMethod]
    public void CatalogsShareTheContext()
    {
        var ctx = new Seq2SeqContext();

        Assert.AreSame(ctx, ctx.Seq2Seq.Context);
        Assert.AreSame(ctx, ctx.Seq2Seq.Trainers.Context);
        Assert.AreSame(ctx, ctx.Transforms.Text.Context);
        Assert.AreSame(ctx, ctx.Data.Context);
        Assert.AreSame(ctx, ctx.Model.Context);
    }
}
