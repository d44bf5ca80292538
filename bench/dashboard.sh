#!/usr/bin/env bash
# What one page of the dashboard's job listings costs Redis and the caller with a small and a large backlog:
# 1,000 then 100,000 waiting jobs, 50 then 5,000 dead ones, on a private Redis. Prints one figure a line:
# <name> <value> <unit>. Not a timed test: run it by hand on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# the test resource starts (and stops) the private Redis for this run
if ! ./mvnw -B -q test -Dtest=DashboardBenchmark -Dbench=true -Dsurefire.failIfNoSpecifiedTests=false >"$work/run.log" 2>&1; then
  tail -50 "$work/run.log" >&2
  echo "dashboard benchmark failed" >&2
  exit 1
fi
grep '^BENCH ' "$work/run.log" | sed 's/^BENCH //'
