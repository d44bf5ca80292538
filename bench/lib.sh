# Helpers shared by the bench scripts (sourced).

# free_port: a TCP port nothing listens on right now
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# service_jvm_opts: the collector and heap flags the JVM image ships with (read from Dockerfile.jvm, so a benchmark
# measures the service as deployed); JAVA_OPTS replaces them
service_jvm_opts() {
  if [ -n "${JAVA_OPTS:-}" ]; then echo "$JAVA_OPTS"; return; fi
  local gc append
  gc=$(sed -nE 's/^ENV GC_CONTAINER_OPTIONS="([^"]*)"/\1/p' Dockerfile.jvm)
  append=$(sed -nE 's/^ENV JAVA_OPTS_APPEND="([^"]*)"/\1/p' Dockerfile.jvm | tr ' ' '\n' | grep -E '^-X' | tr '\n' ' ')
  echo "$gc $append"
}

# redis_binary: redis-server from PATH, else the static one shipped in the embedded-redis jar (Maven cache)
redis_binary() {
  if command -v redis-server >/dev/null 2>&1; then
    command -v redis-server
    return
  fi
  local jar="${MAVEN_REPO:-$HOME/.m2/repository}/org/signal/embedded-redis/0.9.1/embedded-redis-0.9.1.jar"
  local bin="${TMPDIR:-/tmp}/switchboard-redis-server-7.0.15-linux-amd64"
  if [ ! -x "$bin" ]; then
    [ -f "$jar" ] || (cd "$(dirname "$0")/.." && ./mvnw -B -q dependency:get -Dartifact=org.signal:embedded-redis:0.9.1 >/dev/null)
    unzip -p "$jar" redis-server-7.0.15-linux-amd64 >"$bin.part" && chmod +x "$bin.part" && mv "$bin.part" "$bin"
  fi
  echo "$bin"
}

# start_redis PORT DIR: a private Redis in the background, AOF as REDIS_AOF says (yes: appendfsync everysec,
# as queues run in production and as the test resource starts its Redis; no: nothing on disk); sets REDIS_PID
start_redis() {
  "$(redis_binary)" --port "$1" --bind 127.0.0.1 --save "" --appendonly "${REDIS_AOF:-yes}" --appendfsync everysec \
    --dir "$2" --daemonize no >"$2/redis.log" 2>&1 &
  REDIS_PID=$!
  for _ in $(seq 1 100); do
    if (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null; then return 0; fi
    sleep 0.05
  done
  echo "redis did not start" >&2
  return 1
}

# redis_info PORT FIELD: one field of INFO from the Redis on 127.0.0.1:PORT (no redis-cli needed)
redis_info() {
  exec 3<>"/dev/tcp/127.0.0.1/$1"
  printf 'INFO\r\n' >&3
  timeout 2 cat <&3 | tr -d '\r' | awk -F: -v f="$2" '$1 == f { print $2; exit }'
  exec 3<&- 3>&-
}

# redis_call PORT WORDS...: one inline command to the Redis on 127.0.0.1:PORT, its raw reply on stdout
redis_call() {
  local port=$1; shift
  exec 3<>"/dev/tcp/127.0.0.1/$port"
  printf '%s\r\nQUIT\r\n' "$*" >&3 # QUIT: the server closes the connection after the reply
  timeout 2 cat <&3 | tr -d '\r'
  exec 3<&- 3>&-
}

# rss_mib PID: resident memory of a process in MiB
rss_mib() {
  awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"
}
