#!/usr/bin/env bash
# Webhook intake throughput, latency and CPU per delivery: the packaged service on a private Redis, wrk posting one
# signed ~1.5 KB delivery over and over. Prints one figure a line: <name> <value> <unit>.
#   bench/webhook.sh                      32 connections, 20 s (after a 5 s warm-up)
#   bench/webhook.sh --node               also a minimal Node intake (bench/node-intake) on its own private Redis,
#                                         same load, and the ratios Switchboard / Node
#   CONNECTIONS=64 DURATION=30s bench/webhook.sh
#   WARMUP=20s bench/webhook.sh           a longer warm-up (default 5s): on a busy machine the JIT needs it
#   REDIS_COMMANDS=1 bench/webhook.sh     also each Redis command's calls and CPU per delivery in the measured run
# Needs wrk (Debian: apt-get install -y wrk) and a packaged app (built here with ./mvnw package if missing);
# --node needs Node 20+ and the npm registry.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
CONNECTIONS="${CONNECTIONS:-32}"
DURATION="${DURATION:-20s}"
WARMUP="${WARMUP:-5s}"
THREADS="${THREADS:-2}"
SECRET="bench-app-secret"
PHONE_NUMBER_ID="112233445566778"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
if [ ! -f target/quarkus-app/quarkus-run.jar ]; then
  ./mvnw -B -q package -DskipTests >/dev/null
fi

work=$(mktemp -d)
PIDS=()
cleanup() {
  set +e # a stopped process reports a non-zero status; stop everything regardless
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT

# one realistic delivery: a text message with a long body, Meta's compact style (about 1.5 KB)
text=$(printf 'Hello, I would like to change my order for tomorrow evening. %.0s' $(seq 1 18))
printf '{"object":"whatsapp_business_account","entry":[{"id":"109876543210987","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550100123","phone_number_id":"%s"},"contacts":[{"profile":{"name":"Bench Customer"},"wa_id":"15550142876"}],"messages":[{"from":"15550142876","id":"wamid.HBgLFQIAEhgUYmVuY2htYXJrMDAwMDAwMDAwMDE=","timestamp":"1767268800","type":"text","text":{"body":"%s"}}]},"field":"messages"}]}]}' \
  "$PHONE_NUMBER_ID" "${text% }" >"$work/body.json"
signature="sha256=$(openssl dgst -sha256 -hmac "$SECRET" -r <"$work/body.json" | cut -d' ' -f1)"
cat >"$work/post.lua" <<LUA
local f = io.open("$work/body.json", "rb")
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Hub-Signature-256"] = "$signature"
LUA

wait_ready() { # URL PID LOG
  for _ in $(seq 1 300); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -H "X-Hub-Signature-256: $signature" \
        --data-binary @"$work/body.json" "$1")" = 200 ]; then return 0; fi
    if ! kill -0 "$2" 2>/dev/null; then tail -30 "$3" >&2; echo "intake did not start" >&2; exit 1; fi
    sleep 0.1
  done
  echo "intake never answered a signed delivery with 200" >&2; exit 1
}

# CPU seconds (user + system) a process has used, from /proc
proc_cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.3f", ($14 + $15) / hz }' "/proc/$1/stat"; }
redis_cpu() { awk -v a="$(redis_info "$1" used_cpu_user)" -v b="$(redis_info "$1" used_cpu_sys)" 'BEGIN { printf "%.3f", a + b }'; }
to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) printf "%.2f", v / 1000; else if (v ~ /ms$/) printf "%.2f", v + 0; else printf "%.2f", v * 1000 }'; }

# measure NAME URL SERVER_PID REDIS_PORT DRAIN_FUNCTION: warm-up, drain, then the measured run; CPU is counted from
# the start of the measured run until its deliveries are processed (DRAIN_FUNCTION returns once nothing is left)
measure() {
  local name=$1 url=$2 pid=$3 port=$4 drain=$5
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$work/post.lua" "$url" >/dev/null # warm-up (JIT, pools)
  "$drain"
  local cpu0 rcpu0 cpu1 rcpu1
  cpu0=$(proc_cpu "$pid"); rcpu0=$(redis_cpu "$port")
  [ -z "${REDIS_COMMANDS:-}" ] || redis_call "$port" CONFIG RESETSTAT >/dev/null
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$work/post.lua" "$url" >"$work/$name-wrk.txt"
  "$drain"
  cpu1=$(proc_cpu "$pid"); rcpu1=$(redis_cpu "$port")
  if grep -q 'Non-2xx' "$work/$name-wrk.txt"; then
    cat "$work/$name-wrk.txt" >&2; echo "$name: some deliveries were not answered 200" >&2; exit 1
  fi
  local n
  n=$(awk '/requests in/ { print $1 }' "$work/$name-wrk.txt")
  echo "webhook_rps $(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$work/$name-wrk.txt") req/s"
  echo "webhook_p50 $(to_ms "$(awk '$1 == "50%" { print $2 }' "$work/$name-wrk.txt")") ms"
  echo "webhook_p99 $(to_ms "$(awk '$1 == "99%" { print $2 }' "$work/$name-wrk.txt")") ms"
  echo "server_cpu_per_delivery $(awk -v a="$cpu0" -v b="$cpu1" -v n="$n" 'BEGIN { printf "%.1f", (b - a) * 1e6 / n }') us"
  echo "redis_cpu_per_delivery $(awk -v a="$rcpu0" -v b="$rcpu1" -v n="$n" 'BEGIN { printf "%.1f", (b - a) * 1e6 / n }') us"
  echo "webhook_deliveries_in_measured_run $n deliveries"
  if [ -n "${REDIS_COMMANDS:-}" ]; then # cmdstat_evalsha:calls=1,usec=2,usec_per_call=2.00,... -> per delivery
    redis_call "$port" INFO commandstats | awk -F'[:=,]' -v n="$n" '/^cmdstat_/ { sub("cmdstat_", "", $1);
      printf "redis_%s_calls_per_delivery %.3f calls\nredis_%s_cpu_per_delivery %.1f us\n", $1, $3 / n, $1, $5 / n }'
  fi
}

