#!/usr/bin/env bash
# The tenant registry at 10,000 tenants: the packaged service on a private Redis, tenants created through the admin
# API, then a restart that loads them all. Also the in-memory look-up cost per request (TenantLookupBenchmark, in
# the test JVM). Prints one figure a line: <name> <value> <unit>. Stops everything it started.
#   bench/tenants.sh                      builds the package first (./mvnw package -DskipTests)
#   SKIP_BUILD=1 bench/tenants.sh         uses target/quarkus-app as it is
#   TENANTS=20000 CLIENTS=8 bench/tenants.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
TENANTS="${TENANTS:-10000}"
CLIENTS="${CLIENTS:-8}"
ADMIN_TOKEN=bench-admin-token
work=$(mktemp -d)
REDIS_PID=
APP_PID=
cleanup() {
  set +e # a stopped process reports a non-zero status; stop everything regardless
  if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null; wait "$APP_PID" 2>/dev/null; fi
  if [ -n "$REDIS_PID" ]; then kill "$REDIS_PID" 2>/dev/null; wait "$REDIS_PID" 2>/dev/null; fi
  rm -rf "$work"
}
trap cleanup EXIT

if [ "${SKIP_BUILD:-}" != "1" ]; then
  ./mvnw -B -q package -DskipTests >"$work/build.log" 2>&1 || { tail -50 "$work/build.log" >&2; echo "build failed" >&2; exit 1; }
fi

redis_port=$(free_port)
mkdir -p "$work/redis"
start_redis "$redis_port" "$work/redis"
app_port=$(free_port)

# start_app LOG: the packaged service in the background (key: $SECRET_KEY); sets APP_PID and READY_MS, the time
# from launch until /q/health/ready answered 200
start_app() {
  local begin
  begin=$(date +%s%N)
  java -Dquarkus.http.port="$app_port" -Dquarkus.redis.hosts="redis://127.0.0.1:$redis_port" \
    -Dswitchboard.webhook.verify-token=bench -Dswitchboard.webhook.app-secrets=bench -Dswitchboard.admin.token="$ADMIN_TOKEN" \
    -Dswitchboard.secrets.encryption-key="$SECRET_KEY" -Dswitchboard.send.api-rate-limit=0 \
    -Dquarkus.log.level=WARN -Dquarkus.log.category.\"dev.switchboard.tenant.TenantSync\".level=INFO \
    -jar target/quarkus-app/quarkus-run.jar >"$1" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 1200); do
    if curl -fs "http://127.0.0.1:$app_port/q/health/ready" >/dev/null 2>&1; then
      READY_MS=$(( ($(date +%s%N) - begin) / 1000000 ))
      return 0
    fi
    kill -0 "$APP_PID" 2>/dev/null || { tail -50 "$1" >&2; echo "the service did not start" >&2; exit 1; }
    sleep 0.05
  done
  echo "the service did not become ready" >&2
  exit 1
}

stop_app() {
  kill "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=
}

# heap_kib: the service's used heap after a full GC (jcmd), in KiB
heap_kib() {
  jcmd "$APP_PID" GC.run >/dev/null
  jcmd "$APP_PID" GC.heap_info | awk '/used/ { for (i = 1; i <= NF; i++) if ($i == "used") { sub("K", "", $(i+1)); print $(i+1); exit } }'
}

# the same key for both starts: the second one must read what the first wrote
SECRET_KEY=$(head -c 32 /dev/urandom | base64)

# a first start warms the file cache and is not measured: both measured starts begin alike
start_app "$work/app-warm.log"
stop_app
start_app "$work/app-empty.log"
empty_ready=$READY_MS
empty_heap=$(heap_kib)
empty_redis=$(redis_info "$redis_port" used_memory)

cat >"$work/populate.py" <<'PY'
import http.client, json, sys, threading, time
port, admin, total, clients = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
errors = []
def work(first):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for n in range(first, total, clients):
        body = json.dumps({"id": "bench-%05d" % n, "displayName": "Salon %d" % n, "phoneNumberId": "93%013d" % n,
                           "wabaId": "10%013d" % n, "accessToken": "EAAG" + ("%05d" % n) * 40})
        conn.request("POST", "/admin/tenants", body, {"Authorization": "Bearer " + admin, "Content-Type": "application/json"})
        answer = conn.getresponse()
        answer.read()
        if answer.status != 201:
            errors.append(answer.status)
start = time.time()
threads = [threading.Thread(target=work, args=(i,)) for i in range(clients)]
[t.start() for t in threads]
[t.join() for t in threads]
if errors:
    sys.exit("creates failed: %d (first status %d)" % (len(errors), errors[0]))
print("%.1f" % (total / (time.time() - start)))
PY
create_rate=$(python3 "$work/populate.py" "$app_port" "$ADMIN_TOKEN" "$TENANTS" "$CLIENTS")
full_redis=$(redis_info "$redis_port" used_memory)
stop_app

start_app "$work/app-full.log"
full_ready=$READY_MS
full_heap=$(heap_kib)
loaded=$(grep -o "Loaded [0-9]* tenant(s) from the registry in [0-9]* ms" "$work/app-full.log" | head -1)
load_ms=$(echo "$loaded" | awk '{print $(NF-1)}')
count=$(echo "$loaded" | awk '{print $2}')
[ "$count" = "$TENANTS" ] || { echo "expected $TENANTS tenants loaded, log says: $loaded" >&2; exit 1; }
stop_app

echo "tenants_created_per_second $create_rate tenants/s"
echo "registry_load_${TENANTS}_tenants $load_ms ms"
echo "startup_to_ready_0_tenants $empty_ready ms"
echo "startup_to_ready_${TENANTS}_tenants $full_ready ms"
awk -v e="$empty_heap" -v f="$full_heap" -v n="$TENANTS" 'BEGIN { printf "service_heap_per_tenant %.0f bytes\n", (f - e) * 1024 / n }'
awk -v e="$empty_redis" -v f="$full_redis" -v n="$TENANTS" 'BEGIN { printf "redis_memory_per_tenant %.0f bytes\n", (f - e) / n }'

if ! ./mvnw -B -q test -Dtest=TenantLookupBenchmark -Dbench=true -Dsurefire.failIfNoSpecifiedTests=false >"$work/lookup.log" 2>&1; then
  tail -50 "$work/lookup.log" >&2
  echo "look-up benchmark failed" >&2
  exit 1
fi
grep '^BENCH ' "$work/lookup.log" | sed 's/^BENCH //'
