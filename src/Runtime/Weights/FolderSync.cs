using System;
using System.IO;
using System.Runtime.InteropServices;
using Neuroslyn.Weights.Native;

namespace Neuroslyn.Weights;

/// <summary>
/// Flushes a folder's entries to disk, so that a rename into it survives a power loss: on Linux and macOS a rename is
/// durable only once the folder itself is fsynced, which .NET cannot do (it cannot open a folder as a stream), so this
/// opens it read-only through <see cref="LibC"/>, fsyncs and closes it. Elsewhere it does nothing: Windows has no
/// folder flush (NTFS journals the rename itself).
/// </summary>
internal static class FolderSync
{
    /// <summary>True when the folder was flushed; false where there is nothing to do or the folder cannot be opened.</summary>
    /// <exception cref="IOException">The disk reported an error while flushing: the rename may not survive a power loss.</exception>
    public static bool Flush(string folder)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return false;
        }

        int descriptor = LibC.Open(folder, LibC.ReadOnly | LibC.CloseOnExec);
        if (descriptor < 0)
        {
            return false; // e.g. a folder this user may write but not read: the rename stands, durable or not
        }

        try
        {
            if (LibC.FSync(descriptor) == 0)
            {
                return true;
            }

            int error = Marshal.GetLastPInvokeError();
            if (error == LibC.IOError)
            {
                throw new IOException($"The disk reported an error while flushing the folder {folder} after the weight file was renamed into it (EIO): the new file may not survive a power loss.");
            }

            return false; // EINVAL and the like: a file system that does not sync folders
        }
        finally
        {
            LibC.Close(descriptor);
        }
    }
}
