#!/usr/bin/env bash
# The rota's in-process benchmarks, in Release: BenchmarkDotNet's GetOnCall and ListShifts on a year of one
# region's schedule (20 members, weekly + weekend + night layers, 500 overrides), then GetOnCall's per-call
# latency percentiles (BenchmarkDotNet times batches of calls, so its percentiles are of batch means).
# Targets (issue 3): GetOnCall p99 < 100 µs, ListShifts for a year < 10 ms.
#   tests/Weerbaarheid.Benchmarks/run-rota-benchmark.sh [BenchmarkDotNet arguments, e.g. --job short]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT INT TERM

dotnet build -c Release -v q tests/Weerbaarheid.Benchmarks >/dev/null
BIN=tests/Weerbaarheid.Benchmarks/bin/Release/net10.0/Weerbaarheid.Benchmarks.dll

echo "Running BenchmarkDotNet (log: $WORK/benchmark.log) ..."
if ! dotnet "$BIN" rota --artifacts "$WORK/artifacts" "$@" >"$WORK/benchmark.log" 2>&1; then
  tail -n 40 "$WORK/benchmark.log"
  exit 1
fi
# The environment lines and the table, as BenchmarkDotNet's GitHub-flavoured report has them.
cat "$WORK"/artifacts/results/*RotaBenchmarks-report-github.md
echo
dotnet "$BIN" rota-latency
