namespace MLNet.Seq2Seq.Persistence;

/// <summary>
/// The rules for entry names inside a model file, applied on write and again on read: a name is a relative path of
/// '/'-separated segments that cannot escape the folder it would be extracted to and means the same on every OS.
/// </summary>
internal static class ModelArchiveEntryName
{
    /// <summary>The longest entry name accepted, in characters.</summary>
    public const int MaxLength = 1024;

    /// <summary>Characters that Windows refuses in file names, so a name holding one would extract differently there.</summary>
    private const string WindowsReservedCharacters = "<>\"|?*";

    /// <summary>Compares names the way a case-insensitive file system would, so names differing only in case count as duplicates.</summary>
    public static StringComparer Comparer => StringComparer.OrdinalIgnoreCase;

    /// <summary>Returns why <paramref name="name"/> is not an acceptable entry name, or null when it is.</summary>
    public static string? FindProblem(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
        {
            return "the name is empty";
        }

        if (name.Length > MaxLength)
        {
            return $"the name is {name.Length} characters long; at most {MaxLength} are allowed";
        }

        if (!IsWellFormedUtf16(name))
        {
            return "the name contains an unpaired surrogate character";
        }

        foreach (char c in name)
        {
            if (char.IsControl(c))
            {
                return $"the name contains the control character U+{(int)c:X4}";
            }

            if (c == '\\')
            {
                return "the name contains a backslash; use '/' to separate folders";
            }

            if (c == ':')
            {
                return "the name contains ':', which could be read as a drive letter or stream name";
            }

            if (WindowsReservedCharacters.Contains(c, StringComparison.Ordinal))
            {
                return $"the name contains '{c}', which is not allowed in file names on Windows";
            }
        }

        if (name[0] == '/')
        {
            return "the name is an absolute path; it must be relative";
        }

        foreach (string segment in name.Split('/'))
        {
            if (segment.Length == 0)
            {
                return "the name has an empty segment (a trailing '/' or '//')";
            }

            if (segment is "." or "..")
            {
                return $"the name has a '{segment}' segment";
            }
        }

        return null;
    }

    private static bool IsWellFormedUtf16(string name)
    {
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsHighSurrogate(name[i]) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(name[i]))
            {
                return false;
            }
        }

        return true;
    }
}
