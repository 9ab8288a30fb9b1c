using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Json;
using Neuroslyn.Benchmarks.Peers;
using Neuroslyn.Benchmarks.Workloads;

namespace Neuroslyn.Benchmarks.Modes;

/// <summary>
/// <c>--machine FILE</c>: what the runtime sees (vector widths, cores) and the FLOP counts the benchmarks define, as
/// JSON for run.sh's table, so the table's GFLOP/s and the width it names come from the code that ran.
/// </summary>
public static class MachineInfo
{
    /// <summary>Writes the JSON to <paramref name="path"/>; returns the exit code.</summary>
    public static int Write(string path)
    {
        using FileStream stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("runtime", RuntimeInformation.FrameworkDescription);
        json.WriteString("os", RuntimeInformation.OSDescription);
        json.WriteNumber("processorCount", Environment.ProcessorCount);
        json.WriteBoolean("vector512Accelerated", Vector512.IsHardwareAccelerated);
        json.WriteBoolean("vector256Accelerated", Vector256.IsHardwareAccelerated);
        json.WriteString("simdReferenceWidth", SimdMlp.Width);
        json.WriteString("fmaPeakWidth", KernelEfficiency.PeakWidth);
        json.WriteNumber("fmaPeakFlops", KernelEfficiency.PeakFlops);
        json.WriteNumber("largeNetGradientFlops", KernelEfficiency.GradientFlops);
        json.WriteNumber("w2Flops", W2Batch64.Flops);
        json.WriteNumber("cnnFlopsPerSample", W5CnnBatchOne.FlopsPerSample);
        json.WriteNumber("secondConvolutionFlops", SecondConvolution.Flops);
        json.WriteEndObject();
        return 0;
    }
}
