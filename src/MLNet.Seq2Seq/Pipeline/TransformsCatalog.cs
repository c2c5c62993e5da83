namespace MLNet.Seq2Seq;

/// <summary>Transforms; text transforms are under <see cref="Text"/>.</summary>
public sealed class TransformsCatalog
{
    internal TransformsCatalog(Seq2SeqContext context)
    {
        Context = context;
        Text = new TextTransforms(context);
    }

    /// <summary>Text transforms (tokenizing, padding, reversing, mapping keys back to text).</summary>
    public TextTransforms Text { get; }

    /// <summary>The owning context.</summary>
    internal Seq2SeqContext Context { get; }

    /// <summary>Text transforms; the methods are extension methods in <see cref="TextCatalog"/>.</summary>
    public sealed class TextTransforms
    {
        internal TextTransforms(Seq2SeqContext context) => Context = context;

        /// <summary>The owning context.</summary>
        internal Seq2SeqContext Context { get; }
    }
}
