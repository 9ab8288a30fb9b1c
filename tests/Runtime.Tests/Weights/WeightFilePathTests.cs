using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Neuroslyn.Weights;
using Xunit;

namespace Neuroslyn.Runtime.Tests.Weights;

/// <summary>
/// A path that is not a regular file (a folder, a FIFO, a device, nothing at all) is refused with a
/// <see cref="WeightFileException"/> that says what the path is and what to pass instead, before anything is opened:
/// a FIFO never blocks the load. An unreadable file is read on a thread without root's capability to read any file.
/// </summary>
public sealed class WeightFilePathTests : IDisposable
{
    /// <summary>How long a load may take before the test calls it a hang (a FIFO's open blocks until a writer comes).</summary>
    private static readonly TimeSpan s_hang = TimeSpan.FromSeconds(20);

    private readonly string _folder = Directory.CreateTempSubdirectory("neuroslyn-paths-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_folder_is_refused_as_a_folder_and_the_network_is_unchanged()
    {
        InteropNet network = WeightFileTests.Trained(steps: 1);
        NetworkState before = NetworkState.Of(network);

        var exception = Assert.Throws<WeightFileException>(() => WeightFile.Load(network, _folder));

        Assert.Equal(_folder, exception.FilePath);
        Assert.Null(exception.TensorName);
        Assert.StartsWith("is a folder, not a weight file", exception.Problem, StringComparison.Ordinal);
        Assert.Contains("the path of the .safetensors file", exception.Problem, StringComparison.Ordinal);
        before.AssertSame(NetworkState.Of(network));
    }

    [Fact]
    public void A_missing_file_is_a_WeightFileException_that_keeps_the_FileNotFoundException_inside()
    {
        string path = Path.Combine(_folder, "never-saved.safetensors");

        var exception = Assert.Throws<WeightFileException>(() => WeightFile.Load(new InteropNet(), path));

        Assert.Equal($"{path}: does not exist: check the path, or save the network there first with WeightFile.Save", exception.Message);
        Assert.IsType<FileNotFoundException>(exception.InnerException);
    }

    [Fact]
    public void A_missing_folder_on_the_way_is_missing_too()
    {
        string path = Path.Combine(_folder, "no-such-folder", "model.safetensors");

        var exception = Assert.Throws<WeightFileException>(() => WeightFile.Load(new InteropNet(), path));

        Assert.StartsWith("does not exist", exception.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_symbolic_link_to_nothing_names_its_target()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // creating symbolic links needs a privilege there
        }

        string target = Path.Combine(_folder, "gone.safetensors");
        string link = Path.Combine(_folder, "model.safetensors");
        File.CreateSymbolicLink(link, target);

        var exception = Assert.Throws<WeightFileException>(() => WeightFile.Load(new InteropNet(), link));

        Assert.Equal($"is a symbolic link to {target}, which does not exist: check the link, or save the network there first with WeightFile.Save", exception.Problem);
    }

    [Fact]
    public void A_symbolic_link_to_a_weight_file_loads()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string target = Path.Combine(_folder, "real.safetensors");
        string link = Path.Combine(_folder, "latest.safetensors");
        InteropNet trained = WeightFileTests.Trained(steps: 1);
        WeightFile.Save(trained, target);
        File.CreateSymbolicLink(link, target);
        var loaded = new InteropNet(3);

        WeightFile.Load(loaded, link);

        Assert.Equal(trained.Parameters.ToArray(), loaded.Parameters.ToArray());
    }

    [Fact]
    public void A_FIFO_is_refused_before_it_is_opened_instead_of_blocking_the_load()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return; // named pipes in the file system are a Unix thing
        }

        string fifo = Path.Combine(_folder, "model.safetensors");
        MakeFifo(fifo);
        InteropNet network = WeightFileTests.Trained(steps: 1);
        NetworkState before = NetworkState.Of(network);

        Task load = Task.Run(() => WeightFile.Load(network, fifo));
        bool finished = WaitQuietly(load, s_hang);
        if (!finished)
        {
            // Release the blocked open so that the test fails instead of leaving a thread stuck: opening the write end
            // meets the waiting reader at once.
            using (new FileStream(fifo, FileMode.Open, FileAccess.Write))
            {
            }

            WaitQuietly(load, s_hang);
        }

        Assert.True(finished, $"WeightFile.Load on a FIFO did not return within {s_hang.TotalSeconds} s: it opened the FIFO and waited for a writer.");
        var exception = Assert.IsType<WeightFileException>(load.Exception?.InnerException);
        Assert.Equal(fifo, exception.FilePath);
        Assert.StartsWith("is a named pipe (FIFO), not a regular file", exception.Problem, StringComparison.Ordinal);
        before.AssertSame(NetworkState.Of(network));
    }

    [Fact]
    public void A_character_device_is_refused_as_a_device()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        var exception = Assert.Throws<WeightFileException>(() => WeightFile.Load(new InteropNet(), "/dev/zero"));

        Assert.StartsWith("is a character device, not a regular file", exception.Problem, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void A_file_this_process_may_not_read_is_refused_with_what_to_do()
    {
        Assert.True(OperatingSystem.IsLinux(), "The test drops Linux capabilities so that root is refused too.");
        string path = Path.Combine(_folder, "secret.safetensors");
        WeightFile.Save(new InteropNet(), path);
        File.SetUnixFileMode(path, UnixFileMode.None);

        // Root (CI) reads any file: the load runs on a thread without the capabilities that let it.
        WithoutFileReadOverride.Run(() =>
        {
            Assert.Throws<UnauthorizedAccessException>(() => File.OpenRead(path).Dispose());
            var exception = Assert.Throws<WeightFileException>(() => WeightFile.Load(new InteropNet(), path));

            Assert.StartsWith($"cannot be read: this process (user {Environment.UserName}) has no permission to read it", exception.Problem, StringComparison.Ordinal);
            Assert.IsType<UnauthorizedAccessException>(exception.InnerException);
        });
    }

    [Fact]
    public void Every_refusal_of_a_path_is_an_IOException()
    {
        // WeightFileException's remarks promise that catch (IOException) covers every reason a load failed.
        Assert.IsAssignableFrom<IOException>(Record.Exception(() => WeightFile.Load(new InteropNet(), _folder)));
    }

    private static bool WaitQuietly(Task task, TimeSpan timeout)
    {
        try
        {
            return task.Wait(timeout);
        }
        catch (AggregateException)
        {
            return true;
        }
    }

    private static void MakeFifo(string path)
    {
        using Process process = Process.Start(new ProcessStartInfo("mkfifo", [path]) { RedirectStandardError = true })!;
        string error = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(10_000), "mkfifo did not finish.");
        Assert.True(process.ExitCode == 0, $"mkfifo {path} failed: {error}");
    }
}
