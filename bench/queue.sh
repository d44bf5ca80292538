#!/usr/bin/env bash
# Queue throughput and latency of Switchboard's redis-streams queues on a private Redis, no-op jobs, producer and
# consumers in one process. Prints one figure a line: <name> <value> <unit>.
#   bench/queue.sh              Switchboard only
#   bench/queue.sh --bullmq     also the same workload through BullMQ (installed from npm into a temporary
#                               folder, never committed) on a private Redis of the same build, and the ratios
#   JOBS=50000 bench/queue.sh   jobs per measurement (default 20000)
#   REDIS_AOF=no bench/queue.sh both Redis servers without AOF (default: AOF on, appendfsync everysec, for both)
#   REDIS_COMMANDS=1 bench/queue.sh  also each Redis command's calls and time per job of the drains
#   PHASES=enqueue bench/queue.sh  only these parts (comma-separated: enqueue, process, latency, memory; default all),
#                               for both sides with --bullmq (BullMQ has no memory part)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
export JOBS="${JOBS:-20000}"
export REDIS_AOF="${REDIS_AOF:-yes}"
export PHASES="${PHASES:-}"
work=$(mktemp -d)
REDIS_PID=
cleanup() { [ -n "$REDIS_PID" ] && kill "$REDIS_PID" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

switchboard() {
  # the test resource starts (and stops) the private Redis for this run
  if ! ./mvnw -B -q test -Dtest=QueueBenchmark -Dbench=true -Dbench.jobs="$JOBS" -Dbench.jvm.args="$(service_jvm_opts)" -Dredis.aof="$REDIS_AOF" -Dbench.phases="$PHASES" -Dbench.redis.commands="$([ -n "${REDIS_COMMANDS:-}" ] && echo true || echo false)" -Dsurefire.failIfNoSpecifiedTests=false \
      >"$work/switchboard.log" 2>&1; then
    tail -50 "$work/switchboard.log" >&2
    echo "queue benchmark failed" >&2
    exit 1
  fi
  grep '^BENCH ' "$work/switchboard.log" | sed 's/^BENCH //'
}

bullmq() {
  cp bench/bullmq/package.json bench/bullmq/queue-bench.mjs "$work/"
  (cd "$work" && npm install --no-audit --no-fund --silent >/dev/null 2>&1) || { echo "npm install of bullmq failed" >&2; exit 1; }
  local port
  port=$(free_port)
  mkdir -p "$work/redis"
  start_redis "$port" "$work/redis"
  (cd "$work" && REDIS_PORT="$port" node queue-bench.mjs)
  kill "$REDIS_PID"
  REDIS_PID=
}

if [ "${1:-}" != "--bullmq" ]; then
  switchboard
  exit 0
fi

switchboard >"$work/sb.txt"
bullmq >"$work/bq.txt"
echo "# Switchboard"
cat "$work/sb.txt"
echo "# BullMQ $(node -p "require('$work/node_modules/bullmq/package.json').version")"
cat "$work/bq.txt"
echo "# Switchboard / BullMQ (throughput: higher is better; redis_cpu_per_job and latency: lower is better)"
awk 'NR==FNR { sb[$1]=$2; unit[$1]=$3; next } ($1 in sb) && $2 > 0 { printf "ratio_%s %.2f x\n", $1, sb[$1] / $2 }' \
  "$work/sb.txt" "$work/bq.txt"
