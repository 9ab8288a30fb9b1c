#!/usr/bin/env bash
# Proves that samples/InferenceService works as a Native AOT binary: publishes it (PublishAot=true), starts the binary,
# POSTs a Fashion-MNIST test image as JSON pixels and as a PNG (decoded by SkiaSharp's native library, published beside
# the binary), checks both answers are 200 with the image's class,
# stops it; prints "Passed: N" and "Failed: N" for .ci/run. Prints the publish time, the binary's size and its start-up time (process start to first answered request).
# Installs clang and zlib1g-dev (Native AOT's linker and zlib) with apt-get if they are missing. Exits non-zero on failure.
# Output in scripts/out/aot. Set NO_BUILD=1 when the solution is already built (for the training sample).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
out="$here/out/aot"
rm -rf "$out"
mkdir -p "$out"

if ! command -v clang >/dev/null 2>&1 || [ ! -e /usr/include/zlib.h ]; then
  echo "==> apt-get install clang zlib1g-dev (the Native AOT toolchain)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq clang zlib1g-dev >/dev/null
fi

build=()
[ "${NO_BUILD:-0}" = 1 ] && build=(--no-build)
"$here/train-weights.sh" "$out/fashionnet.safetensors" "${build[@]}"
expected=$(node "$here/test-image.mjs" "$root/samples/FashionMnist/data" 0 "$out/test-image-0")

echo "==> dotnet publish -c Release (Native AOT)"
start=$(date +%s.%N)
dotnet publish "$root/samples/InferenceService" -c Release -o "$out/publish" > "$out/publish.log" 2>&1 \
  || { tail -n 30 "$out/publish.log"; echo "Publish failed."; exit 1; }
publish_seconds=$(echo "$(date +%s.%N) - $start" | bc)
binary="$out/publish/InferenceService"
size=$(stat -c %s "$binary")
# The image decoder's native library (SkiaSharp) is published beside the binary; the service needs both.
skia="$out/publish/libSkiaSharp.so"
[ -f "$skia" ] || { ls "$out/publish"; echo "libSkiaSharp.so is missing beside the binary."; exit 1; }
skia_size=$(stat -c %s "$skia")

port=$(node "$here/free-port.mjs")
url="http://127.0.0.1:$port"
start=$(date +%s%N)
"$binary" --weights "$out/fashionnet.safetensors" --urls "$url" > "$out/service.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT
until curl -sf -o /dev/null "$url/"; do
  kill -0 "$pid" 2>/dev/null || { cat "$out/service.log"; echo "The native binary exited."; exit 1; }
  [ $(( ($(date +%s%N) - start) / 1000000000 )) -lt 30 ] || { cat "$out/service.log"; echo "No answer within 30 s."; exit 1; }
  sleep 0.005
done
startup_ms=$(( ($(date +%s%N) - start) / 1000000 ))

passed=0 failed=0
predict() { # name, curl arguments...
  local name=$1 answer status
  shift
  answer=$(curl -s -w '\n%{http_code}' "$@" "$url/predict")
  status=${answer##*$'\n'}
  answer=${answer%$'\n'*}
  if [ "$status" = 200 ] && [[ "$answer" == *"\"predicted\":\"$expected\""* ]]; then
    echo "ok    $name: 200, $expected"
    passed=$((passed + 1))
  else
    echo "FAIL  $name: $status, expected 200 and $expected: ${answer:0:300}"
    failed=$((failed + 1))
  fi
}
predict "JSON pixels" -H 'Content-Type: application/json' --data-binary "@$out/test-image-0.json"
predict "PNG body" -H 'Content-Type: image/png' --data-binary "@$out/test-image-0.png"
predict "PNG form file" -F "image=@$out/test-image-0.png;type=image/png"
bad=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: image/png' --data-binary 'not a png' "$url/predict")
if [ "$bad" = 400 ]; then
  echo "ok    not an image: 400"
  passed=$((passed + 1))
else
  echo "FAIL  not an image: $bad, expected 400"
  failed=$((failed + 1))
fi

kill "$pid"
wait "$pid" 2>/dev/null || true
trap - EXIT
printf 'Native AOT: publish %.0f s, binary %s bytes (%.1f MiB) and libSkiaSharp.so %s bytes (%.1f MiB), start-up to first answer %d ms\n' \
  "$publish_seconds" "$size" "$(echo "$size / 1048576" | bc -l)" "$skia_size" "$(echo "$skia_size / 1048576" | bc -l)" "$startup_ms"
echo "Passed: $passed"
echo "Failed: $failed"
[ "$failed" -eq 0 ]
