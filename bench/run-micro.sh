#!/usr/bin/env bash
# The micro-benchmarks (BenchmarkDotNet, short job with 100 ms iterations, in process): protocol serialization, token
# coalescing, step persistence on SQLite. Writes their tables into docs/performance.md.
#   bench/run-micro.sh [--quick] [--no-build] [BenchmarkDotNet options, e.g. --filter '*Token*']
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

job=short
build=1
bdn_args=()
for arg in "$@"; do
  case "$arg" in
    --quick) job=dry ;;
    --no-build) build=0 ;;
    *) bdn_args+=("$arg") ;;
  esac
done
[ ${#bdn_args[@]} -gt 0 ] || bdn_args=(--filter '*')
[ "$build" -eq 0 ] || bench/build.sh

started=$(date +%s)
results=artifacts/bench/micro
rm -rf "$results"
(cd bench/Parley.Benchmarks && dotnet bin/Release/net10.0/Parley.Benchmarks.dll \
  --job "$job" --iterationTime 100 --inProcess --memory --exporters github --artifacts "../../$results" "${bdn_args[@]}")
command="bench/run-micro.sh"; [ "$job" = dry ] && command="bench/run-micro.sh --quick"
dotnet bench/Parley.LoadTest/bin/Release/net10.0/Parley.LoadTest.dll micro-report \
  --doc docs/performance.md --results "$results/results" --command "$command" --job "$job" --seconds "$(( $(date +%s) - started ))"
