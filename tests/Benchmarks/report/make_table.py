"""Writes results/latest.md from one run (issue 4's W1-W4 and issue 21's CNN workloads W5-W7): BenchmarkDotNet's full JSON reports, pytorch_bench.py's JSON, the benchmark
exe's --machine and --accuracy JSON, and lscpu. Called by run.sh; fails if a workload the table needs is missing, so a
broken run never leaves a table with holes.

The targets table gives each ratio twice where it can: from BenchmarkDotNet's medians (each implementation in its own
process, one after another) and from the --interleaved modes (both sides in alternating rounds, so a change in the
machine's load lands on both; the median of the rounds' ratios with its quartiles).

BUILD_TIME_JSON (from build-time/measure.sh, issue 20) adds a section with the build times of ten networks with and
without the generator, and their ratio to the targets; without it the target row says "not measured".

Usage: make_table.py BDN_RESULTS_DIR TORCH_JSON MACHINE_JSON ACCURACY_JSON INTERLEAVED_JSON INTERLEAVED_TRAINING_JSON
                     JIT_STATUS OUTPUT_MD [BUILD_TIME_JSON]
"""
import datetime
import glob
import json
import os
import subprocess
import sys


def load_bdn(folder):
    """{(Type, Method): (median ns per operation, bytes allocated per operation)} from every *-report-full.json."""
    results = {}
    for path in glob.glob(os.path.join(folder, "*-report-full.json")):
        with open(path) as f:
            for b in json.load(f)["Benchmarks"]:
                if b.get("Statistics"):
                    results[(b["Type"], b["Method"])] = (b["Statistics"]["Median"], b["Memory"]["BytesAllocatedPerOperation"])
    return results


def lscpu():
    fields = {}
    for line in subprocess.run(["lscpu"], stdout=subprocess.PIPE, text=True, check=True).stdout.splitlines():
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    flags = fields.get("Flags", "").split()
    return fields.get("Model name", "unknown"), fields.get("CPU(s)", "?"), "avx512f" in flags, "avx2" in flags, "fma" in flags


def time_text(ns):
    if ns >= 1e6:
        return f"{ns / 1e6:,.2f} ms"
    if ns >= 1e3:
        return f"{ns / 1e3:,.2f} µs"
    return f"{ns:,.1f} ns"


def bytes_text(value):
    return "n/a" if value is None else f"{value:,.0f} B"


def verdict(ok):
    """yes / no for a target; n/a for a row given as context (ok is None)."""
    return "n/a" if ok is None else "yes" if ok else "**no**"


def target_row(name, measured, goal, ok, interleaved_text="", interleaved_ok=None):
    # The last cell: blank for a target without an interleaved measurement, n/a for a context row (ok is None).
    return f"| {name} | {measured} | {interleaved_text} | {goal} | {verdict(ok)} | {'' if interleaved_ok is None and ok is not None else verdict(interleaved_ok)} |"


