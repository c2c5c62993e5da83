using System.Reflection;

namespace MLNet.Seq2Seq.Persistence;

/// <summary>
/// The constants of the model file format shared by <see cref="ModelArchiveWriter"/> and <see cref="ModelArchiveReader"/>.
/// See docs/model-format.md for the layout and the versioning policy.
/// </summary>
internal static class ModelArchiveFormat
{
    /// <summary>The value of the manifest's <c>format</c> property; anything else is not a model file of this library.</summary>
    public const string FormatName = "MLNet.Seq2Seq.Model";

    /// <summary>The format version this library writes, and the newest it reads.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>The oldest format version this library still reads.</summary>
    public const int MinimumReadableFormatVersion = 1;

    /// <summary>The name of the zip entry holding the manifest; reserved, so no content entry may use it.</summary>
    public const string ManifestEntryName = "manifest.json";

    /// <summary>The manifest kind of an entry holding UTF-8 JSON.</summary>
    public const string JsonKind = "json";

    /// <summary>The manifest kind of an entry holding raw little-endian float32 values.</summary>
    public const string TensorKind = "tensor";

    /// <summary>The version of this library, recorded in every file it writes.</summary>
    public static string LibraryVersion { get; } =
        typeof(ModelArchiveFormat).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ModelArchiveFormat).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}
