namespace MLNet.Seq2Seq.Data;

/// <summary>How a text file is split into rows and fields, and what happens to rows that cannot be read.</summary>
public sealed class TextFileLoaderOptions
{
    /// <summary>The field separator. Default: tab.</summary>
    public char Separator { get; set; } = '\t';

    /// <summary>Whether the first line names the fields (and fixes their number) instead of holding data. Default: false.</summary>
    public bool HasHeader { get; set; }

    /// <summary>What to do with a bad row. Default: <see cref="BadRowHandling.Error"/>.</summary>
    public BadRowHandling OnBadRow { get; set; } = BadRowHandling.Error;
}
