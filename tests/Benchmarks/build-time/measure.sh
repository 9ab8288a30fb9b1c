#!/usr/bin/env bash
# The ten-network build measurement (issue 20): what the generator (and the analyzers beside it) add to a user's build.
#
# Writes two console apps into a temporary folder, each referencing this repository's runtime, generator and analyzers
# as samples/FashionMnist does (App.csproj.template):
#   with/     Networks.cs.template as it is: ten FashionNet-sized networks (784-256-Dropout 0.2-128-10, softmax
#             cross-entropy, Adam, the hidden sizes varied so that the ten are distinct), which the generator writes;
#   without/  the same file without its attribute lines (the lines that start with '['): ten plain classes.
# The project files and Program.cs (two lines that use one network) are the same bytes in both, so the only difference
# between the two builds is the work the generator and the analyzers do on the attributes.
#
# Restores both once, builds each once untimed (which builds the referenced projects if needed and, with
# -p:EmitCompilerGeneratedFiles=true, writes the generated source, whose size is reported), then builds them in turn,
# with, without, with, without, ..., each build after `touch Networks.cs`:
#   dotnet build -c Release --no-restore -nodeReuse:false -p:UseSharedCompilation=false|true
# and times each build's wall clock. Prints the medians, the ranges and the ratio with/without, and writes them as JSON
# to OUTPUT_JSON (read by report/make_table.py; run.sh calls this script).
#
# Usage: measure.sh [--networks mlp|cnn] [--builds N] [--server off|on] [--keep] OUTPUT_JSON
#   --networks    mlp (the default): Networks.cs.template's ten multilayer perceptrons; cnn: NetworksCnn.cs.template's
#                 ten image networks, five CNNs and five small ResNets (issue 21)
#   --builds N    timed builds of each app (default 5)
#   --server off  the compiler server off (the default): every build starts a new compiler, as on CI, where no warm
#                 server is left from an earlier build. MSBuild's worker nodes are never reused (-nodeReuse:false).
#   --server on   the compiler server on, warmed by the untimed builds: an edit-build loop on a developer's machine
#   --keep        keep the temporary folder (its path is printed)
# Timings are only meaningful on an otherwise idle machine: a build elsewhere on the machine lands on whichever build
# runs beside it. If a referenced project's output changes during the timed builds (someone built or edited it), the
# script says so and the JSON has "referencesRebuilt": true.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

builds=5 server=off keep=false output="" set=mlp
while [ $# -gt 0 ]; do
  case "$1" in
    --networks) set="$2"; shift 2 ;;
    --builds) builds="$2"; shift 2 ;;
    --server) server="$2"; shift 2 ;;
    --keep) keep=true; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
    -*) echo "measure.sh: unknown option $1" >&2; exit 2 ;;
    *) output="$1"; shift ;;
  esac
done
if [ -z "$output" ]; then echo "Usage: measure.sh [--networks mlp|cnn] [--builds N] [--server off|on] [--keep] OUTPUT_JSON" >&2; exit 2; fi
case "$set" in
  mlp) template="$here/Networks.cs.template" first=FashionNet01 attribute_lines=50 ;;
  cnn) template="$here/NetworksCnn.cs.template" first=FashionCnn01 attribute_lines=150 ;;
  *) echo "measure.sh: --networks takes mlp or cnn, not '$set'" >&2; exit 2 ;;
esac
if ! [[ "$builds" =~ ^[1-9][0-9]*$ ]]; then echo "measure.sh: --builds takes a positive number, not '$builds'" >&2; exit 2; fi
case "$server" in
  off) shared=false ;;
  on) shared=true ;;
  *) echo "measure.sh: --server takes off or on, not '$server'" >&2; exit 2 ;;
esac
output="$(cd "$(dirname "$output")" 2>/dev/null && pwd)/$(basename "$output")" || { echo "measure.sh: no folder for $output" >&2; exit 2; }

work="$(mktemp -d -t neuroslyn-build-time-XXXXXX)"
if [ "$keep" = true ]; then
  echo "Apps in $work (kept)"
