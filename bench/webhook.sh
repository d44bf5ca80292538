#!/usr/bin/env bash
# Webhook intake throughput and latency: the packaged service on a private Redis, wrk posting one signed ~1.5 KB
# delivery over and over. Prints one figure a line: <name> <value> <unit>.
#   bench/webhook.sh                      32 connections, 20 s (after a 5 s warm-up)
#   CONNECTIONS=64 DURATION=30s bench/webhook.sh
# Needs wrk (Debian: apt-get install -y wrk) and a packaged app (built here with ./mvnw package if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
CONNECTIONS="${CONNECTIONS:-32}"
DURATION="${DURATION:-20s}"
THREADS="${THREADS:-2}"
SECRET="bench-app-secret"
PHONE_NUMBER_ID="112233445566778"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
if [ ! -f target/quarkus-app/quarkus-run.jar ]; then
  ./mvnw -B -q package -DskipTests >/dev/null
fi

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

redis_port=$(free_port)
mkdir -p "$work/redis"
start_redis "$redis_port" "$work/redis"

http_port=$(free_port)
REDIS_URL="redis://127.0.0.1:$redis_port" QUARKUS_HTTP_PORT="$http_port" \
  SWITCHBOARD_WEBHOOK_VERIFY_TOKEN=bench-verify-token SWITCHBOARD_WEBHOOK_APP_SECRETS="$SECRET" \
  SWITCHBOARD_TENANTS_ACME_PHONE_NUMBER_ID="$PHONE_NUMBER_ID" SWITCHBOARD_TENANTS_ACME_API_TOKEN=bench-api-token \
  SWITCHBOARD_ADMIN_TOKEN=bench-admin-token QUARKUS_LOG_LEVEL=WARN \
  java ${JAVA_OPTS:-} -jar target/quarkus-app/quarkus-run.jar >"$work/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 200); do
  if curl -fsS "http://127.0.0.1:$http_port/q/health/ready" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$APP_PID" 2>/dev/null; then tail -30 "$work/app.log" >&2; echo "service did not start" >&2; exit 1; fi
  sleep 0.1
done

# one realistic delivery: a text message with a long body, Meta's compact style (about 1.5 KB)
text=$(printf 'Hello, I would like to change my order for tomorrow evening. %.0s' $(seq 1 18))
printf '{"object":"whatsapp_business_account","entry":[{"id":"109876543210987","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550100123","phone_number_id":"%s"},"contacts":[{"profile":{"name":"Bench Customer"},"wa_id":"15550142876"}],"messages":[{"from":"15550142876","id":"wamid.HBgLFQIAEhgUYmVuY2htYXJrMDAwMDAwMDAwMDE=","timestamp":"1767268800","type":"text","text":{"body":"%s"}}]},"field":"messages"}]}]}' \
  "$PHONE_NUMBER_ID" "${text% }" >"$work/body.json"
signature="sha256=$(openssl dgst -sha256 -hmac "$SECRET" -r <"$work/body.json" | cut -d' ' -f1)"
code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -H "X-Hub-Signature-256: $signature" \
  --data-binary @"$work/body.json" "http://127.0.0.1:$http_port/webhooks/whatsapp")
[ "$code" = 200 ] || { echo "a signed delivery was answered $code" >&2; exit 1; }

cat >"$work/post.lua" <<LUA
local f = io.open("$work/body.json", "rb")
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Hub-Signature-256"] = "$signature"
LUA

url="http://127.0.0.1:$http_port/webhooks/whatsapp"
wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s "$work/post.lua" "$url" >/dev/null            # warm-up (JIT, pools)
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$work/post.lua" "$url" >"$work/wrk.txt"

if grep -q 'Non-2xx' "$work/wrk.txt"; then
  cat "$work/wrk.txt" >&2
  echo "some deliveries were not answered 200" >&2
  exit 1
fi
# wrk prints latencies as 812.00us, 4.51ms or 1.02s: convert to ms
to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) printf "%.2f", v / 1000; else if (v ~ /ms$/) printf "%.2f", v + 0; else printf "%.2f", v * 1000 }'; }
echo "webhook_rps $(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$work/wrk.txt") req/s"
echo "webhook_p50 $(to_ms "$(awk '$1 == "50%" { print $2 }' "$work/wrk.txt")") ms"
echo "webhook_p99 $(to_ms "$(awk '$1 == "99%" { print $2 }' "$work/wrk.txt")") ms"

# memory after the run: wait until the processor has handled every delivery, then the service's RSS and Redis's
# used_memory (retention keeps finished jobs bounded, so this is where memory settles)
stats() { curl -fsS -H 'Authorization: Bearer bench-admin-token' "http://127.0.0.1:$http_port/admin/queue/stats/whatsapp:webhook"; }
for _ in $(seq 1 600); do
  left=$(stats | sed -E 's/.*"waiting":([0-9]+).*"active":([0-9]+).*/\1 \2/' | awk '{ print $1 + $2 }')
  [ "$left" = 0 ] && break
  sleep 0.2
done
processed=$(awk '/requests in/ { print $1 }' "$work/wrk.txt")
echo "service_rss_after_webhook_run $(rss_mib "$APP_PID") MiB"
echo "webhook_deliveries_in_measured_run $processed deliveries"
echo "redis_used_memory_after_webhook_run $(( $(redis_info "$redis_port" used_memory) / 1024 )) KiB"
