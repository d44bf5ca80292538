#!/usr/bin/env bash
# The cache layer next to the raw Quarkus Redis client, same command, same private Redis, same run: in-process and
# Redis hits, set, bulkGet of 100 keys, getOrSet with 100 concurrent callers of one cold key, and how fast another
# replica hears an eviction. Prints one figure a line: <name> <value> <unit>, then the ratios.
#   bench/cache.sh                 200,000 operations per round (5 rounds each, alternating, median reported)
#   OPS=500000 bench/cache.sh
set -euo pipefail
cd "$(dirname "$0")/.."
OPS="${OPS:-200000}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# the test resource starts (and stops) the private Redis for this run; a 5 s Redis timeout, so that a loaded machine
# measures Redis and not the fallback (the timer costs the same whatever its length)
if ! ./mvnw -B -q test -Dtest=CacheBenchmark -Dbench=true -Dbench.ops="$OPS" -Dswitchboard.cache.redis-timeout=5s \
    -Dsurefire.failIfNoSpecifiedTests=false \
    >"$work/cache.log" 2>&1; then
  tail -50 "$work/cache.log" >&2
  echo "cache benchmark failed" >&2
  exit 1
fi
grep '^BENCH ' "$work/cache.log" | sed 's/^BENCH //' | tee "$work/figures.txt"
echo "# ratios (higher is better)"
awk '{ v[$1] = $2 }
  END {
    printf "ratio_get_hit_redis_vs_raw_get %.2f x\n", v["get_hit_redis"] / v["raw_get"]
    printf "ratio_get_hit_redis_vs_raw_get_string %.2f x\n", v["get_hit_redis"] / v["raw_get_string"]
    printf "ratio_get_hit_local_vs_raw_get %.1f x\n", v["get_hit_local"] / v["raw_get_for_local"]
    printf "ratio_set_vs_raw_set %.2f x\n", v["set"] / v["raw_set"]
    printf "ratio_set_vs_raw_set_string %.2f x\n", v["set"] / v["raw_set_string"]
    printf "ratio_bulk_get_100_vs_raw_mget_100 %.2f x\n", v["bulk_get_100"] / v["raw_mget_100"]
    printf "ratio_bulk_get_100_vs_raw_mget_100_string %.2f x\n", v["bulk_get_100"] / v["raw_mget_100_string"]
    printf "ratio_loader_calls_raw_vs_getorset %.0f x\n", v["raw_cache_aside_c100_loader_calls_per_key"] / v["getorset_c100_loader_calls_per_key"]
  }' "$work/figures.txt"
