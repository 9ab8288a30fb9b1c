#!/usr/bin/env bash
# Writes trained weights for the service to FILE: 2 epochs of the training sample on the shipped Fashion-MNIST subset
# (a few seconds; deterministic, so every run writes the same file). Extra arguments go to `dotnet run`, e.g. --no-build.
# Usage: train-weights.sh FILE [dotnet run options]
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
file="$1"
shift
dotnet run --project "$root/samples/FashionMnist" -c Release "$@" -- \
  --epochs 2 --data "$root/samples/FashionMnist/data" --save "$file" > "$file.log"
tail -n 1 "$file.log"
