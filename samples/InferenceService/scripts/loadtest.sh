#!/usr/bin/env bash
# Load test of POST /predict on loopback with wrk: JSON pixels of a Fashion-MNIST test image, 2 threads, 32
# connections, for DURATION seconds (default 20) after a 5 s warm-up. Prints requests/s, p50 and p99 latency, non-2xx
# responses and socket errors (wrk's own counts), the service's resident memory sampled every second, and the
# in-process inference time the service measured for the same requests (--timings), so that the HTTP overhead can be
# told from the network's time. Runs the Release build, or the Native AOT binary with `loadtest.sh aot` (publish it
# first with publish-aot.sh). Installs wrk with apt-get if it is missing. Output in scripts/out/load.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
out="$here/out/load"
duration="${DURATION:-20}"
mkdir -p "$out"

if ! command -v wrk >/dev/null 2>&1; then
  echo "==> apt-get install wrk"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi

if [ "${1:-}" = aot ]; then
  service=("$here/out/aot/publish/InferenceService")
  [ -x "${service[0]}" ] || { echo "No Native AOT binary: run publish-aot.sh first."; exit 1; }
else
  dotnet build "$root/samples/InferenceService" -c Release > "$out/build.log" || { tail -n 20 "$out/build.log"; exit 1; }
  service=(dotnet "$root/samples/InferenceService/bin/Release/net10.0/InferenceService.dll")
fi
"$here/train-weights.sh" "$out/fashionnet.safetensors"
node "$here/test-image.mjs" "$root/samples/FashionMnist/data" 0 "$out/test-image-0" > /dev/null

port=$(node "$here/free-port.mjs")
url="http://127.0.0.1:$port"
# Warning-level logs: the per-request information lines would measure the console, not the service.
"${service[@]}" --weights "$out/fashionnet.safetensors" --urls "$url" --timings true \
  --Logging:LogLevel:Default=Warning --Logging:LogLevel:Neuroslyn.Samples.InferenceService.InferenceTimings=Information \
  > "$out/service.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT
until curl -sf -o /dev/null "$url/"; do
  kill -0 "$pid" 2>/dev/null || { cat "$out/service.log"; exit 1; }
  sleep 0.1
done

export BODY="$out/test-image-0.json"
echo "==> warm-up, 5 s"
wrk -t2 -c32 -d5s -s "$here/loadtest.lua" "$url/predict" > "$out/warmup.txt"
# The timings summary counts every prediction, warm-up included; restarting would lose the warmed JIT, so the
# warm-up's count is simply part of the total and its (slower) first calls land in the tail.

rss() { awk '/^VmRSS/ { print $2 }' "/proc/$pid/status"; }
: > "$out/rss.txt"
( for _ in $(seq 0 "$duration"); do rss >> "$out/rss.txt"; sleep 1; done ) &
sampler=$!
echo "==> wrk -t2 -c32 -d${duration}s --latency"
wrk -t2 -c32 -d"${duration}s" --latency -s "$here/loadtest.lua" "$url/predict" | tee "$out/wrk.txt"
wait "$sampler"

kill -TERM "$pid"
wait "$pid" 2>/dev/null || true
trap - EXIT

requests=$(awk '/^Requests\/sec/ { print $2 }' "$out/wrk.txt")
p50=$(awk '$1 == "50%" { print $2 }' "$out/wrk.txt")
p99=$(awk '$1 == "99%" { print $2 }' "$out/wrk.txt")
non2xx=$(awk '/Non-2xx/ { print $NF }' "$out/wrk.txt")
socket=$(grep -o 'Socket errors:.*' "$out/wrk.txt" || true)
inference=$(grep -o 'In-process inference:.*' "$out/service.log" || echo "In-process inference: not logged")
echo
echo "Requests/s: $requests; latency p50 $p50, p99 $p99; non-2xx: ${non2xx:-0}; ${socket:-socket errors: 0}"
echo "RSS (KiB, every second): $(tr '\n' ' ' < "$out/rss.txt")"
echo "$inference"
[ -z "$non2xx" ] && [ -z "$socket" ]
