#!/usr/bin/env bash
# Runs the benchmark suite of issues 4 and 21 and writes tests/Benchmarks/results/latest.md:
#   1. peers/make_onnx.py writes the ONNX models and safetensors weights (fixed seeds) every implementation loads;
#   2. builds the benchmarks (Release) and runs --check-jit (no generated method compiled with MinOpts);
#   3. --machine (vector widths, FLOP counts) and --accuracy (one W3 epoch and one W7 CNN epoch, test accuracy, 1 and
#      2 threads);
#   4. BenchmarkDotNet: W1-W7, kernel efficiency (the 1024-wide dense layers and the CNN's second convolution), monitor
#      cost (bounded job: about 12 minutes on 2 quiet cores);
#   5. peers/pytorch_bench.py: PyTorch with OpenBLAS on the same workloads, 1 and 2 threads (one CNN epoch included);
#   6. --interleaved and --interleaved-training: the target ratios again, both sides timed in alternating rounds
#      (in one process; for W3 epoch by epoch and for W7 segment by segment against a long-lived PyTorch process),
#      which a shared machine's changing load cannot tilt the way it can tilt two measurements taken minutes apart
#      (about 4 minutes);
#   7. build-time/measure.sh (issue 20): a console app with ten FashionNet-sized networks and its twin with plain
#      classes, built in turn, 5 builds each with the compiler server off (about 4 minutes); again with --networks cnn
#      over ten image networks, five CNNs and five small ResNets (issue 21; about 4 minutes more);
#   8. report/make_table.py: one Markdown table with the peers, medians, allocations and the issue's target ratios.
# Needs the .NET 10 SDK and Debian's python3-torch, python3-onnx and libopenblas0. Timings are only meaningful on an
# otherwise idle machine. Extra arguments go to BenchmarkDotNet (the table needs every workload, so use them only to
# experiment, e.g. --filter '*W1*'; the table step then fails).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
artifacts="$here/artifacts"
python=/usr/bin/python3   # Debian's interpreter: the one python3-torch and python3-onnx install into
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if ! "$python" -c 'import torch, onnx' 2>/dev/null; then
  echo "Debian's PyTorch and ONNX are needed: sudo apt-get install -y python3-torch python3-onnx libopenblas0" >&2
  exit 1
fi

rm -rf "$artifacts"
mkdir -p "$artifacts"
export NEUROSLYN_BENCH_MODELS="$artifacts/models"

echo "==> ONNX models and weights"
(cd "$here/peers" && "$python" make_onnx.py "$NEUROSLYN_BENCH_MODELS")

echo "==> Build"
dotnet build "$here/Neuroslyn.Benchmarks.csproj" -c Release
exe=(dotnet "$here/bin/Release/net10.0/Neuroslyn.Benchmarks.dll")

echo "==> JIT check"
if "${exe[@]}" --check-jit; then jit=passed; else jit=failed; fi

echo "==> Machine and one-epoch accuracy"
"${exe[@]}" --machine "$artifacts/machine.json"
"${exe[@]}" --accuracy "$artifacts/accuracy.json"

echo "==> BenchmarkDotNet"
(cd "$here" && "${exe[@]}" --filter '*' --artifacts "$artifacts/bdn" "$@")

echo "==> PyTorch"
(cd "$here/peers" && "$python" pytorch_bench.py "$artifacts/torch.json")

echo "==> Interleaved ratios"
"${exe[@]}" --interleaved "$artifacts/interleaved.json"
"${exe[@]}" --interleaved-training "$artifacts/interleaved-training.json" "$here/peers" "$artifacts/torch.json"

echo "==> Build time (ten networks, with and without the generator)"
bash "$here/build-time/measure.sh" "$artifacts/build-time.json"
bash "$here/build-time/measure.sh" --networks cnn "$artifacts/build-time-cnn.json"

echo "==> Table"
"$python" "$here/report/make_table.py" "$artifacts/bdn/results" "$artifacts/torch.json" "$artifacts/machine.json" \
  "$artifacts/accuracy.json" "$artifacts/interleaved.json" "$artifacts/interleaved-training.json" "$jit" "$here/results/latest.md" \
  "$artifacts/build-time.json" "$artifacts/build-time-cnn.json"
echo "Wrote $here/results/latest.md"
[ "$jit" = passed ]
