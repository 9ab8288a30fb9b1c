using System.Runtime.InteropServices;

namespace Neuroslyn.Weights.Native;

/// <summary>
/// The few C library calls that .NET does not expose and the weight files need: a file's type before it is opened
/// (a FIFO's open would block), and an fsync of a folder (.NET cannot open a folder as a stream). Linux and macOS
/// only; callers check <see cref="System.OperatingSystem"/> first. Source-generated marshalling of blittable arguments,
/// so that Native AOT needs nothing at run time.
/// </summary>
internal static partial class LibC
{
    private const string Library = "libc";

    /// <summary><c>open(2)</c> without <c>O_CREAT</c>, so with no mode argument.</summary>
    [LibraryImport(Library, EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Open(string path, int flags);

    [LibraryImport(Library, EntryPoint = "fsync", SetLastError = true)]
    public static partial int FSync(int descriptor);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int descriptor);

    /// <summary>Linux's <c>statx(2)</c> (glibc 2.28+), whose <c>struct statx</c> is the same on every architecture.</summary>
    [LibraryImport(Library, EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Statx(int directory, string path, int flags, uint mask, ref byte buffer);

    /// <summary>macOS's <c>stat(2)</c> with 64-bit inodes (the only one on arm64, <c>stat$INODE64</c> on x64).</summary>
    [LibraryImport(Library, EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int StatArm64(string path, ref byte buffer);

    [LibraryImport(Library, EntryPoint = "stat$INODE64", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int StatX64(string path, ref byte buffer);

    public const int ReadOnly = 0; // O_RDONLY on Linux and macOS

    /// <summary><c>O_CLOEXEC</c>: a child process started meanwhile must not inherit the descriptor.</summary>
    public static int CloseOnExec => System.OperatingSystem.IsMacOS() ? 0x0100_0000 : 0x8_0000;

    public const int AtCurrentDirectory = -100; // AT_FDCWD on Linux
    public const uint StatxType = 0x1;          // STATX_TYPE: only the file's type is asked for

    /// <summary>Offset of the 16-bit mode in Linux's <c>struct statx</c> and in macOS's <c>struct stat</c>.</summary>
    public const int StatxModeOffset = 28;
    public const int MacStatModeOffset = 4;

    /// <summary>Bigger than <c>struct statx</c> (256 bytes) and macOS's <c>struct stat</c> (144 bytes).</summary>
    public const int StatBufferSize = 512;

    // File types in st_mode, the same on Linux and macOS.
    public const int TypeMask = 0xF000;
    public const int Fifo = 0x1000;
    public const int CharacterDevice = 0x2000;
    public const int Directory = 0x4000;
    public const int BlockDevice = 0x6000;
    public const int RegularFile = 0x8000;
    public const int Socket = 0xC000;

    // errno values, the same on Linux and macOS.
    public const int NoEntry = 2;         // ENOENT
    public const int IOError = 5;         // EIO
    public const int AccessDenied = 13;   // EACCES
    public const int NotADirectory = 20;  // ENOTDIR
}
