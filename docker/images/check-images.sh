#!/usr/bin/env bash
# Runs the images built by `mvn -Pimages` without a Docker engine: unpacks each image tar's layers
# into a root directory and starts the image's entrypoint in it with chroot, as the image's user
# and with only the image's environment. Each service must start on the image's own Java, validate
# its configuration and exit with status 2 naming the missing variables: the runtime, its shared
# libraries, the classpath and the entrypoint all work. Needs root (chroot).
#   docker/images/check-images.sh [image.tar ...]   (default target/images/{cdc-ingest,fanout-server}.tar)
set -euo pipefail
cd "$(dirname "$0")/../.."
PATH="$PATH:/usr/sbin:/sbin" # ldconfig, chroot
images=("$@")
[ ${#images[@]} -gt 0 ] || images=(target/images/cdc-ingest.tar target/images/fanout-server.tar)
chroot=$(PATH="$PATH:/usr/sbin:/sbin" command -v chroot)
timeout=$(command -v timeout)
status=0
for image in "${images[@]}"; do
  work=$(mktemp -d)
  tar --warning=no-unknown-keyword -xf "$image" -C "$work"
  root="$work/rootfs"
  mkdir -p "$root"
  mapfile -t layers < <(python3 -c 'import json,sys; print("\n".join(json.load(open(sys.argv[1]))[0]["Layers"]))' "$work/manifest.json")
  for layer in "${layers[@]}"; do
    tar --warning=no-unknown-keyword -xf "$work/$layer" -C "$root"
  done
  config=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["Config"])' "$work/manifest.json")
  mapfile -t entry < <(python3 -c 'import json,sys
c=json.load(open(sys.argv[1]))["config"]
for a in (c.get("Entrypoint") or []) + (c.get("Cmd") or []): print(a)' "$work/$config")
  mapfile -t envs < <(python3 -c 'import json,sys; print("\n".join(json.load(open(sys.argv[1]))["config"].get("Env") or []))' "$work/$config")
  user=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["config"].get("User") or "0")' "$work/$config")
  mkdir -p "$root/proc"
  mount -t proc proc "$root/proc" # as a container runtime does
  set +e
  out=$(env -i "${envs[@]}" "$timeout" 60 "$chroot" --userspec="$user" "$root" "${entry[@]}" 2>&1)
  rc=$?
  set -e
  umount "$root/proc"
  size=$(du -h "$image" | cut -f1)
  if [ $rc -eq 2 ] && grep -q 'KAFKA_BOOTSTRAP_SERVERS' <<<"$out"; then
    echo "ok   $image ($size, user $user): ${entry[*]} exits 2: $(head -c 160 <<<"$out" | tr '\n' ' ')"
  else
    echo "FAIL $image: expected exit 2 naming KAFKA_BOOTSTRAP_SERVERS, got $rc: $out"
    status=1
  fi
  rm -rf "$work"
done
exit $status
