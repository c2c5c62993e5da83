// Compiled by MSBuild's RoslynCodeTaskFactory (netstandard2.0, C# 7.3), not by any project of the solution.
using System;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// Marks one symbol-version need of ELF64 little-endian shared libraries weak (VER_FLG_WEAK in the Vernaux entry of
/// .gnu.version_r), so that the dynamic loader accepts a system library that lacks that version, as long as no symbol
/// bound to it is called. Does nothing where the system library already defines the version.
/// </summary>
public sealed class WeakenVersionNeed : Task
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlagWeak = 0x2;

    /// <summary>The copies to patch in place (in an output or publish folder, never a package cache).</summary>
    [Required]
    public ITaskItem[] Files { get; set; }

    /// <summary>The version need to weaken, e.g. GLIBCXX_3.4.32.</summary>
    [Required]
    public string Version { get; set; }

    /// <summary>The system library that should define <see cref="Version"/>, e.g. libstdc++.so.6.</summary>
    [Required]
    public string SystemLibrary { get; set; }

    /// <inheritdoc />
    public override bool Execute()
    {
        string system = FindSystemLibrary(SystemLibrary);
        if (system != null && Defines(File.ReadAllBytes(system), Version))
        {
            Log.LogMessage(MessageImportance.Low, "{0} defines {1}; nothing to patch.", system, Version);
            return true;
        }

        foreach (var item in Files)
        {
            string path = item.ItemSpec;
            byte[] image = File.ReadAllBytes(path);
            string error;
            int patched = Weaken(image, Version, out error);
            if (error != null)
            {
                Log.LogError("{0}: {1}", path, error);
                return false;
            }

            if (patched == 0)
            {
                continue;
            }

            // Replace the file rather than write through it: an output copy may be a hard link into the package cache.
            string temporary = path + ".patching";
            File.WriteAllBytes(temporary, image);
            File.Delete(path);
            File.Move(temporary, path);
            Log.LogMessage(MessageImportance.High, "Marked the {0} need of {1} weak ({2} lacks it).", Version, path, system ?? SystemLibrary + " (not found)");
        }

        return true;
    }

    /// <summary>
    /// Sets VER_FLG_WEAK on every Vernaux entry named <paramref name="version"/>; returns how many entries changed.
    /// <paramref name="error"/> is set when the image is not an ELF64 little-endian file with well-formed version needs.
    /// </summary>
    private static int Weaken(byte[] image, string version, out string error)
    {
        error = null;
        if (image.Length < 64 || image[0] != 0x7f || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F')
        {
            error = "not an ELF file";
            return 0;
        }

        if (image[4] != 2 || image[5] != 1)
        {
            error = "not a 64-bit little-endian ELF file";
            return 0;
        }

        long sectionTable = (long)BitConverter.ToUInt64(image, 0x28);
        int entrySize = BitConverter.ToUInt16(image, 0x3a);
        int sections = BitConverter.ToUInt16(image, 0x3c);
        int patched = 0;
        for (int s = 0; s < sections; s++)
        {
            long header = sectionTable + (long)s * entrySize;
            if (header + 64 > image.Length)
            {
                error = "section header table runs past the end of the file";
                return 0;
            }

            if (BitConverter.ToUInt32(image, (int)header + 4) != ShtGnuVerneed)
            {
                continue;
            }

            long offset = (long)BitConverter.ToUInt64(image, (int)header + 24);
            int link = (int)BitConverter.ToUInt32(image, (int)header + 40);
            int needs = (int)BitConverter.ToUInt32(image, (int)header + 44);
            long strings = (long)BitConverter.ToUInt64(image, (int)(sectionTable + (long)link * entrySize) + 24);
            long need = offset;
            for (int n = 0; n < needs; n++)
            {
                int count = BitConverter.ToUInt16(image, (int)need + 2);
                long aux = need + BitConverter.ToUInt32(image, (int)need + 8);
                for (int a = 0; a < count; a++)
                {
                    string name = ReadString(image, strings + BitConverter.ToUInt32(image, (int)aux + 8));
                    if (name == version)
                    {
                        int flags = (int)aux + 4;
                        ushort value = (ushort)(BitConverter.ToUInt16(image, flags) | VerFlagWeak);
                        if (value != BitConverter.ToUInt16(image, flags))
                        {
                            image[flags] = (byte)value;
                            image[flags + 1] = (byte)(value >> 8);
                            patched++;
                        }
                    }

                    aux += BitConverter.ToUInt32(image, (int)aux + 12);
                }

                need += BitConverter.ToUInt32(image, (int)need + 12);
            }
        }

        return patched;
    }

    private static string ReadString(byte[] image, long offset)
    {
        int end = Array.IndexOf(image, (byte)0, (int)offset);
        return Encoding.ASCII.GetString(image, (int)offset, end - (int)offset);
    }

    /// <summary>Whether the library's bytes hold the version name (its version definitions are named in its string table).</summary>
    private static bool Defines(byte[] library, string version)
    {
        byte[] needle = Encoding.ASCII.GetBytes(version + "\0");
        for (int i = 0; i + needle.Length <= library.Length; i++)
        {
            int k = 0;
            while (k < needle.Length && library[i + k] == needle[k])
            {
                k++;
            }

            if (k == needle.Length && (i == 0 || library[i - 1] == 0))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The copy of <paramref name="name"/> the loader picks for this machine: the one this build process has loaded
    /// (the .NET host links libstdc++), else the first in the usual library folders; null when none is found.
    /// </summary>
    private static string FindSystemLibrary(string name)
    {
        const string maps = "/proc/self/maps";
        if (File.Exists(maps))
        {
            string loaded = File.ReadAllLines(maps)
                .Select(line => line.IndexOf('/') >= 0 ? line.Substring(line.IndexOf('/')) : null)
                .FirstOrDefault(path => path != null && Path.GetFileName(path).StartsWith(name, StringComparison.Ordinal));
            if (loaded != null && File.Exists(loaded))
            {
                return loaded;
            }
        }

        return new[] { "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib" }
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
    }
}
