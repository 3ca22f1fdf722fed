#!/usr/bin/env bash
# Load (issue 10): N files (default 5,000 small generated JPEGs) dropped at once, by one folder rename, into the
# library of a running system: the local stack and the five packaged services as processes, as ./darkroom up runs
# them. Reports the drop-to-thumbnails-ready time per file (median, p95, max, from the catalog row's last update)
# and each service's peak resident memory (VmHWM), Kafka's and MariaDB's too.
# Usage: bench/e2e/load.sh [files] [work-folder]   (default 5000, /tmp/darkroom-bench-e2e; ~150 MB there)
# Needs: the services packaged (./mvnw -o -q package -DskipTests), a JDK 17+. Nothing from ../shared is used.
set -euo pipefail
cd "$(dirname "$0")/../.."
FILES=${1:-5000}
WORK=${2:-/tmp/darkroom-bench-e2e}
JAVA=${JAVA:-java}
mkdir -p "$WORK"
rm -rf "$WORK/data" "$WORK/library"

echo "== machine"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs) x $(nproc)"
echo "memory: $(free -g | awk '/Mem:/{print $2}') GiB; java: $($JAVA -version 2>&1 | head -1)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) (other builds on the machine slow every stage alike)"

for m in ingest-service index-service thumbnail-service transcode-service api-gateway; do
  [[ -f $m/target/quarkus-app/quarkus-run.jar ]] || { echo "$m is not packaged: ./mvnw -o -q package -DskipTests" >&2; exit 1; }
done
# local-stack's jar and the test classpath of e2e-tests (JDBC driver, JpegFixtures from platform's test jar)
./mvnw -B -o -q -pl e2e-tests dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath.txt" >/dev/null
CP="$(cat "$WORK/classpath.txt")"
mkdir -p "$WORK/classes"
javac -d "$WORK/classes" -cp "$CP" bench/e2e/LoadBench.java
"$JAVA" -Xmx512m -cp "$WORK/classes:$CP" LoadBench "$PWD" "$WORK" "$FILES"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
