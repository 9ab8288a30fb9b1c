using System;
using System.IO;
using System.Linq;
using Neuroslyn.Weights;
using Xunit;

namespace Neuroslyn.Runtime.Tests.Weights;

/// <summary>
/// A save killed mid-way leaves its hidden <c>.NAME.&lt;guid&gt;.tmp</c> file behind; the next save of the same target
/// removes such leftovers, but never one that another save may still be writing: one held open (locked), one written
/// to in the last minutes, or one of another target or of another name pattern.
/// </summary>
public sealed class StaleTemporaryFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("neuroslyn-stale-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_save_removes_the_temporary_files_that_killed_saves_of_the_same_target_left()
    {
        string path = Path.Combine(_folder, "model.safetensors");
        string[] leftovers = [Leftover("model.safetensors", age: TimeSpan.FromHours(2)), Leftover("model.safetensors", age: TimeSpan.FromMinutes(30))];

        WeightFile.Save(new InteropNet(1), path);

        Assert.All(leftovers, leftover => Assert.False(File.Exists(leftover), $"{leftover} is still there."));
        Assert.Equal(["model.safetensors"], Files());
    }

    [Fact]
    public void A_temporary_file_another_save_holds_open_is_left_alone_however_old()
    {
        string path = Path.Combine(_folder, "model.safetensors");
        string busy = Leftover("model.safetensors", age: TimeSpan.FromHours(2));

        // Another writer: a save holds its temporary file open exclusively while it writes.
        using (new FileStream(busy, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            WeightFile.Save(new InteropNet(1), path);
        }

        Assert.True(File.Exists(busy));
    }

    [Fact]
    public void The_guard_is_measured_from_the_last_write_so_that_kills_in_a_row_leave_only_the_last_moments_files()
    {
        // On Unix the guard is seconds (a live save holds its lock from just after creating the file to after its
        // rename), so a run of killed saves leaves no pile behind the next save; the 250 kills left 191.
        string path = Path.Combine(_folder, "model.safetensors");
        string older = Leftover("model.safetensors", age: StaleTemporaryFiles.StaleAfter + TimeSpan.FromSeconds(3));
        string newer = Leftover("model.safetensors", age: StaleTemporaryFiles.StaleAfter - TimeSpan.FromSeconds(3));

        WeightFile.Save(new InteropNet(1), path);

        Assert.False(File.Exists(older));
        Assert.True(File.Exists(newer));
        Assert.True(OperatingSystem.IsWindows() || StaleTemporaryFiles.StaleAfter <= TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void A_recent_temporary_file_is_left_alone_even_when_nothing_holds_it()
    {
        // Between creating its file and locking it, another save holds nothing yet.
        string path = Path.Combine(_folder, "model.safetensors");
        string recent = Leftover("model.safetensors", age: TimeSpan.FromSeconds(2));

        WeightFile.Save(new InteropNet(1), path);

        Assert.True(File.Exists(recent));
    }

    [Fact]
    public void Temporary_files_of_other_targets_and_other_files_are_left_alone()
    {
        string path = Path.Combine(_folder, "model.safetensors");
        string other = Leftover("other.safetensors", age: TimeSpan.FromHours(2));
        string prefixed = Leftover("model.safetensors.bak", age: TimeSpan.FromHours(2));
        string notOurs = Path.Combine(_folder, ".model.safetensors.notes.tmp");
        File.WriteAllText(notOurs, "a user's file that only looks like ours");
        File.SetLastWriteTimeUtc(notOurs, DateTime.UtcNow.AddHours(-2));

        WeightFile.Save(new InteropNet(1), path);

        Assert.True(File.Exists(other));
        Assert.True(File.Exists(prefixed));
        Assert.True(File.Exists(notOurs));
    }

    [Fact]
    public void The_temporary_file_is_locked_while_the_save_writes_it()
    {
        string path = Path.Combine(_folder, "model.safetensors");
        Exception? opened = null;

        WeightFile.Save(new InteropNet(1), path, options: null, wrap: stream =>
        {
            string temporary = Assert.Single(Directory.GetFiles(_folder, ".model.safetensors.*.tmp"));
            opened = Record.Exception(() => new FileStream(temporary, FileMode.Open, FileAccess.ReadWrite, FileShare.None).Dispose());
            return stream;
        });

        Assert.IsAssignableFrom<IOException>(opened);
    }

    /// <summary>A temporary file as a killed save of <paramref name="target"/> leaves it, last written <paramref name="age"/> ago.</summary>
    private string Leftover(string target, TimeSpan age)
    {
        string path = Path.Combine(_folder, $".{target}.{Guid.NewGuid():N}.tmp");
        File.WriteAllBytes(path, new byte[300]);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow - age);
        return path;
    }

    private string[] Files() => Directory.GetFiles(_folder).Select(file => Path.GetFileName(file)).Order(StringComparer.Ordinal).ToArray();
}
