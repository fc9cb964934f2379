#!/usr/bin/env bash
# Builds the bench projects in Release. The UI build is skipped: the servers under test need no
# web UI, and a fresh clone then needs no npm.
set -euo pipefail
cd "$(dirname "$0")/.."
for project in Parley.BaselineServer Parley.BenchServer Parley.LoadTest Parley.Benchmarks; do
  dotnet build "bench/$project/$project.csproj" -c Release -p:ParleySkipFrontendBuild=true -nologo -v q -clp:NoSummary
done