# --- Switchboard: intake, and the processor in the same process as in production
sb_redis_port=$(free_port)
mkdir -p "$work/sb-redis"
start_redis "$sb_redis_port" "$work/sb-redis"
PIDS+=("$REDIS_PID")
http_port=$(free_port)
REDIS_URL="redis://127.0.0.1:$sb_redis_port" QUARKUS_HTTP_PORT="$http_port" \
  SWITCHBOARD_WEBHOOK_VERIFY_TOKEN=bench-verify-token SWITCHBOARD_WEBHOOK_APP_SECRETS="$SECRET" \
  SWITCHBOARD_TENANTS_ACME_PHONE_NUMBER_ID="$PHONE_NUMBER_ID" SWITCHBOARD_TENANTS_ACME_API_TOKEN=bench-api-token \
  SWITCHBOARD_ADMIN_TOKEN=bench-admin-token QUARKUS_LOG_LEVEL=WARN \
  java $(service_jvm_opts) -jar target/quarkus-app/quarkus-run.jar >"$work/app.log" 2>&1 &
APP_PID=$!
PIDS+=("$APP_PID")
wait_ready "http://127.0.0.1:$http_port/webhooks/whatsapp" "$APP_PID" "$work/app.log"

# until the processor has handled every queued delivery
sb_drain() {
  local left
  for _ in $(seq 1 1500); do
    left=$(curl -fsS -H 'Authorization: Bearer bench-admin-token' "http://127.0.0.1:$http_port/admin/queue/stats/whatsapp:webhook" \
      | sed -E 's/.*"waiting":([0-9]+).*"active":([0-9]+).*/\1 \2/' | awk '{ print $1 + $2 }')
    [ "$left" = 0 ] && return 0
    sleep 0.2
  done
  echo "the webhook queue did not drain" >&2; exit 1
}
measure switchboard "http://127.0.0.1:$http_port/webhooks/whatsapp" "$APP_PID" "$sb_redis_port" sb_drain >"$work/sb.txt"
echo "service_rss_after_webhook_run $(rss_mib "$APP_PID") MiB" >>"$work/sb.txt"
echo "redis_used_memory_after_webhook_run $(( $(redis_info "$sb_redis_port" used_memory) / 1024 )) KiB" >>"$work/sb.txt"
kill "$APP_PID" 2>/dev/null; wait "$APP_PID" 2>/dev/null || true

if [ "${1:-}" != "--node" ]; then
  cat "$work/sb.txt"
  exit 0
fi

# --- Node: http + ioredis, verify and XADD only
cp bench/node-intake/package.json bench/node-intake/intake.mjs "$work/"
(cd "$work" && npm install --no-audit --no-fund --silent >/dev/null 2>&1) || { echo "npm install of ioredis failed" >&2; exit 1; }
node_redis_port=$(free_port)
mkdir -p "$work/node-redis"
start_redis "$node_redis_port" "$work/node-redis"
PIDS+=("$REDIS_PID")
node_port=$(free_port)
(cd "$work" && PORT="$node_port" REDIS_PORT="$node_redis_port" APP_SECRET="$SECRET" exec node intake.mjs) >"$work/node.log" 2>&1 &
NODE_PID=$!
PIDS+=("$NODE_PID")
wait_ready "http://127.0.0.1:$node_port/webhooks/whatsapp" "$NODE_PID" "$work/node.log"
no_drain() { :; }
measure node "http://127.0.0.1:$node_port/webhooks/whatsapp" "$NODE_PID" "$node_redis_port" no_drain >"$work/node.txt"
echo "service_rss_after_webhook_run $(rss_mib "$NODE_PID") MiB" >>"$work/node.txt"

echo "# Switchboard (intake + processing)"
cat "$work/sb.txt"
echo "# Node $(node --version) http + ioredis $(node -p "require('$work/node_modules/ioredis/package.json').version") (intake only)"
cat "$work/node.txt"
echo "# Switchboard / Node (rps: higher is better; latency and CPU per delivery: lower is better)"
awk 'NR==FNR { sb[$1]=$2; next } ($1 in sb) && $2 > 0 { printf "ratio_%s %.2f x\n", $1, sb[$1] / $2 }' "$work/sb.txt" "$work/node.txt"
