using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using Neuroslyn.Benchmarks.Networks;

namespace Neuroslyn.Benchmarks.Workloads;

/// <summary>
/// Kernel efficiency: the FMA peak of one core, measured, and the generated forward plus backward pass of
/// <see cref="LargeNet"/> at batch 256, whose FLOPs are known; GFLOP/s of each is FLOPs / time, and the table reports
/// the second as a percentage of the first. The same for the CNN's second convolution at batch 64
/// (<see cref="Workloads.SecondConvolution"/>).
/// </summary>
[BenchmarkCategory("Kernel")]
// One call per invocation, so warm up long enough for tiered compilation to promote the generated kernels to Tier1
// (30 calls, then a background compile): with a couple of warm-ups they would be measured as Tier0/OSR code.
[WarmupCount(40)]
[IterationCount(8)]
[InvocationCount(1)]
public class KernelEfficiency
{
    /// <summary>Samples per batch.</summary>
    public const int Batch = 256;

    /// <summary>
    /// FLOPs of one <c>ComputeGradients</c> call: the forward products (2·B·in·out per layer, 3 layers), the weight
    /// gradients (the same again) and the input gradients of layers 2 and 3 (the first layer's input needs none):
    /// 8 x 2·256·1024·1024 = 2^32. Element-wise work (ReLU, loss, bias sums) is left out.
    /// </summary>
    public const long GradientFlops = 8L * 2 * Batch * 1024 * 1024;

    /// <summary>FLOPs of one FMA-peak invocation, whatever the vector width (the iteration count adapts).</summary>
    public const long PeakFlops = 3L << 29;

    private const int Accumulators = 12;

    private readonly float[] _inputs = new float[Batch * LargeNet.InputSize];
    private readonly float[] _targets = new float[Batch * LargeNet.OutputSize];
    private LargeNet _network = null!;
    private CacheResidentTile _tile = null!;
    private SecondConvolution _convolution = null!;

    /// <summary>Random inputs and targets; one warm-up call so the training buffers exist before timing.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(3);
        for (int i = 0; i < _inputs.Length; i++)
        {
            _inputs[i] = random.NextSingle();
        }

        for (int i = 0; i < _targets.Length; i++)
        {
            _targets[i] = random.NextSingle();
        }

        _network = new LargeNet();
        _network.ComputeGradients(_inputs, _targets);
        _tile = new CacheResidentTile(Vector512.IsHardwareAccelerated);
        _tile.Check();
        _convolution = new SecondConvolution();
        _convolution.Run();
        Console.WriteLine($"// FMA peak width: {PeakWidth}");
    }

    /// <summary>The width the FMA loop runs in: the widest accelerated one.</summary>
    public static string PeakWidth => Vector512.IsHardwareAccelerated ? "Vector512" : "Vector256";

    /// <summary>12 independent FMA chains of the widest vector: enough in flight to cover the FMA latency on both pipes.</summary>
    [Benchmark]
    public float FmaPeak() => Vector512.IsHardwareAccelerated ? Peak512() : Peak256();

    /// <summary>
    /// Not a target: the generated products' inner loop with its operands in L1, the same FLOPs as <see cref="FmaPeak"/>;
    /// its share of the peak is the most any product built from that loop can reach at that moment on this machine.
    /// </summary>
    [Benchmark]
    public float CacheResidentTile() => _tile.Run();

    /// <summary>The generated forward and backward pass at batch 256 (no optimizer step).</summary>
    [Benchmark]
    public float LargeNetGradients() => _network.ComputeGradients(_inputs, _targets);

    /// <summary>The CNN's second convolution, forward and backward at batch 64 (<see cref="Workloads.SecondConvolution.Flops"/> FLOPs).</summary>
    [Benchmark]
    public float SecondConvolution() => _convolution.Run();

    // Fully optimised from the first call: the loop is the measurement, not the tiering of it.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Peak256()
    {
        const long Iterations = PeakFlops / (Accumulators * 8 * 2);
        Vector256<float> m = Vector256.Create(0.999f), c = Vector256.Create(1e-3f);
        Vector256<float> a0 = Vector256.Create(0.1f), a1 = Vector256.Create(0.2f), a2 = Vector256.Create(0.3f), a3 = Vector256.Create(0.4f);
        Vector256<float> a4 = Vector256.Create(0.5f), a5 = Vector256.Create(0.6f), a6 = Vector256.Create(0.7f), a7 = Vector256.Create(0.8f);
        Vector256<float> a8 = Vector256.Create(0.9f), a9 = Vector256.Create(1.0f), a10 = Vector256.Create(1.1f), a11 = Vector256.Create(1.2f);
        for (long i = 0; i < Iterations; i++)
        {
            a0 = Vector256.FusedMultiplyAdd(a0, m, c); a1 = Vector256.FusedMultiplyAdd(a1, m, c);
            a2 = Vector256.FusedMultiplyAdd(a2, m, c); a3 = Vector256.FusedMultiplyAdd(a3, m, c);
            a4 = Vector256.FusedMultiplyAdd(a4, m, c); a5 = Vector256.FusedMultiplyAdd(a5, m, c);
            a6 = Vector256.FusedMultiplyAdd(a6, m, c); a7 = Vector256.FusedMultiplyAdd(a7, m, c);
            a8 = Vector256.FusedMultiplyAdd(a8, m, c); a9 = Vector256.FusedMultiplyAdd(a9, m, c);
            a10 = Vector256.FusedMultiplyAdd(a10, m, c); a11 = Vector256.FusedMultiplyAdd(a11, m, c);
        }

        // The sum keeps every chain live, so the JIT cannot drop any of them.
        return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Peak512()
    {
        const long Iterations = PeakFlops / (Accumulators * 16 * 2);
        Vector512<float> m = Vector512.Create(0.999f), c = Vector512.Create(1e-3f);
        Vector512<float> a0 = Vector512.Create(0.1f), a1 = Vector512.Create(0.2f), a2 = Vector512.Create(0.3f), a3 = Vector512.Create(0.4f);
        Vector512<float> a4 = Vector512.Create(0.5f), a5 = Vector512.Create(0.6f), a6 = Vector512.Create(0.7f), a7 = Vector512.Create(0.8f);
        Vector512<float> a8 = Vector512.Create(0.9f), a9 = Vector512.Create(1.0f), a10 = Vector512.Create(1.1f), a11 = Vector512.Create(1.2f);
        for (long i = 0; i < Iterations; i++)
        {
            a0 = Vector512.FusedMultiplyAdd(a0, m, c); a1 = Vector512.FusedMultiplyAdd(a1, m, c);
            a2 = Vector512.FusedMultiplyAdd(a2, m, c); a3 = Vector512.FusedMultiplyAdd(a3, m, c);
            a4 = Vector512.FusedMultiplyAdd(a4, m, c); a5 = Vector512.FusedMultiplyAdd(a5, m, c);
            a6 = Vector512.FusedMultiplyAdd(a6, m, c); a7 = Vector512.FusedMultiplyAdd(a7, m, c);
            a8 = Vector512.FusedMultiplyAdd(a8, m, c); a9 = Vector512.FusedMultiplyAdd(a9, m, c);
            a10 = Vector512.FusedMultiplyAdd(a10, m, c); a11 = Vector512.FusedMultiplyAdd(a11, m, c);
        }

        return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }
}
