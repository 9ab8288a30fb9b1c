using System;
using System.IO;

namespace Neuroslyn.Weights;

/// <summary>
/// Replaces a file all at once: the content goes to a temporary file in the same folder (held exclusively while it is
/// written), which is flushed to disk and then renamed over the target, and the folder is flushed after the rename
/// (<see cref="FolderSync"/>) so that the new name survives a power loss too. Readers see the old file or the new one,
/// never a part of the new one; a failure while writing leaves the old file as it was and removes the temporary one.
/// A process killed mid-save cannot remove its temporary file, so each successful save removes those of the same target
/// that no live save holds (<see cref="StaleTemporaryFiles"/>).
/// </summary>
internal static class AtomicFile
{
    /// <param name="path">The file to replace or create.</param>
    /// <param name="write">Writes the whole content.</param>
    /// <param name="wrap">For tests: wraps the temporary file's stream (e.g. to fail after some bytes).</param>
    public static void Write(string path, Action<Stream> write, Func<Stream, Stream>? wrap = null)
    {
        string target = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(target) ?? throw new ArgumentException($"'{path}' names no file.", nameof(path));
        string temporary = StaleTemporaryFiles.NewName(target);
        try
        {
            // FileShare.None is the lock that tells StaleTemporaryFiles this file is being written.
            bool renamed = false;
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            {
                Stream stream = wrap is null ? file : wrap(file);
                write(stream);
                stream.Flush();
                file.Flush(flushToDisk: true);
                if (!OperatingSystem.IsWindows())
                {
                    // Unix renames a file that is open: renamed before the close, the file is locked until it has its
                    // final name, so no cleaner can take it between the close and the rename.
                    File.Move(temporary, target, overwrite: true);
                    renamed = true;
                }
            }

            if (!renamed)
            {
                File.Move(temporary, target, overwrite: true);
            }
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }

        FolderSync.Flush(folder);
        StaleTemporaryFiles.Remove(target);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the original exception is the one to report.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
