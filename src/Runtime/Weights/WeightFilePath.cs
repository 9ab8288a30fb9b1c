using System;
using System.IO;

namespace Neuroslyn.Weights;

/// <summary>
/// Opens a weight file for reading, or says why the path is not one: a folder, a FIFO, a device, nothing, or a file this
/// process may not read, each a <see cref="WeightFileException"/> with what to do. Loading reads the header and then
/// seeks to each tensor, so only a regular file will do; and a FIFO must be refused before it is opened, since its open
/// waits for a writer that may never come. (A path swapped for a FIFO between the check and the open would still block:
/// closing that gap needs an open with O_NONBLOCK, which <see cref="FileStream"/> does not offer.)
/// </summary>
internal static class WeightFilePath
{
    public static FileStream OpenRead(string path)
    {
        string? refusal = PathKinds.Of(path) switch
        {
            PathKind.Directory => Folder,
            PathKind.Fifo => NotAFile("a named pipe (FIFO)"),
            PathKind.CharacterDevice => NotAFile("a character device"),
            PathKind.BlockDevice => NotAFile("a block device (a disk or a partition)"),
            PathKind.Socket => NotAFile("a socket"),
            // A file, an unknown type or nothing at all: the open decides, and a missing file's refusal below carries
            // .NET's FileNotFoundException.
            _ => null,
        };
        if (refusal is not null)
        {
            throw WeightFileException.ForPath(path, refusal);
        }

        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw WeightFileException.ForPath(path, Missing(path), exception);
        }
        catch (UnauthorizedAccessException exception)
        {
            // .NET reports a folder this way too, where the type could not be told before (or it changed since).
            throw WeightFileException.ForPath(path, Directory.Exists(path) ? Folder : Unreadable, exception);
        }

        if (!stream.CanSeek)
        {
            // Only where the type could not be told before opening: a pipe or a device that did not block.
            stream.Dispose();
            throw WeightFileException.ForPath(path, NotAFile("a pipe or a device that cannot seek"));
        }

        return stream;
    }

    private const string Folder = "is a folder, not a weight file: pass the path of the .safetensors file in it";

    private static string Unreadable
        => $"cannot be read: this process (user {Environment.UserName}) has no permission to read it. Give that user read permission (e.g. chmod a+r) or load it as a user who may read it";

    private static string NotAFile(string what)
        => $"is {what}, not a regular file: the loader seeks to each tensor, which only a file allows. Save the weights to a file (or copy them into one) and load that";

    private static string Missing(string path)
    {
        string? target = null;
        try
        {
            target = new FileInfo(path).LinkTarget;
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        string where = Path.IsPathRooted(path) ? string.Empty : $" (relative to the current folder {Environment.CurrentDirectory})";
        return target is null
            ? $"does not exist{where}: check the path, or save the network there first with WeightFile.Save"
            : $"is a symbolic link to {target}, which does not exist: check the link, or save the network there first with WeightFile.Save";
    }
}