def main():
    bdn_dir, torch_path, machine_path, accuracy_path, interleaved_path, interleaved_training_path, jit_status, output = sys.argv[1:9]
    build_time = None
    if len(sys.argv) > 9:
        with open(sys.argv[9]) as f:
            build_time = json.load(f)
    build_time_cnn = None
    if len(sys.argv) > 10:
        with open(sys.argv[10]) as f:
            build_time_cnn = json.load(f)
    bdn = load_bdn(bdn_dir)
    with open(interleaved_path) as f:
        interleaved = json.load(f)
    with open(interleaved_training_path) as f:
        interleaved.update(json.load(f))
    with open(torch_path) as f:
        torch = json.load(f)
    with open(machine_path) as f:
        machine = json.load(f)
    with open(accuracy_path) as f:
        accuracy = json.load(f)

    def get(kind, method):
        if (kind, method) not in bdn:
            sys.exit(f"make_table: no result for {kind}.{method} in {bdn_dir}")
        return bdn[(kind, method)]

    # The accuracy comparison is only fair if both sides trained on the same batches in the same order.
    if accuracy.get("order") != torch.get("order"):
        sys.exit(f"make_table: C# and PyTorch shuffled differently ({accuracy.get('order')} vs {torch.get('order')})")

    def paired(key, goal_met, unit="x"):
        """The interleaved measurement of one ratio: (text, whether its median meets the goal); "" and None if absent."""
        if key not in interleaved:
            return "", None
        r = interleaved[key]
        scale, fmt = {"x": (1, "{:.2f}x"), "%": (100, "{:.0f}%"), "+%": (100, "{:+.1f}%")}[unit]
        text = f"{fmt.format(scale * r['median'])} ({fmt.format(scale * r['lowerQuartile'])}-{fmt.format(scale * r['upperQuartile'])})"
        return text, goal_met(r["median"])

    model, cpus, avx512, avx2, fma = lscpu()
    peak_gflops = machine["fmaPeakFlops"] / get("KernelEfficiency", "FmaPeak")[0]
    rows, targets = [], []

    def row(workload, name, median_ns, allocated, baseline_ns, extra=""):
        ratio = f"{median_ns / baseline_ns:.2f}x" if baseline_ns else ""
        rows.append(f"| {workload} | {name} | {time_text(median_ns)} | {allocated} | {ratio} | {extra} |")

    # W1, W2, W4: inference medians per call; ratio = time / Neuroslyn's time.
    for workload, kind, peers, torch_key in (("W1 batch-1 784-128-64-10", "W1BatchOne", ["NeuroslynFrozen", "Scalar", "HandWrittenSimd", "OnnxRuntime"], "w1Seconds"),
                                             ("W2 batch-64 784-128-64-10", "W2Batch64", ["NeuroslynFrozen", "Scalar", "OnnxRuntime"], "w2Seconds"),
                                             ("W4 batch-1 2-16-16-1 tanh", "W4Tiny", ["Scalar", "OnnxRuntime"], "w4Seconds")):
        ours, ours_alloc = get(kind, "Neuroslyn")
        gflops = lambda ns: f"{machine['w2Flops'] / ns:.1f} GFLOP/s, {100 * machine['w2Flops'] / ns / peak_gflops:.0f}% of FMA peak" if kind == "W2Batch64" else ""
        row(workload, "Neuroslyn (generated)", ours, bytes_text(ours_alloc), ours, gflops(ours))
        names = {"NeuroslynFrozen": "Neuroslyn, frozen (weight panels packed once)", "Scalar": "plain scalar C#", "HandWrittenSimd": f"hand-written {machine['simdReferenceWidth']}", "OnnxRuntime": "ONNX Runtime 1.31.1 (IOBinding, 1 thread)"}
        for peer in peers:
            median, allocated = get(kind, peer)
            row(workload, names[peer], median, bytes_text(allocated), ours, gflops(median))
        row(workload, f"PyTorch {torch['torch']} (1 thread, inference_mode)", torch[torch_key] * 1e9, "n/a", ours)

    # W1's and W2's targets on both forms: the frozen one is what a service runs (ONNX Runtime, too, packs once per session).
    for form, method in (("frozen", "NeuroslynFrozen"), ("network", "Neuroslyn")):
        w1, w1_alloc = get("W1BatchOne", method)
        targets.append((f"W1 vs ONNX Runtime ({form})", f"{get('W1BatchOne', 'OnnxRuntime')[0] / w1:.2f}x (ORT time / Neuroslyn time)", ">= 2x", get('W1BatchOne', 'OnnxRuntime')[0] / w1 >= 2,
                        *paired(f"w1{form.capitalize()}VsOrt", lambda x: x >= 2)))
        targets.append((f"W1 vs hand-written {machine['simdReferenceWidth']} ({form})", f"{w1 / get('W1BatchOne', 'HandWrittenSimd')[0]:.2f}x (Neuroslyn time / reference time)", "<= 1.2x", w1 / get('W1BatchOne', 'HandWrittenSimd')[0] <= 1.2,
                        *paired(f"w1{form.capitalize()}VsHandWritten", lambda x: x <= 1.2)))
        targets.append((f"W1 allocation per call ({form})", bytes_text(w1_alloc), "0 B", w1_alloc == 0))
    for form, method in (("frozen", "NeuroslynFrozen"), ("network", "Neuroslyn")):
        w2 = get("W2Batch64", method)[0]
        targets.append((f"W2 vs ONNX Runtime ({form})", f"{get('W2Batch64', 'OnnxRuntime')[0] / w2:.2f}x (ORT time / Neuroslyn time)", ">= 1x", get('W2Batch64', 'OnnxRuntime')[0] / w2 >= 1,
                        *paired(f"w2{form.capitalize()}VsOrt", lambda x: x >= 1)))
        w2_peak = 100 * machine["w2Flops"] / w2 / peak_gflops
        targets.append((f"W2 % of FMA peak ({form})", f"{w2_peak:.0f}%", ">= 85%", w2_peak >= 85))

    # W3: BenchmarkDotNet's operation is one sample, so samples/s = 1e9 / median ns.
    def rate(method):
        return 1e9 / get("W3Training", method)[0]

    w3_one, w3_one_alloc = rate("Neuroslyn1Thread"), get("W3Training", "Neuroslyn1Thread")[1]
    rows.append(f"| W3 training, batch 32, Adam | Neuroslyn, 1 thread | {w3_one:,.0f} samples/s | {bytes_text(w3_one_alloc * 32)} per step | 1.00x | accuracy after 1 epoch {fmt_acc(accuracy.get('accuracy1Thread'))} |")
    has_two = ("W3Training", "Neuroslyn2Threads") in bdn
    if has_two:
        w3_two, w3_two_alloc = rate("Neuroslyn2Threads"), get("W3Training", "Neuroslyn2Threads")[1]
        identical = accuracy.get("twoThreadsBitIdentical")
        rows.append(f"| W3 training, batch 32, Adam | Neuroslyn, 2 threads | {w3_two:,.0f} samples/s | {bytes_text(w3_two_alloc * 32)} per step | {w3_two / w3_one:.2f}x | accuracy {fmt_acc(accuracy.get('accuracy2Threads'))}; weights bit-identical to 1 thread: {identical} |")
    scalar = rate("Scalar")
    rows.append(f"| W3 training, batch 32, Adam | plain scalar C# | {scalar:,.0f} samples/s | {bytes_text(get('W3Training', 'Scalar')[1] * 32)} per step | {scalar / w3_one:.2f}x | |")
    for threads, key in ((1, "1Thread"), (2, "2Threads")):
        config = f"; best of {', '.join(f'{name}: {rate:,.0f}' for name, rate in torch['w3Candidates2Threads'].items())}" if threads > 1 else ""
        rows.append(f"| W3 training, batch 32, Adam | PyTorch {torch['torch']} + OpenBLAS, {threads} thread{'s' if threads > 1 else ''} | {torch['w3SamplesPerSecond' + key]:,.0f} samples/s | n/a | {torch['w3SamplesPerSecond' + key] / w3_one:.2f}x | accuracy after 1 epoch {fmt_acc(torch.get('w3Accuracy' + key))}{config} |")
    targets.append(("W3 vs PyTorch, 1 thread", f"{w3_one / torch['w3SamplesPerSecond1Thread']:.2f}x the samples/s", ">= 3x (stretch 5x)", w3_one / torch["w3SamplesPerSecond1Thread"] >= 3,
                    *paired("w3VsPyTorch1Thread", lambda x: x >= 3)))
    if has_two:
        targets.append(("W3 vs PyTorch, 2 threads", f"{w3_two / torch['w3SamplesPerSecond2Threads']:.2f}x the samples/s", ">= 3x (stretch 5x)", w3_two / torch["w3SamplesPerSecond2Threads"] >= 3,
                        *paired("w3VsPyTorch2Threads", lambda x: x >= 3)))
        targets.append(("W3 two-thread speed-up", f"{w3_two / w3_one:.2f}x", "reported", True))
        targets.append(("W3 2 threads bit-identical to 1", str(accuracy.get("twoThreadsBitIdentical")), "True", accuracy.get("twoThreadsBitIdentical") is True))
    else:
        targets.append(("W3 2 threads", "not measured: this build has no TrainingThreads (TRAINING_THREADS undefined)", ">= 3x PyTorch", False))
    targets.append(("W3 allocation per step (steady state)", bytes_text(w3_one_alloc * 32), "0 B", w3_one_alloc == 0))
    if accuracy.get("accuracy1Thread") is not None and torch.get("w3Accuracy1Thread") is not None:
        gap = 100 * (accuracy["accuracy1Thread"] - torch["w3Accuracy1Thread"])
        targets.append(("W3 accuracy after 1 epoch vs PyTorch", f"{fmt_acc(accuracy['accuracy1Thread'])} vs {fmt_acc(torch['w3Accuracy1Thread'])} ({gap:+.1f} points)", "same within noise (±1 point)", abs(gap) <= 1))
    w4 = get("W4Tiny", "Neuroslyn")[0]
    targets.append(("W4 vs ONNX Runtime", f"{get('W4Tiny', 'OnnxRuntime')[0] / w4:.1f}x (ORT time / Neuroslyn time)", ">= 20x", get('W4Tiny', 'OnnxRuntime')[0] / w4 >= 20,
                    *paired("w4VsOrt", lambda x: x >= 20)))

    # W5, W6 (issue 21): the CNN's inference; W6's times per sample (BenchmarkDotNet's operation is a batch of 64).
    cnn_flops = machine["cnnFlopsPerSample"]

    def cnn_gflops(ns_per_sample):
        return f"{cnn_flops / ns_per_sample:.1f} GFLOP/s, {100 * cnn_flops / ns_per_sample / peak_gflops:.0f}% of FMA peak"

    names = {"Neuroslyn": "Neuroslyn (generated)", "NeuroslynFrozen": "Neuroslyn, frozen (weight panels packed once)", "OnnxRuntime": "ONNX Runtime 1.31.1 (IOBinding, 1 thread)"}
    for workload, kind, per_call, torch_key in (("W5 batch-1 CNN 1x28x28", "W5CnnBatchOne", 1, "w5Seconds"),
                                                ("W6 batch-64 CNN 1x28x28, per sample", "W6CnnBatch64", 64, "w6Seconds")):
        ours = get(kind, "Neuroslyn")[0] / per_call
        for method in ("Neuroslyn", "NeuroslynFrozen", "OnnxRuntime"):
            median, allocated = get(kind, method)
            note = cnn_gflops(median / per_call) + (f"; {time_text(median)} per batch" if per_call > 1 else "")
            row(workload, names[method], median / per_call, f"{bytes_text(allocated)} per call", ours, note)
        row(workload, f"PyTorch {torch['torch']} (1 thread, inference_mode)", torch[torch_key] * 1e9 / per_call, "n/a", ours, cnn_gflops(torch[torch_key] * 1e9 / per_call))
    for form, method in (("frozen", "NeuroslynFrozen"), ("network", "Neuroslyn")):
        w5, w5_alloc = get("W5CnnBatchOne", method)
        w5_ratio = get("W5CnnBatchOne", "OnnxRuntime")[0] / w5
        targets.append((f"W5 CNN batch 1 vs ONNX Runtime ({form})", f"{w5_ratio:.2f}x (ORT time / Neuroslyn time)", ">= 1.2x (stretch 1.5x)", w5_ratio >= 1.2,
                        *paired(f"w5{form.capitalize()}VsOrt", lambda x: x >= 1.2)))
        targets.append((f"W5 allocation per call ({form})", bytes_text(w5_alloc), "0 B", w5_alloc == 0))
    for form, method in (("frozen", "NeuroslynFrozen"), ("network", "Neuroslyn")):
        w6_ratio = get("W6CnnBatch64", "OnnxRuntime")[0] / get("W6CnnBatch64", method)[0]
        targets.append((f"W6 CNN batch 64 vs ONNX Runtime, per sample ({form})", f"{w6_ratio:.2f}x (ORT time / Neuroslyn time)", ">= 1x", w6_ratio >= 1,
                        *paired(f"w6{form.capitalize()}VsOrt", lambda x: x >= 1)))

    # W7 (issue 21): the CNN's training, batch 64; BenchmarkDotNet's operation is one sample.
    def rate7(method):
        return 1e9 / get("W7CnnTraining", method)[0]

    w7 = {1: rate7("Neuroslyn1Thread"), 2: rate7("Neuroslyn2Threads")}
    w7_alloc = {1: get("W7CnnTraining", "Neuroslyn1Thread")[1], 2: get("W7CnnTraining", "Neuroslyn2Threads")[1]}
    w7_torch = {1: torch["w7SamplesPerSecond1Thread"], 2: torch["w7SamplesPerSecond2Threads"]}
    label7 = "W7 training CNN, batch 64, Adam"
    rows.append(f"| {label7} | Neuroslyn, 1 thread | {w7[1]:,.0f} samples/s | {bytes_text(w7_alloc[1] * 64)} per step | 1.00x | accuracy after 1 epoch {fmt_acc(accuracy.get('w7Accuracy1Thread'))} ({accuracy.get('w7Seconds1Thread', float('nan')):.1f} s) |")
    rows.append(f"| {label7} | Neuroslyn, 2 threads | {w7[2]:,.0f} samples/s | {bytes_text(w7_alloc[2] * 64)} per step | {w7[2] / w7[1]:.2f}x | accuracy {fmt_acc(accuracy.get('w7Accuracy2Threads'))}; weights bit-identical to 1 thread: {accuracy.get('w7TwoThreadsBitIdentical')} |")
    rows.append(f"| {label7} | PyTorch {torch['torch']} + OpenBLAS, 1 thread | {w7_torch[1]:,.0f} samples/s | n/a | {w7_torch[1] / w7[1]:.2f}x | accuracy after 1 epoch {fmt_acc(torch.get('w7Accuracy1Thread'))} |")
    rows.append(f"| {label7} | PyTorch {torch['torch']} + OpenBLAS, 2 threads | {w7_torch[2]:,.0f} samples/s | n/a | {w7_torch[2] / w7[1]:.2f}x | best of {', '.join(f'{name}: {r:,.0f}' for name, r in torch['w7Candidates2Threads'].items())} |")
    for threads, key in ((1, "w7VsPyTorch1Thread"), (2, "w7VsPyTorch2Threads")):
        targets.append((f"W7 CNN training vs PyTorch, {threads} thread{'s' if threads > 1 else ''}", f"{w7[threads] / w7_torch[threads]:.2f}x the samples/s", ">= 2x (stretch 3x)", w7[threads] / w7_torch[threads] >= 2,
                        *paired(key, lambda x: x >= 2)))
    targets.append(("W7 2 threads bit-identical to 1", str(accuracy.get("w7TwoThreadsBitIdentical")), "True", accuracy.get("w7TwoThreadsBitIdentical") is True))
    targets.append(("W7 allocation per step (steady state)", bytes_text(max(w7_alloc.values()) * 64), "0 B", max(w7_alloc.values()) == 0))
    if accuracy.get("w7Accuracy1Thread") is not None and torch.get("w7Accuracy1Thread") is not None:
        gap = 100 * (accuracy["w7Accuracy1Thread"] - torch["w7Accuracy1Thread"])
        targets.append(("W7 accuracy after 1 epoch vs PyTorch", f"{fmt_acc(accuracy['w7Accuracy1Thread'])} vs {fmt_acc(torch['w7Accuracy1Thread'])} ({gap:+.1f} points)", "same within noise (±1 point)", abs(gap) <= 1))
    else:
        targets.append(("W7 accuracy after 1 epoch vs PyTorch", "not measured: no test set (install dataset-fashion-mnist)", "same within noise (±1 point)", False))

    # Kernel efficiency and monitor cost.
    large, large_alloc = get("KernelEfficiency", "LargeNetGradients")
    large_gflops = machine["largeNetGradientFlops"] / large
    rows.append(f"| Kernel: FMA peak, 12 {machine['fmaPeakWidth']} chains | measured | {peak_gflops:.1f} GFLOP/s | {bytes_text(get('KernelEfficiency', 'FmaPeak')[1])} | | {time_text(get('KernelEfficiency', 'FmaPeak')[0])} for {machine['fmaPeakFlops']:,} FLOP |")
    rows.append(f"| Kernel: 1024-1024-1024-1024 ComputeGradients, batch 256 | Neuroslyn | {large_gflops:.1f} GFLOP/s | {bytes_text(large_alloc)} | | {time_text(large)} for {machine['largeNetGradientFlops']:,} FLOP, {100 * large_gflops / peak_gflops:.0f}% of peak |")
    targets.append(("Kernel: forward + backward at batch 256, % of FMA peak", f"{100 * large_gflops / peak_gflops:.0f}%", ">= 70%", large_gflops / peak_gflops >= 0.7,
                    *paired("kernelShareOfPeak", lambda x: x >= 0.7, unit="%")))
    conv, conv_alloc = get("KernelEfficiency", "SecondConvolution")
    conv_gflops = machine["secondConvolutionFlops"] / conv
    rows.append(f"| Kernel: the CNN's second convolution (32x14x14 -> 64, 3x3) forward + backward, batch 64 | Neuroslyn | {conv_gflops:.1f} GFLOP/s | {bytes_text(conv_alloc)} | | {time_text(conv)} for {machine['secondConvolutionFlops']:,} FLOP, {100 * conv_gflops / peak_gflops:.0f}% of peak |")
    targets.append(("Kernel: CNN second convolution forward + backward at batch 64, % of FMA peak", f"{100 * conv_gflops / peak_gflops:.0f}%", ">= 70%", conv_gflops / peak_gflops >= 0.7,
                    *paired("secondConvolutionShareOfPeak", lambda x: x >= 0.7, unit="%")))
    # Not a target: the products' inner loop with its operands in L1 (same FLOPs as the FMA loop). Well below 100% means
    # the machine slowed code that loads while it multiplies during the run, which caps every product built from it.
    tile = get("KernelEfficiency", "CacheResidentTile")[0]
    tile_share = get("KernelEfficiency", "FmaPeak")[0] / tile
    rows.append(f"| Kernel: the products' 6-row tile, operands in L1 (ceiling, not a target) | hand-written | {peak_gflops * tile_share:.1f} GFLOP/s | {bytes_text(get('KernelEfficiency', 'CacheResidentTile')[1])} | | {time_text(tile)} for {machine['fmaPeakFlops']:,} FLOP, {100 * tile_share:.0f}% of peak |")
    targets.append(("Ceiling, not a target: the products' tile with operands in L1, % of FMA peak", f"{100 * tile_share:.0f}%", "context", None,
                    *paired("cacheResidentTileShareOfPeak", lambda x: None, unit="%")))
    plain, plain_alloc = get("MonitorCost", "PlainStep")
    monitored, monitored_alloc = get("MonitorCost", "MonitoredStep")
    overhead = 100 * (monitored / plain - 1)
    rows.append(f"| Monitor: FashionNet 784-256-128-10 step, batch 64 | without monitor | {time_text(plain)} | {bytes_text(plain_alloc)} | 1.00x | |")
    rows.append(f"| Monitor: FashionNet 784-256-128-10 step, batch 64 | Monitor = true + TrainingMonitor | {time_text(monitored)} | {bytes_text(monitored_alloc)} | {monitored / plain:.2f}x | overhead {overhead:+.1f}% |")
    targets.append(("Monitor overhead per training step", f"{overhead:+.1f}%", "< 10%", overhead < 10,
                    *paired("monitorOverhead", lambda x: x < 0.1, unit="+%")))
    targets.append(("No generated method compiled with MinOpts (--check-jit)", jit_status, "passed", jit_status == "passed"))

    # Build time (issue 20): the same console app with ten networks and with ten plain classes, built in turn.
    build_lines = []
    if build_time is None:
        targets.append(("Build time with / without the generator, ten networks (issue 20)", "not measured: no build-time JSON", "<= 1.5x (aim 1.1x)", False))
    else:
        b = build_time
        rounds = b["roundRatios"]
        targets.append(("Build time with / without the generator, ten networks (issue 20)",
                         f"{b['ratio']:.2f}x ({b['withMedian']:.1f} s / {b['withoutMedian']:.1f} s; single rounds {min(rounds):.2f}x-{max(rounds):.2f}x)",
                         "<= 1.5x (aim 1.1x)", b["ratio"] <= 1.5))
        rebuilt = (" **A referenced project was rebuilt during the timed builds (edited or built elsewhere): these times include that work.**"
                   if b["referencesRebuilt"] else "")
        build_lines = [
            "## Build time (issue 20)",
            "",
            f"A console app referencing the runtime, the generator and the analyzers as projects, with ten FashionNet-sized networks "
            f"(784-256-128-10, the hidden sizes varied) and two lines of Program.cs, against the same app with the attributes removed. "
            f"Each build follows `touch Networks.cs`: `{b['command']}`, {b['builds']} builds of each in turn (with, without, with, ...), "
            f"compiler server {b['compilerServer']}, SDK {b['sdk']}; load average {b['loadAverage']} at the end.{rebuilt}",
            "",
            "| Build | Median | Range | Ratio to without | Notes |",
            "|---|---:|---:|---:|---|",
            f"| with the generator: ten networks | {b['withMedian']:.2f} s | {b['withMin']:.2f}-{b['withMax']:.2f} s | {b['ratio']:.2f}x | "
            f"generated source of one network ({b['generatedFile']}): {b['generatedLines']:,} lines, {b['generatedBytes']:,} bytes; "
            f"all {b['generatedFiles']}: {b['generatedLinesAll']:,} lines, {b['generatedBytesAll']:,} bytes |",
            f"| without: ten plain classes | {b['withoutMedian']:.2f} s | {b['withoutMin']:.2f}-{b['withoutMax']:.2f} s | 1.00x | |",
            "",
        ]

    # Issue 21: the same measurement over ten image networks (five CNNs like the sample's, five small ResNets).
    if build_time_cnn is None:
        targets.append(("Build time with / without the generator, ten image networks (issue 21)", "not measured: no CNN build-time JSON", "<= 1.5x (aim 1.1x)", False))
    else:
        c = build_time_cnn
        rounds = c["roundRatios"]
        targets.append(("Build time with / without the generator, ten image networks (issue 21)",
                         f"{c['ratio']:.2f}x ({c['withMedian']:.1f} s / {c['withoutMedian']:.1f} s; single rounds {min(rounds):.2f}x-{max(rounds):.2f}x)",
                         "<= 1.5x (aim 1.1x)", c["ratio"] <= 1.5))
        build_lines += [
            "The same measurement over ten image networks (`measure.sh --networks cnn`: five CNNs the size of the sample's, "
            f"five small ResNets with an identity and a projection block), {c['builds']} builds of each, load average {c['loadAverage']} at the end"
            + (" (a referenced project was rebuilt during the timed builds)" if c["referencesRebuilt"] else "") + ":",
            "",
            "| Build | Median | Range | Ratio to without | Notes |",
            "|---|---:|---:|---:|---|",
            f"| with the generator: ten image networks | {c['withMedian']:.2f} s | {c['withMin']:.2f}-{c['withMax']:.2f} s | {c['ratio']:.2f}x | "
            f"generated source of one network ({c['generatedFile']}): {c['generatedLines']:,} lines, {c['generatedBytes']:,} bytes; "
            f"all {c['generatedFiles']}: {c['generatedLinesAll']:,} lines, {c['generatedBytesAll']:,} bytes |",
            f"| without: ten plain classes | {c['withoutMedian']:.2f} s | {c['withoutMin']:.2f}-{c['withoutMax']:.2f} s | 1.00x | |",
            "",
        ]

    width = "Vector512" if machine["vector512Accelerated"] else "Vector256" if machine["vector256Accelerated"] else "Vector128"
    lines = [
        "# Neuroslyn benchmarks",
        "",
        f"Run {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC by tests/Benchmarks/run.sh. Machine: **{model}**, {cpus} cores, "
        f"AVX-512: {'yes' if avx512 else 'no'}, AVX2: {'yes' if avx2 else 'no'}, FMA: {'yes' if fma else 'no'} "
        f"(the generated code runs its {width} kernels); {machine['runtime']}, {machine['os']}; PyTorch {torch['torch']} ({torch['blasInfo']}) with {torch['blas']} loaded. "
        f"Training data: {accuracy['data']}. Load average (1/5/15 min) when the table was written: {load_average()} "
        f"on {cpus} cores; well above 0 means other work shared the cores and the timings are noisy.",
        "",
        "Medians. Ratio: time relative to Neuroslyn's for inference and monitor rows (above 1 = slower than Neuroslyn), "
        "samples/s relative to Neuroslyn's one thread for W3 and W7. Allocated: bytes per call, per step for W3 and W7 (BenchmarkDotNet's MemoryDiagnoser; n/a for PyTorch).",
        "",
        "| Workload | Implementation | Median | Allocated | Ratio | Notes |",
        "|---|---|---:|---:|---:|---|",
        *rows,
        "",
        "## Targets (issues 4 and 21)",
        "",
        f"Measured: from the medians above. Interleaved: the same ratio measured again in alternating rounds (A B, B A, ...; "
        f"{interleaved['rounds']} rounds in one process for inference and the kernels, {interleaved['w3Rounds']} epochs each "
        f"against a PyTorch process for W3, {interleaved['w7Rounds']} segments of {interleaved['w7RoundSamples']:,} samples each for W7): "
        "median of the rounds' ratios, quartiles in brackets.",
        "",
        "| Target | Measured | Interleaved | Goal | Met | Met, interleaved |",
        "|---|---|---|---|---|---|",
        *[target_row(*target) for target in targets],
        "",
        *build_lines,
    ]
    os.makedirs(os.path.dirname(output), exist_ok=True)
    with open(output, "w") as f:
        f.write("\n".join(lines))
    print("\n".join(lines))


def load_average():
    with open("/proc/loadavg") as f:
        return "/".join(f.read().split()[:3])


def fmt_acc(value):
    return "n/a (no test set)" if value is None else f"{value:.4f}"


if __name__ == "__main__":
    main()