else
  trap 'rm -rf "$work"' EXIT
fi
# The repository's SDK choice (global.json) applies to the apps too, although they live outside it.
cp "$repo/global.json" "$work/"

for app in with without; do
  mkdir -p "$work/$app"
  sed "s|@REPO@|$repo|g" "$here/App.csproj.template" >"$work/$app/BuildTime.csproj"
  sed "s|FashionNet01|$first|g" "$here/Program.cs.template" >"$work/$app/Program.cs"
done
cp "$template" "$work/with/Networks.cs"
grep -v '^\[' "$template" >"$work/without/Networks.cs"
removed=$(( $(wc -l <"$work/with/Networks.cs") - $(wc -l <"$work/without/Networks.cs") ))
networks=$(grep -c '^\[Network(' "$work/with/Networks.cs")
if [ "$networks" -ne 10 ] || [ "$removed" -ne "$attribute_lines" ]; then
  echo "measure.sh: expected ten networks and $attribute_lines attribute lines in $(basename "$template"), found $networks networks and $removed attribute lines" >&2
  exit 1
fi

build_command=(dotnet build -c Release --no-restore -nologo -v minimal -nodeReuse:false "-p:UseSharedCompilation=$shared")

# One build of one app; the log is printed only if the build fails.
build() {
  local app="$1"; shift
  if ! "${build_command[@]}" "$@" "$work/$app/BuildTime.csproj" >"$work/$app.log" 2>&1; then
    cat "$work/$app.log" >&2
    echo "measure.sh: the build of $app/ failed" >&2
    exit 1
  fi
}

echo "==> Restore (once)"
for app in with without; do
  dotnet restore -nologo -v minimal "$work/$app/BuildTime.csproj" >"$work/$app.log" 2>&1 || { cat "$work/$app.log" >&2; exit 1; }
done

echo "==> Untimed builds (referenced projects, generated source written to obj/, compiler server $server)"
for app in with without; do
  build "$app" -p:EmitCompilerGeneratedFiles=true
done
generated_dir="$work/with/obj/Release/net10.0/generated/Neuroslyn.Generator"
one="$(find "$generated_dir" -name "*$first.*g.cs" 2>/dev/null | head -n 1)"
if [ -z "$one" ]; then echo "measure.sh: the generator wrote no $first source under $generated_dir" >&2; exit 1; fi
generated_files=$(find "$generated_dir" -name '*.g.cs' | wc -l)
if [ "$generated_files" -ne 10 ]; then echo "measure.sh: expected ten generated files, found $generated_files" >&2; exit 1; fi
if [ -n "$(find "$work/without/obj" -path '*generated/Neuroslyn.Generator*' -name '*.g.cs' 2>/dev/null)" ]; then
  echo "measure.sh: the generator wrote source for the plain classes" >&2; exit 1
fi
generated_lines=$(wc -l <"$one") generated_bytes=$(wc -c <"$one")
generated_lines_all=$(find "$generated_dir" -name '*.g.cs' -exec cat {} + | wc -l)
generated_bytes_all=$(find "$generated_dir" -name '*.g.cs' -exec cat {} + | wc -c)

# The referenced projects' outputs: if one changes during the timed builds, those builds also rebuilt it.
references() {
  stat -c '%n %Y' "$repo"/src/Runtime/bin/Release/net10.0/Neuroslyn.dll \
    "$repo"/src/Generator/bin/Release/netstandard2.0/Neuroslyn.Generator.dll \
    "$repo"/src/Analyzers/bin/Release/netstandard2.0/Neuroslyn.Analyzers.dll 2>&1
}
references_before="$(references)"

