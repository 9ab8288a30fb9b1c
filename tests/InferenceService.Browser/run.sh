#!/usr/bin/env bash
# End-to-end test of samples/InferenceService's page in headless Chromium (Debian's chromium, driven by playwright-core).
# Installs what is missing (chromium with apt-get, playwright-core with npm ci), builds the service, trains weights
# for it on the shipped Fashion-MNIST subset (2 epochs, a few seconds), runs test.mjs and prints "Passed: N" and
# "Failed: N". Screenshots go to out/. Exits non-zero on any failure. Set NO_BUILD=1 when the solution is built.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$here/out"
mkdir -p "$out"

if [ ! -x /usr/bin/chromium ]; then
  echo "==> apt-get install chromium"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi
if [ ! -d "$here/node_modules/playwright-core" ]; then
  echo "==> npm ci (playwright-core; it drives /usr/bin/chromium and downloads no browser)"
  (cd "$here" && npm ci --no-audit --no-fund)
fi

build=()
[ "${NO_BUILD:-0}" = 1 ] && build=(--no-build)
if [ "${NO_BUILD:-0}" != 1 ]; then
  dotnet build "$root/samples/InferenceService" -c Release
fi

# Trained weights, so that the drawing and the uploads get real predictions.
weights="$out/fashionnet.safetensors"
"$root/samples/InferenceService/scripts/train-weights.sh" "$weights" "${build[@]}"

node "$here/test.mjs" "$root/samples/InferenceService/bin/Release/net10.0/InferenceService.dll" "$weights" \
  "$root/samples/FashionMnist/data" "$out"
