using System;
using System.IO;
using System.Linq;
using Neuroslyn.Weights;
using Xunit;

namespace Neuroslyn.Runtime.Tests.Weights;

/// <summary>A save that fails part-way, at any byte, leaves the previous file intact and no temporary file behind.</summary>
public sealed class AtomicSaveTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("neuroslyn-atomic-").FullName;

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(300)]
    [InlineData(1000)]
    public void Crash_mid_save_leaves_the_old_file_intact_and_no_temporary_file(int failAfterBytes)
    {
        string path = Path.Combine(_folder, "model.safetensors");
        WeightFile.Save(new InteropNet(1), path);
        byte[] old = File.ReadAllBytes(path);
        InteropNet changed = WeightFileTests.Trained(steps: 2);

        var crash = Assert.Throws<IOException>(() => WeightFile.Save(changed, path, options: null, wrap: stream => new FailingStream(stream, failAfterBytes)));

        Assert.Equal(FailingStream.Message, crash.Message);
        Assert.Equal(old, File.ReadAllBytes(path));
        Assert.Equal(["model.safetensors"], Directory.GetFiles(_folder).Select(Path.GetFileName));
        var reloaded = new InteropNet(7);
        WeightFile.Load(reloaded, path);
        Assert.Equal(new InteropNet(1).Parameters.ToArray(), reloaded.Parameters.ToArray());
    }

    [Fact]
    public void Crash_on_a_first_save_leaves_no_file_at_all()
    {
        string path = Path.Combine(_folder, "first.safetensors");

        Assert.Throws<IOException>(() => WeightFile.Save(new InteropNet(), path, options: null, wrap: stream => new FailingStream(stream, 100)));

        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public void Successful_save_replaces_the_file_whole()
    {
        string path = Path.Combine(_folder, "model.safetensors");
        File.WriteAllText(path, new string('x', 5000));
        InteropNet network = WeightFileTests.Trained(steps: 1);

        WeightFile.Save(network, path);

        Assert.Equal(WeightFile.ToBytes(network), File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(_folder));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Passes writes through until <c>limit</c> bytes, then fails as a full disk would.</summary>
    private sealed class FailingStream(Stream inner, int limit) : Stream
    {
        public const string Message = "Simulated crash: no space left on device.";

        private long _written;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _written; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            int allowed = (int)Math.Max(0, Math.Min(buffer.Length, limit - _written));
            inner.Write(buffer[..allowed]);
            _written += allowed;
            if (allowed < buffer.Length)
            {
                throw new IOException(Message);
            }
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
