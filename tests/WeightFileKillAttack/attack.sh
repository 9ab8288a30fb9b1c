#!/usr/bin/env bash
# Issue 22, item 12: 250 SIGKILLs of a process that saves weights in a loop, each after 0.1-1.0 s, then counts the
# hidden temporary files left beside the target and checks the target is a whole safetensors file; then ages the
# leftovers past the cleaner's guard (StaleTemporaryFiles.StaleAfter), saves once more and counts again (0 expected).
# Usage: bash tests/WeightFileKillAttack/attack.sh [KILLS]   (about 2 minutes for 250 on 2 cores)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
kills="${1:-250}"
dotnet build "$here/WeightFileKillAttack.csproj" -c Release -nologo -v quiet >/dev/null
dir="$(mktemp -d)"; trap 'rm -rf "$dir"' EXIT
target="$dir/net.safetensors"
exe=(dotnet "$here/bin/Release/net10.0/WeightFileKillAttack.dll" "$target")
for _ in $(seq 1 "$kills"); do
  "${exe[@]}" & pid=$!
  sleep "0.$(( (RANDOM % 9) + 1 ))$(( RANDOM % 10 ))"
  kill -9 "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
done
count() { find "$dir" -name '.net.safetensors.*.tmp' | wc -l; }
bytes=$(find "$dir" -name '.net.safetensors.*.tmp' -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
whole=$(/usr/bin/python3 - "$target" <<'PY'
import json, struct, sys
data = open(sys.argv[1], "rb").read()
n = struct.unpack("<Q", data[:8])[0]
header = json.loads(data[8:8 + n])
end = max(v["data_offsets"][1] for k, v in header.items() if k != "__metadata__")
print("whole" if len(data) == 8 + n + end else "TORN")
PY
)
echo "after $kills kills: $(count) temporary files ($bytes bytes) beside the target; the target is $whole"
find "$dir" -name '.net.safetensors.*.tmp' -exec touch -d '-11 minutes' {} +
"${exe[@]}" once
echo "after ageing them past the guard and one more save: $(count) temporary files"
[ "$whole" = whole ]
