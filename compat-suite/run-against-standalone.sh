#!/usr/bin/env bash
# Runs the compatibility suite against the one-command stack, as a user would start it:
#   java -jar standalone/target/standalone.jar   (embedded PostgreSQL + in-process Kafka)
# With REALTIME_EMBEDDED_DB=mariadb in the environment the jar runs on an embedded MariaDB 11.4
# instead (the jar reads the variable itself), and the suite applies each case's "on_mysql" form:
#   REALTIME_EMBEDDED_DB=mariadb bash compat-suite/run-against-standalone.sh
# Needs a build first (`mvn -DskipTests install`, or `mvn verify`): standalone/target/standalone.jar,
# compat-suite/target/classes and compat-suite/target/classpath.txt.
#
# Starts the jar in the background with a fixed APP_KEY on port 18090 (a free port when that one is
# taken), waits (bounded) until /readyz answers 200, takes the JDBC URL from the banner, runs
# CompatibilitySuite, stops the jar (SIGTERM, bounded wait) and exits with the suite's status.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=standalone/target/standalone.jar
CLASSES=compat-suite/target/classes
CLASSPATH_FILE=compat-suite/target/classpath.txt
READY_TIMEOUT_S=${COMPAT_READY_TIMEOUT_S:-180}
STOP_TIMEOUT_S=40
export APP_KEY=${APP_KEY:-compat-suite-app-key-0123456789abcdef}

for f in "$JAR" "$CLASSES" "$CLASSPATH_FILE"; do
  if [ ! -e "$f" ]; then
    echo "compat: $f is missing; build first: mvn -DskipTests install" >&2
    exit 2
  fi
done

# 0 = in use (something answered), else free.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The HTTP status of GET http://127.0.0.1:$1$2, or 000.
http_status() {
  if command -v curl >/dev/null 2>&1; then
    curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$1$2" || true
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$2" >&3 \
      && head -1 <&3 | awk '{print $2}') 2>/dev/null || echo 000
  fi
}

PORT=${COMPAT_PORT:-18090}
if port_in_use "$PORT"; then
  echo "compat: port $PORT is taken; letting the stack pick a free one"
  PORT=0
fi

LOG=$(mktemp -t compat-standalone.XXXXXX.log)
REALTIME_PORT=$PORT java -jar "$JAR" >"$LOG" 2>&1 &
STACK_PID=$!

stop_stack() {
  if kill -0 "$STACK_PID" 2>/dev/null; then
    kill -TERM "$STACK_PID" 2>/dev/null || true
    for _ in $(seq 1 "$STOP_TIMEOUT_S"); do
      kill -0 "$STACK_PID" 2>/dev/null || break
      sleep 1
    done
    if kill -0 "$STACK_PID" 2>/dev/null; then
      echo "compat: standalone did not stop within ${STOP_TIMEOUT_S} s; killing it" >&2
      kill -KILL "$STACK_PID" 2>/dev/null || true
    fi
  fi
  wait "$STACK_PID" 2>/dev/null || true
}
trap stop_stack EXIT

echo "compat: started standalone on ${REALTIME_EMBEDDED_DB:-postgresql} (pid $STACK_PID, log $LOG);" \
  "waiting up to ${READY_TIMEOUT_S} s"
deadline=$(( $(date +%s) + READY_TIMEOUT_S ))
ws_port=""
while :; do
  if ! kill -0 "$STACK_PID" 2>/dev/null; then
    echo "compat: standalone exited before it was ready; its log:" >&2
    tail -50 "$LOG" >&2
    exit 2
  fi
  # The banner appears once the pipeline is ready: "ws://localhost:<port>/api/realtime/content?...".
  if [ -z "$ws_port" ]; then
    ws_port=$(grep -o 'ws://localhost:[0-9]*/api/realtime/content' "$LOG" | head -1 \
      | sed 's#ws://localhost:\([0-9]*\)/.*#\1#' || true)
  fi
  if [ -n "$ws_port" ] && [ "$(http_status "$ws_port" /readyz)" = "200" ]; then
    break
  fi
  if [ "$(date +%s)" -ge "$deadline" ]; then
    echo "compat: standalone not ready after ${READY_TIMEOUT_S} s; its log:" >&2
    tail -50 "$LOG" >&2
    exit 2
  fi
  sleep 1
done

JDBC=$(grep -o "SqlCommand 'jdbc:[^']*'" "$LOG" | head -1 | sed "s/^SqlCommand '//; s/'\$//")
if [ -z "$JDBC" ]; then
  echo "compat: no JDBC URL in the standalone banner" >&2
  exit 2
fi
echo "compat: ready on port $ws_port; running the suite"

status=0
java -cp "$CLASSES:$(cat "$CLASSPATH_FILE")" io.fastschema.realtime.compat.CompatibilitySuite \
  --ws-base "ws://localhost:$ws_port" --jdbc "$JDBC" --app-key "$APP_KEY" || status=$?

# Node's ws client with the URLs as FastSchema's documentation writes them (raw braces, a base URL
# ending in '/', an undecodable query). Needs `npm ci` in compat-suite/node-clients (.ci/run does it).
NODE_CLIENTS=compat-suite/node-clients
if command -v node >/dev/null 2>&1 && [ -d "$NODE_CLIENTS/node_modules/ws" ]; then
  TOKEN=$(grep -A1 '^Access token' "$LOG" | tail -1 | tr -d ' ')
  node "$NODE_CLIENTS/documented-urls.mjs" "ws://localhost:$ws_port" "$TOKEN" \
    java -cp "$JAR" io.fastschema.realtime.standalone.SqlCommand "$JDBC" || status=$?
else
  echo "compat: node or $NODE_CLIENTS/node_modules missing; Node ws checks not run" \
    "(cd $NODE_CLIENTS && npm ci)"
  if [ "${CI:-}" = "true" ]; then
    status=1
  fi
fi

stop_stack
trap - EXIT
if [ "$status" -ne 0 ]; then
  echo "compat: suite failed (status $status); standalone log: $LOG" >&2
else
  rm -f "$LOG"
fi
exit "$status"
