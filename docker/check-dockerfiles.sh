#!/usr/bin/env bash
# Runs what cdc-ingest/Dockerfile and fanout-server/Dockerfile do, without a Docker engine:
# each COPY into a scratch root, then the ENTRYPOINT (paths under that root, the image's JVM flags)
# with an empty environment. Both programs must start, validate their configuration and exit with
# status 2 naming the missing variables: that proves the jar the image copies exists, is runnable
# with those flags, and fails fast and readably when misconfigured.
# Not run here: FROM (no registry is reachable), RUN useradd, USER, and the image build itself.
# Needs the jars: mvn -q -DskipTests -pl cdc-ingest,fanout-server -am package
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
status=0
for module in cdc-ingest fanout-server; do
  dockerfile="$module/Dockerfile"
  while read -r src dst; do
    [ -f "$module/$src" ] || { echo "$dockerfile: COPY source $module/$src is missing (build the jars first)"; exit 1; }
    mkdir -p "$scratch$(dirname "$dst")"
    cp "$module/$src" "$scratch$dst"
  done < <(sed -n 's/^COPY \([^ ]*\) \([^ ]*\)$/\1 \2/p' "$dockerfile")
  mapfile -t entry < <(python3 -c 'import json,re,sys
line=[l for l in open(sys.argv[1]) if l.startswith("ENTRYPOINT ")][0]
for a in json.loads(line[len("ENTRYPOINT "):]): print(a)' "$dockerfile")
  for i in "${!entry[@]}"; do
    [[ "${entry[$i]}" == /* ]] && entry[$i]="$scratch${entry[$i]}"
  done
  set +e
  out=$(env -i PATH="$PATH" HOME="$scratch" timeout 60 "${entry[@]}" 2>&1)
  rc=$?
  set -e
  if [ $rc -eq 2 ] && grep -q 'KAFKA_BOOTSTRAP_SERVERS' <<<"$out"; then
    echo "ok   $dockerfile: ${entry[*]##*/} exits 2: $(head -c 200 <<<"$out" | tr '\n' ' ')"
  else
    echo "FAIL $dockerfile: expected exit 2 naming KAFKA_BOOTSTRAP_SERVERS, got $rc: $out"
    status=1
  fi
done
exit $status
