using System;
using System.IO;
using System.Runtime.InteropServices;
using Neuroslyn.Weights.Native;

namespace Neuroslyn.Weights;

/// <summary>What a path names, as far as loading a weight file cares.</summary>
internal enum PathKind
{
    /// <summary>A regular file, or a symbolic link to one; or a path whose type could not be told (the open decides).</summary>
    FileOrUnknown,

    /// <summary>Nothing is there (also a symbolic link to nothing, or a path through a file as if it were a folder).</summary>
    Missing,

    Directory,

    /// <summary>A named pipe: opening it for reading blocks until some process opens it for writing.</summary>
    Fifo,

    CharacterDevice,

    BlockDevice,

    Socket,
}

/// <summary>
/// Tells what a path is before it is opened, following symbolic links. .NET's <see cref="File.GetAttributes(string)"/>
/// tells a folder from a file but not a FIFO or a device from a regular file, and opening a FIFO blocks, so on Linux and
/// macOS this asks the C library (<see cref="LibC"/>); elsewhere it knows folders only.
/// </summary>
internal static class PathKinds
{
    public static PathKind Of(string path)
    {
        int mode = UnixMode(path, out bool missing);
        if (missing)
        {
            return PathKind.Missing;
        }

        if (mode < 0)
        {
            return Directory.Exists(path) ? PathKind.Directory : PathKind.FileOrUnknown;
        }

        return (mode & LibC.TypeMask) switch
        {
            LibC.Directory => PathKind.Directory,
            LibC.Fifo => PathKind.Fifo,
            LibC.CharacterDevice => PathKind.CharacterDevice,
            LibC.BlockDevice => PathKind.BlockDevice,
            LibC.Socket => PathKind.Socket,
            _ => PathKind.FileOrUnknown,
        };
    }

    /// <summary>The path's <c>st_mode</c>, or -1 when it cannot be had here (another system, no <c>statx</c>, no permission).</summary>
    private static int UnixMode(string path, out bool missing)
    {
        missing = false;
        Span<byte> buffer = stackalloc byte[LibC.StatBufferSize];
        ref byte start = ref MemoryMarshal.GetReference(buffer);
        int result, offset;
        try
        {
            if (OperatingSystem.IsLinux())
            {
                result = LibC.Statx(LibC.AtCurrentDirectory, path, flags: 0, LibC.StatxType, ref start);
                offset = LibC.StatxModeOffset;
            }
            else if (OperatingSystem.IsMacOS())
            {
                result = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? LibC.StatX64(path, ref start) : LibC.StatArm64(path, ref start);
                offset = LibC.MacStatModeOffset;
            }
            else
            {
                return -1;
            }
        }
        catch (EntryPointNotFoundException)
        {
            return -1; // a C library without statx (musl before 1.2.5): the open and the seekability check decide
        }

        if (result != 0)
        {
            int error = Marshal.GetLastPInvokeError();
            missing = error is LibC.NoEntry or LibC.NotADirectory;
            return -1;
        }

        return BitConverter.ToUInt16(buffer.Slice(offset, sizeof(ushort)));
    }
}
