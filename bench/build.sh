#!/usr/bin/env bash
# Builds the bench projects (bench/Parley.Bench.slnx) in Release. The UI build is skipped: the
# servers under test serve no web UI, and a fresh clone then needs no npm.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/Parley.Bench.slnx -c Release -p:ParleySkipFrontendBuild=true -nologo -v q
