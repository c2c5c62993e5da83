namespace MLNet.Seq2Seq;

/// <summary>Sequence-to-sequence tasks; trainers are under <see cref="Trainers"/>.</summary>
public sealed partial class Seq2SeqCatalog
{
    internal Seq2SeqCatalog(Seq2SeqContext context)
    {
        Context = context;
        Trainers = new Seq2SeqTrainers(context);
    }

    /// <summary>Sequence-to-sequence trainers.</summary>
    public Seq2SeqTrainers Trainers { get; }

    /// <summary>The owning context.</summary>
    internal Seq2SeqContext Context { get; }

    /// <summary>Sequence-to-sequence trainers.</summary>
    public sealed partial class Seq2SeqTrainers
    {
        internal Seq2SeqTrainers(Seq2SeqContext context) => Context = context;

        /// <summary>The owning context.</summary>
        internal Seq2SeqContext Context { get; }
    }
}
