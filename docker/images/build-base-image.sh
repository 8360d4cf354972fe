#!/usr/bin/env bash
# Builds the base image the service images are built on, without a Docker engine or a registry
# (neither exists on the build machines): a Java 17 runtime made by jlink from the local JDK, the
# shared libraries it links (found with ldd), an unprivileged user 10001, as one layer in the
# `docker save` tar format, which Jib takes as `tar://…`.
#   docker/images/build-base-image.sh [output.tar]   (default target/images/base-jre17.tar)
set -euo pipefail
cd "$(dirname "$0")/../.."
PATH="$PATH:/usr/sbin:/sbin" # ldconfig, chroot
out=${1:-target/images/base-jre17.tar}
jdk=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/rootfs
mkdir -p "$root"/{etc,tmp,app} && chmod 1777 "$root/tmp"

# The modules the services use (Kafka clients, Debezium, Jetty, JDBC, JMX meters, TLS).
modules=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,\
java.management.rmi,java.naming,java.net.http,java.prefs,java.rmi,java.scripting,\
java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,java.xml.crypto,\
jdk.crypto.ec,jdk.crypto.cryptoki,jdk.jfr,jdk.management,jdk.management.jfr,jdk.net,\
jdk.unsupported,jdk.zipfs,jdk.localedata
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --compress=2 --output "$root/opt/java"

# Every shared library the runtime's executables and libraries need, with the dynamic loader.
copy_with_parents() { mkdir -p "$root$(dirname "$1")"; cp -L "$1" "$root$1"; }
while read -r lib; do
  # ldd resolves the runtime's own libraries ($ORIGIN) inside $root: those are there already.
  [ -n "$lib" ] && [[ "$lib" != "$work"* ]] && [ ! -e "$root$lib" ] && copy_with_parents "$lib"
done < <(find "$root/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) -exec ldd {} \; 2>/dev/null \
  | awk '/=> \// {print $3} /^\t\/lib/ {print $1}' | sort -u)
copy_with_parents /lib64/ld-linux-x86-64.so.2

# The loader also finds the runtime's libraries through its cache, not only through $ORIGIN (which
# needs /proc mounted).
printf '/opt/java/lib\n/opt/java/lib/server\n/lib/x86_64-linux-gnu\n/usr/lib/x86_64-linux-gnu\n' \
  > "$root/etc/ld.so.conf"
ldconfig -r "$root"
mkdir -p "$root/proc"

printf 'root:x:0:0:root:/root:/sbin/nologin\nrealtime:x:10001:10001:realtime:/app:/sbin/nologin\n' \
  > "$root/etc/passwd"
printf 'root:x:0:\nrealtime:x:10001:\n' > "$root/etc/group"

# One layer, reproducible (fixed owner and times), then config and manifest as `docker save` has.
tar -C "$root" --sort=name --owner=0 --group=0 --numeric-owner --mtime='2026-01-01 00:00Z' \
  -cf "$work/layer.tar" .
diff_id=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
cat > "$work/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"2026-01-01T00:00:00Z",
 "config":{"User":"10001:10001","WorkingDir":"/app",
  "Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8"]},
 "rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},
 "history":[{"created":"2026-01-01T00:00:00Z","created_by":"docker/images/build-base-image.sh (jlink $("$jdk/bin/java" -version 2>&1 | head -1 | tr -d '"'))"}]}
JSON
echo '[{"Config":"config.json","RepoTags":["fastschema-realtime/base-jre17:local"],"Layers":["layer.tar"]}]' \
  > "$work/manifest.json"
mkdir -p "$(dirname "$out")"
tar -C "$work" -cf "$out" manifest.json config.json layer.tar
echo "base image: $out ($(du -h "$out" | cut -f1), runtime $(du -sh "$root/opt/java" | cut -f1))"
