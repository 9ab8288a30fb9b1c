using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;

namespace Neuroslyn.Benchmarks.Peers;

/// <summary>
/// PyTorch's W3 or W7 training in a long-lived <c>pytorch_bench.py --serve</c> process, one timed round per
/// <see cref="Round"/> call (a W3 epoch, or a W7 segment of <see cref="Workloads.W7CnnTraining.SegmentBatches"/>
/// batches), so that its rounds can alternate with Neuroslyn's (<see cref="Modes.InterleavedTraining"/>). The thread
/// count and OpenMP wait policy go into the environment before torch is imported, as pytorch_bench.py's own workers do.
/// </summary>
public sealed class PyTorchRounds : IDisposable
{
    /// <summary>Debian's interpreter: the one python3-torch installs into (as run.sh).</summary>
    private const string Python = "/usr/bin/python3";

    private readonly Process _process;

    /// <param name="peersFolder">The folder of pytorch_bench.py and models.py.</param>
    /// <param name="threads">Intra-op threads (OpenMP and OpenBLAS).</param>
    /// <param name="waitPolicy">OMP_WAIT_POLICY, or null for OpenMP's default.</param>
    /// <param name="workload">"w3" or "w7": which training a round is.</param>
    public PyTorchRounds(string peersFolder, int threads, string? waitPolicy, string workload)
    {
        var start = new ProcessStartInfo(Python, [Path.Combine(peersFolder, "pytorch_bench.py"), "--serve", threads.ToString(CultureInfo.InvariantCulture), workload])
        {
            WorkingDirectory = peersFolder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        string count = threads.ToString(CultureInfo.InvariantCulture);
        start.Environment["OMP_NUM_THREADS"] = count;
        start.Environment["OPENBLAS_NUM_THREADS"] = count;
        start.Environment["MKL_NUM_THREADS"] = count;
        start.Environment.Remove("OMP_WAIT_POLICY");
        if (waitPolicy is not null)
        {
            start.Environment["OMP_WAIT_POLICY"] = waitPolicy;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Python}.");
        string? ready = _process.StandardOutput.ReadLine();
        if (ready != "ready")
        {
            Dispose();
            throw new InvalidOperationException($"pytorch_bench.py --serve {threads} {workload} did not start (its first line: {ready ?? "none"}); see its error output above.");
        }
    }

    /// <summary>Trains one round in the PyTorch process; returns its samples/s, as it timed them.</summary>
    public double Round()
    {
        _process.StandardInput.WriteLine("round");
        _process.StandardInput.Flush();
        string line = _process.StandardOutput.ReadLine()
            ?? throw new InvalidOperationException("pytorch_bench.py --serve stopped before answering; see its error output above.");
        return double.Parse(line, CultureInfo.InvariantCulture);
    }

    /// <summary>Ends the process: end of input stops its loop.</summary>
    public void Dispose()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            _process.Kill();
        }

        _process.Dispose();
    }
}
