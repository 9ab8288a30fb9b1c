using System;
using System.IO;
using Neuroslyn.Weights;
using Xunit;

namespace Neuroslyn.Runtime.Tests.Weights;

/// <summary>The folder fsync after a save's rename binds to the C library and flushes a real folder.</summary>
public sealed class FolderSyncTests
{
    [Fact]
    public void A_folder_is_flushed_on_Linux_and_macOS_and_left_alone_elsewhere()
    {
        string folder = Directory.CreateTempSubdirectory("neuroslyn-sync-").FullName;
        try
        {
            Assert.Equal(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), FolderSync.Flush(folder));
        }
        finally
        {
            Directory.Delete(folder);
        }
    }

    [Fact]
    public void A_folder_that_cannot_be_opened_is_not_an_error()
        => Assert.False(FolderSync.Flush(Path.Combine(Path.GetTempPath(), $"neuroslyn-{Guid.NewGuid():N}")));
}
