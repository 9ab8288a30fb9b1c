#!/usr/bin/env bash
# Load test of POST /predict on loopback with wrk, in two runs of DURATION seconds (default 20) after a 5 s warm-up.
# (1) Small requests alone: JSON pixels of a Fashion-MNIST test image, 2 threads, 32 connections. (2) Mixed: the same
# small requests on 16 connections while 16 other connections upload a large PNG (2048 × 1020 noise, just under the
# 2 MiB limit), to show whether large uploads starve small requests. Prints, for each run, requests/s, p50 and p99
# latency, timeouts and the answers' statuses (a 503 is a large upload refused while decoding is busy), the service's
# resident memory sampled every second and its peak (VmHWM), and the in-process inference time the service measured
# (--timings), so that the HTTP overhead can be told from the network's time. SERVICE_OPTIONS adds options to the
# service's command line (e.g. SERVICE_OPTIONS="--decoders 1"). Runs the Release build, or the Native AOT binary with
# `loadtest.sh aot` (publish it first with publish-aot.sh). Installs wrk with apt-get if it is missing. Output in
# scripts/out/load.
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
node "$here/large-png.mjs" "$out/large.png" > /dev/null

port=$(node "$here/free-port.mjs")
url="http://127.0.0.1:$port"
# Warning-level logs: the per-request information lines would measure the console, not the service.
# shellcheck disable=SC2086 # SERVICE_OPTIONS is split into words on purpose
"${service[@]}" --weights "$out/fashionnet.safetensors" --urls "$url" --timings true ${SERVICE_OPTIONS:-} \
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
peak() { awk '/^VmHWM/ { print $2 }' "/proc/$pid/status"; }
sample() { # FILE: the resident memory every second for the run's duration
  : > "$1"
  for _ in $(seq 0 "$duration"); do rss >> "$1"; sleep 1; done
}
summary() { # NAME WRK_OUTPUT
  local requests p50 p99 statuses timeouts
  requests=$(awk '/^Requests\/sec/ { print $2 }' "$2")
  p50=$(awk '$1 == "50%" { print $2 }' "$2")
  p99=$(awk '$1 == "99%" { print $2 }' "$2")
  statuses=$(grep -o 'Statuses:.*' "$2" || true)
  timeouts=$(awk '/^Timeouts:/ { print $2 }' "$2")
  echo "$1: $requests requests/s; latency p50 $p50, p99 $p99; timeouts ${timeouts:-0}; $statuses"
}

sample "$out/rss.txt" &
sampler=$!
echo "==> small requests alone: wrk -t2 -c32 -d${duration}s --latency"
wrk -t2 -c32 -d"${duration}s" --latency -s "$here/loadtest.lua" "$url/predict" > "$out/wrk.txt"
wait "$sampler"
peak_small=$(peak)

sample "$out/rss-mixed.txt" &
sampler=$!
echo "==> mixed: small requests (wrk -t1 -c16) while large PNGs upload (wrk -t1 -c16), ${duration}s"
BODY="$out/large.png" CONTENT_TYPE=image/png \
  wrk -t1 -c16 -d"${duration}s" --latency -s "$here/loadtest.lua" "$url/predict" > "$out/wrk-large.txt" &
large=$!
wrk -t1 -c16 -d"${duration}s" --latency -s "$here/loadtest.lua" "$url/predict" > "$out/wrk-small.txt"
wait "$large"
wait "$sampler"
peak_mixed=$(peak)

kill -TERM "$pid"
wait "$pid" 2>/dev/null || true
trap - EXIT

inference=$(grep -o 'In-process inference:.*' "$out/service.log" || echo "In-process inference: not logged")
echo
summary "Small requests alone" "$out/wrk.txt"
echo "  RSS (KiB, every second): $(tr '\n' ' ' < "$out/rss.txt"); peak so far $peak_small KiB"
summary "Mixed, small requests" "$out/wrk-small.txt"
summary "Mixed, large PNG uploads" "$out/wrk-large.txt"
echo "  RSS (KiB, every second): $(tr '\n' ' ' < "$out/rss-mixed.txt"); peak $peak_mixed KiB"
echo "$inference"
# The small requests must all succeed; a large upload may be refused with 503 (busy), never fail otherwise.
grep -q 'Statuses: 200=[0-9]*$' "$out/wrk.txt" && grep -q 'Statuses: 200=[0-9]*$' "$out/wrk-small.txt" \
  && ! grep -Eq '(^| )(4|50[0-2]|50[4-9])[0-9]*=' <(grep -o 'Statuses:.*' "$out/wrk-large.txt" | sed 's/^Statuses://')
