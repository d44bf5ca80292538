#!/usr/bin/env bash
# Outbound send throughput of the packaged service: a private Redis, the service (target/quarkus-app), and a fake
# WhatsApp Cloud API (Node, 20 ms per call) on loopback. 2,000 messages for one number, then 300 for each of ten
# numbers at once. Prints one figure a line: <name> <value> <unit>. Stops everything it started.
#   bench/send.sh                         builds the package first (./mvnw package -DskipTests)
#   SKIP_BUILD=1 bench/send.sh            uses target/quarkus-app as it is
#   ONE_NUMBER_MESSAGES=4000 TEN_NUMBERS_MESSAGES=500 LATENCY_MS=50 bench/send.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
work=$(mktemp -d)
REDIS_PID=
APP_PID=
FAKE_PID=
cleanup() {
  # each step on its own: one that fails (a process already gone) must not skip the others
  if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi
  if [ -n "$FAKE_PID" ]; then kill "$FAKE_PID" 2>/dev/null || true; fi
  if [ -n "$REDIS_PID" ]; then kill "$REDIS_PID" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

if [ "${SKIP_BUILD:-}" != "1" ]; then
  ./mvnw -B -q package -DskipTests >"$work/build.log" 2>&1 || { tail -50 "$work/build.log" >&2; echo "build failed" >&2; exit 1; }
fi

redis_port=$(free_port)
mkdir -p "$work/redis"
start_redis "$redis_port" "$work/redis"

graph_port=$(free_port)
node bench/send-bench.mjs fake "$graph_port" >"$work/fake.log" 2>&1 &
FAKE_PID=$!

app_port=$(free_port)
tenants=()
for t in $(seq 0 9); do
  tenants+=("-Dswitchboard.tenants.bench-$t.phone-number-id=99200000000000$t"
    "-Dswitchboard.tenants.bench-$t.api-token=bench-$t-api-token"
    "-Dswitchboard.tenants.bench-$t.access-token=bench-$t-graph-token"
    "-Dswitchboard.tenants.bench-$t.api-rate-limit=100000")
done
# the collector and heap flags the JVM image ships with, as the other benchmarks run the service
java $(service_jvm_opts) -Dquarkus.http.port="$app_port" -Dquarkus.redis.hosts="redis://127.0.0.1:$redis_port" \
  -Dswitchboard.graph.base-url="http://127.0.0.1:$graph_port" \
  -Dswitchboard.webhook.verify-token=bench -Dswitchboard.webhook.app-secrets=bench -Dswitchboard.admin.token=bench \
  -Dquarkus.log.category.\"dev.switchboard\".level=WARN "${tenants[@]}" \
  -jar target/quarkus-app/quarkus-run.jar >"$work/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 300); do
  if curl -fs "http://127.0.0.1:$app_port/q/health/ready" >/dev/null 2>&1; then break; fi
  kill -0 "$APP_PID" 2>/dev/null || { tail -50 "$work/app.log" >&2; echo "the service did not start" >&2; exit 1; }
  sleep 0.2
done

node bench/send-bench.mjs drive "http://127.0.0.1:$app_port" "http://127.0.0.1:$graph_port"
# slots the rate limiter gave up because a send would have gone out too late (each one is capacity lost)
curl -fsS "http://127.0.0.1:$app_port/q/metrics" | awk '/^switchboard_send_ratelimit_stale_total/ { n += $2 } END { printf "send_permits_given_up %d slots\n", n }'
