#!/usr/bin/env bash
# The load benchmark in one command: builds the bench projects (Release), runs every scenario
# against Parley and the raw WebSocket baseline on 127.0.0.1, runs the micro-benchmarks, and
# writes both into docs/performance.md (only between its generated markers).
#   bench/run.sh            the suite (a few minutes)
#   bench/run.sh --quick    every scenario at tiny N, micro-benchmarks as a dry run (seconds)
#   bench/run.sh --no-micro the load scenarios only
# Other options go to Parley.LoadTest (see: dotnet bench/Parley.LoadTest/bin/Release/net10.0/Parley.LoadTest.dll --help).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

quick=()
micro=1
load_args=()
for arg in "$@"; do
  case "$arg" in
    --quick) quick=(--quick) ;;
    --no-micro) micro=0 ;;
    *) load_args+=("$arg") ;;
  esac
done

# 10,000 idle sessions hold 10,000 sockets in the load generator and as many in the server.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || ulimit -n 65536 2>/dev/null || true

started=$(date +%s)
bench/build.sh
built=$(date +%s)
echo "== built in $((built - started)) s"

mkdir -p artifacts/bench
dotnet bench/Parley.LoadTest/bin/Release/net10.0/Parley.LoadTest.dll run "${quick[@]}" \
  --doc docs/performance.md --json artifacts/bench/load.json "${load_args[@]}" || status=$?

if [ "$micro" -eq 1 ]; then
  bench/run-micro.sh --no-build "${quick[@]}"
fi
echo "== bench/run.sh done in $(( $(date +%s) - started )) s; see docs/performance.md"
exit "${status:-0}"
