namespace MLNet.Seq2Seq.Data;

/// <summary>
/// What a text file view does with a bad row: an empty line, a line that is not valid UTF-8, a line with a different
/// number of fields than the header (or, without a header, the first line), or a field that does not parse.
/// </summary>
public enum BadRowHandling
{
    /// <summary>Throw an <see cref="InvalidDataException"/> naming the file and line.</summary>
    Error,

    /// <summary>Skip the row; each skip and the total are reported through the context's log.</summary>
    Skip,
}
