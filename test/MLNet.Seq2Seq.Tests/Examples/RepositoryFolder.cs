namespace MLNet.Seq2Seq.Tests.Examples;

/// <summary>Paths in the checkout the tests were built from.</summary>
internal static class RepositoryFolder
{
    /// <summary>The checkout's root: the nearest folder above the test output that holds MLNet.Seq2Seq.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration of this test assembly (the folder above bin/CONFIGURATION/net10.0).</summary>
    public static string Configuration { get; } = Path.GetFileName(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)))!;

    /// <summary>
    /// The built <c>NAME.dll</c> of the project in <paramref name="projectFolder"/> (relative to the root), from the
    /// same configuration and framework folder as this test assembly (bin/Release/net10.0).
    /// </summary>
    public static string BuiltApp(string projectFolder, string name)
    {
        string outputFolder = Path.GetRelativePath(Path.Combine(Root, "test", "MLNet.Seq2Seq.Tests"), AppContext.BaseDirectory);
        string path = Path.GetFullPath(Path.Combine(Root, projectFolder, outputFolder, name + ".dll"));
        return File.Exists(path) ? path : throw new AssertFailedException($"{path} is not built; the test project references {projectFolder} so that building the tests builds it.");
    }

    private static string FindRoot()
    {
        string folder = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(folder, "MLNet.Seq2Seq.sln")))
        {
            folder = Path.GetDirectoryName(folder) ?? throw new AssertFailedException($"MLNet.Seq2Seq.sln not found above {AppContext.BaseDirectory}.");
        }

        return folder;
    }
}
