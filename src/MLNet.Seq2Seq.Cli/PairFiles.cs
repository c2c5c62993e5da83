using MLNet.Seq2Seq.Data;

namespace MLNet.Seq2Seq.Cli;

/// <summary>Opens the tab-separated source/target files the commands read.</summary>
internal static class PairFiles
{
    private const char Separator = '\t';

    /// <summary>
    /// A lazy view of <paramref name="path"/>'s pairs. The first data line is checked here to have exactly two fields;
    /// the loader then holds every later line to the same count, naming file and line of any bad row.
    /// </summary>
    /// <param name="context">The context that loads the file.</param>
    /// <param name="path">The data file.</param>
    /// <param name="optionName">The option that named the file, for error messages.</param>
    /// <param name="hasHeader">Whether the first line is a header.</param>
    public static IDataView Load(Seq2SeqContext context, string path, string optionName, bool hasHeader)
    {
        string fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"The {optionName} file '{fullPath}' does not exist.", fullPath);
        }

        CheckFirstPair(fullPath, hasHeader);
        return context.Data.LoadFromTextFile<PairRow>(fullPath, new TextFileLoaderOptions { Separator = Separator, HasHeader = hasHeader });
    }

    private static void CheckFirstPair(string fullPath, bool hasHeader)
    {
        using var reader = new StreamReader(fullPath);
        int lineNumber = 1;
        string? line = reader.ReadLine();
        if (hasHeader && line is not null)
        {
            lineNumber++;
            line = reader.ReadLine();
        }

        if (line is null)
        {
            throw new InvalidDataException($"{fullPath}: the file holds no pairs (expected lines of source TAB target).");
        }

        int fields = line.Split(Separator).Length;
        if (fields != 2)
        {
            throw new InvalidDataException($"{fullPath}, line {lineNumber}: expected 2 tab-separated fields (source, target), found {fields}.");
        }
    }
}
