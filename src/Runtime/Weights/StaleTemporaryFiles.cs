using System;
using System.IO;

namespace Neuroslyn.Weights;

/// <summary>
/// Removes the temporary files that saves of one target left when they were killed (<c>.NAME.&lt;guid&gt;.tmp</c>, see
/// <see cref="AtomicFile"/>), never one that another save is still writing. A save holds its temporary file open with
/// <see cref="FileShare.None"/> (an exclusive lock: <c>flock</c> on Unix, a share mode on Windows) until it is renamed,
/// and the kernel drops the lock when the process dies; so a file that can be opened exclusively is one no live save
/// holds. The file must also have gone unwritten for <see cref="StaleAfter"/>, which a save that is writing never does:
/// that covers the instants a live save holds no lock (between creating its file and locking it; on Windows also between
/// closing and renaming it, where Unix renames the file before closing it) and file systems where locks do not reach
/// other machines.
/// </summary>
internal static class StaleTemporaryFiles
{
    /// <summary>
    /// How long a temporary file must have gone unwritten before it counts as a killed save's: 10 seconds on Unix, where
    /// a live save holds its lock from an instant after creating the file to after its rename, so that even saves killed
    /// one after another leave no more than the last few seconds' files (250 kills in 2 minutes had left 191 files
    /// behind with a guard of minutes); 10 minutes on Windows, where the save closes its file before renaming it.
    /// </summary>
    public static readonly TimeSpan StaleAfter = OperatingSystem.IsWindows() ? TimeSpan.FromMinutes(10) : TimeSpan.FromSeconds(10);

    private const string Suffix = ".tmp";
    private const int GuidLength = 32; // Guid "N": 32 hexadecimal digits

    /// <summary>The temporary file's name for a save of <paramref name="target"/> (a full path).</summary>
    public static string NewName(string target)
        => Path.Combine(Path.GetDirectoryName(target)!, $"{Prefix(target)}{Guid.NewGuid():N}{Suffix}");

    /// <summary>Best effort: a file that cannot be removed now is left for the next save.</summary>
    public static void Remove(string target)
    {
        string folder = Path.GetDirectoryName(target)!;
        string prefix = Prefix(target);
        DateTime cutoff = DateTime.UtcNow - StaleAfter;
        try
        {
            // Hidden files too: on Unix a name that starts with a dot is hidden, and every temporary file's does.
            var options = new EnumerationOptions { AttributesToSkip = FileAttributes.Directory, IgnoreInaccessible = true, MatchType = MatchType.Simple };
            foreach (string path in Directory.EnumerateFiles(folder, "*" + Suffix, options))
            {
                if (IsTemporaryOf(Path.GetFileName(path), prefix) && File.GetLastWriteTimeUtc(path) < cutoff)
                {
                    TryRemove(path);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The save itself succeeded; leftovers are only disk space.
        }
    }

    private static string Prefix(string target) => $".{Path.GetFileName(target)}.";

    /// <summary>Exactly the prefix, 32 hexadecimal digits and the suffix: a file only a save of this target names so.</summary>
    private static bool IsTemporaryOf(string name, string prefix)
    {
        if (name.Length != prefix.Length + GuidLength + Suffix.Length
            || !name.StartsWith(prefix, StringComparison.Ordinal)
            || !name.EndsWith(Suffix, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (char digit in name.AsSpan(prefix.Length, GuidLength))
        {
            if (!char.IsAsciiHexDigitLower(digit))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Deletes <paramref name="path"/> while holding it exclusively, or not at all when someone holds it.</summary>
    private static void TryRemove(string path)
    {
        try
        {
            // Windows: FileShare.Delete lets the file go while it is held, and no other open can share it meanwhile.
            // Unix: unlinking a file that is open is allowed, and no save opens a temporary file of another's name.
            // Read access is enough for the lock, and removing a file needs no more (only the folder's write permission).
            using var held = new FileStream(path, FileMode.Open, FileAccess.Read, OperatingSystem.IsWindows() ? FileShare.Delete : FileShare.None, bufferSize: 1);
            File.Delete(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Held by a live save (a sharing violation), or gone already (another save removed it first).
        }
    }
}