echo "==> $builds timed builds of each, alternating (compiler server $server)"
with_times=() without_times=()
for ((round = 1; round <= builds; round++)); do
  for app in with without; do
    touch "$work/$app/Networks.cs"
    start=$(date +%s%N)
    build "$app"
    end=$(date +%s%N)
    # A build that skipped the compiler would time nothing: the assembly must be newer than the touch.
    if [ "$(stat -c %Y "$work/$app/obj/Release/net10.0/BuildTime.dll")" -lt "$((start / 1000000000))" ]; then
      echo "measure.sh: build $round of $app/ did not compile" >&2; exit 1
    fi
    seconds=$(awk -v ns=$((end - start)) 'BEGIN { printf "%.3f", ns / 1e9 }')
    if [ "$app" = with ]; then with_times+=("$seconds"); else without_times+=("$seconds"); fi
    printf '  round %d, %-7s %6.2f s\n' "$round" "$app:" "$seconds"
  done
done
if [ "$references_before" = "$(references)" ]; then rebuilt=false; else
  rebuilt=true
  echo "measure.sh: warning: a referenced project was rebuilt during the timed builds (edited or built elsewhere); these figures include that work" >&2
fi

WITH="${with_times[*]}" WITHOUT="${without_times[*]}" SERVER="$server" COMMAND="${build_command[*]}" REBUILT="$rebuilt" \
SET="$set" ONE="$(basename "$one")" LINES="$generated_lines" BYTES="$generated_bytes" FILES="$generated_files" \
LINES_ALL="$generated_lines_all" BYTES_ALL="$generated_bytes_all" SDK="$(cd "$work" && dotnet --version)" OUTPUT="$output" \
python3 - <<'EOF'
import json, os, statistics

env = os.environ
with_s = [float(x) for x in env["WITH"].split()]
without_s = [float(x) for x in env["WITHOUT"].split()]
rounds = [w / wo for w, wo in zip(with_s, without_s)]
with open("/proc/loadavg") as f:
    load = "/".join(f.read().split()[:3])
result = {
    "networks": 10,
    "networkSet": env["SET"],
    "builds": len(with_s),
    "compilerServer": env["SERVER"],
    "command": env["COMMAND"],
    "withSeconds": with_s,
    "withoutSeconds": without_s,
    "withMedian": round(statistics.median(with_s), 3), "withMin": min(with_s), "withMax": max(with_s),
    "withoutMedian": round(statistics.median(without_s), 3), "withoutMin": min(without_s), "withoutMax": max(without_s),
    "ratio": round(statistics.median(with_s) / statistics.median(without_s), 4),
    "roundRatios": [round(r, 4) for r in rounds],
    "generatedFile": env["ONE"],
    "generatedLines": int(env["LINES"]), "generatedBytes": int(env["BYTES"]),
    "generatedFiles": int(env["FILES"]),
    "generatedLinesAll": int(env["LINES_ALL"]), "generatedBytesAll": int(env["BYTES_ALL"]),
    "referencesRebuilt": env["REBUILT"] == "true",
    "sdk": env["SDK"],
    "loadAverage": load,
}
with open(env["OUTPUT"], "w") as f:
    json.dump(result, f, indent=2)
    f.write("\n")
r = result
print(f"networks: {env['SET']}")
print(f"with the generator (10 networks): median {r['withMedian']:.2f} s, range {r['withMin']:.2f}-{r['withMax']:.2f} s ({r['builds']} builds)")
print(f"without (10 plain classes):       median {r['withoutMedian']:.2f} s, range {r['withoutMin']:.2f}-{r['withoutMax']:.2f} s ({r['builds']} builds)")
print(f"ratio with/without (medians):     {r['ratio']:.2f}x (single rounds {min(rounds):.2f}x-{max(rounds):.2f}x); goal <= 1.5x, aim 1.1x")
print(f"generated source of one network ({r['generatedFile']}): {r['generatedLines']:,} lines, {r['generatedBytes']:,} bytes; "
      f"all {r['generatedFiles']}: {r['generatedLinesAll']:,} lines, {r['generatedBytesAll']:,} bytes")
print(f"compiler server {r['compilerServer']}; SDK {r['sdk']}; load average {load} when done; wrote {env['OUTPUT']}")
EOF
