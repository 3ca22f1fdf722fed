#!/usr/bin/env bash
# api-gateway benchmark (issue 7): timeline pages over a catalog of generated items, and thumbnail serving against
# nginx serving the same files, in the same run, on this machine's cores.
#   bench/gateway/run.sh [work-folder]     (default /tmp/darkroom-bench-gateway; the catalog stays there for reruns)
# Env: ITEMS (1000000), RATE (500 req/s for the fixed-rate timeline run), DURATION (30 s per measurement), CLIENTS (16), JAVA,
#      PHASES (timeline,thumbnails: which measurements to take).
# Needs: nginx (Debian's nginx or nginx-light), a JDK. Builds index-service and api-gateway if their jars are missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO=$PWD
WORK=$(mkdir -p "${1:-/tmp/darkroom-bench-gateway}" && cd "${1:-/tmp/darkroom-bench-gateway}" && pwd)
ITEMS=${ITEMS:-1000000}; RATE=${RATE:-500}; SECONDS_EACH=${DURATION:-30}; CLIENTS=${CLIENTS:-16}
JAVA=${JAVA:-java}
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

echo "== machine"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs) x $(nproc); memory: $(free -g | awk '/Mem:/{print $2}') GiB"
echo "java: $($JAVA -version 2>&1 | head -1); nginx: $($NGINX -v 2>&1)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== build"
for module in index-service api-gateway; do
  [ -f "$module/target/quarkus-app/quarkus-run.jar" ] || ./mvnw -B -q -o -pl "$module" package -DskipTests
done
./mvnw -B -q -o -pl local-stack dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath.txt" >/dev/null
CP="$REPO/local-stack/target/classes:$(cat "$WORK/classpath.txt")"
mkdir -p "$WORK/classes"
javac -d "$WORK/classes" -cp "$CP" bench/gateway/GatewayBench.java bench/gateway/HttpLoad.java

echo "== nginx serving the derived-files folder (the peer for thumbnails)"
STORAGE="$WORK/data/storage"
mkdir -p "$STORAGE" "$WORK/nginx/logs"
NGINX_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$WORK/nginx/nginx.conf" <<CONF
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on; tcp_nopush on; keepalive_requests 100000;
  open_file_cache max=10000 inactive=60s;
  types { image/jpeg jpg; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $STORAGE;
    location / { add_header Cache-Control "public, max-age=31536000, immutable"; etag on; }
  }
}
CONF
"$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf"
trap '"$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -s stop 2>/dev/null || true' EXIT INT TERM

echo "== run (items=$ITEMS rate=$RATE seconds=$SECONDS_EACH clients=$CLIENTS)"
"$JAVA" -Xmx512m -cp "$WORK/classes:$CP" GatewayBench "$WORK" "$ITEMS" "$RATE" "$SECONDS_EACH" "$CLIENTS" \
  "$NGINX_PORT" "$REPO" 2>&1 | tee "$WORK/bench.log" | grep --line-buffered -E "RESULT|filled|catalog already|Exception|ERROR" || true
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
