#!/usr/bin/env bash
# Starts the one-command stack N times (default 5) and measures, each time, launch → /readyz 200
# and SIGTERM → process exit; prints every run and the range. Needs the jar:
#   mvn -q -DskipTests package && standalone/measure-start-stop.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
jar=standalone/target/standalone.jar
ready=(); stop=()
ms() { date +%s%3N; }
for i in $(seq 1 "$runs"); do
  log=$(mktemp)
  t0=$(ms)
  REALTIME_PORT=0 java -jar "$jar" >"$log" 2>&1 &
  pid=$!
  port=""
  until [ -n "$port" ] && curl -sf -o /dev/null "http://127.0.0.1:$port/readyz"; do
    kill -0 "$pid" 2>/dev/null || { echo "run $i: exited early"; tail -20 "$log"; exit 1; }
    [ -n "$port" ] || port=$(grep -o 'ws://localhost:[0-9]*/api' "$log" | head -1 | sed 's#.*:\([0-9]*\)/api#\1#' || true)
    sleep 0.1
  done
  t1=$(ms)
  kill -TERM "$pid"
  wait "$pid" || true
  t2=$(ms)
  ready+=($((t1 - t0))); stop+=($((t2 - t1)))
  echo "run $i: ready after $((t1 - t0)) ms, exited $((t2 - t1)) ms after SIGTERM"
  rm -f "$log"
done
range() { printf '%s\n' "$@" | sort -n | awk 'NR==1{min=$1} {max=$1} END {printf "%.1f–%.1f s", min/1000, max/1000}'; }
echo "start → ready: $(range "${ready[@]}"); SIGTERM → exit: $(range "${stop[@]}") ($runs runs)"
