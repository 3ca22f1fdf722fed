#!/bin/bash
# One thread's metadata read per file once the JIT has settled, with C1 only and with the default JIT (C1 then
# C2): index-service's MediaReader over a list of files, PASSES times in one JVM (ReadCostPerFile, test scope).
# The list defaults to the corpus list bench/index/run.sh writes. docs/PERFORMANCE.md, "C1 only".
#
#   bench/index/read-cost.sh [LIST]      # env: BENCH_WORK (default /tmp/darkroom-bench-index), PASSES (40)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${BENCH_WORK:-/tmp/darkroom-bench-index}
LIST=${1:-$WORK/corpus.list}
[ -s "$LIST" ] || { echo "no file list at $LIST: run bench/index/run.sh first, or pass one" >&2; exit 1; }
cd "$ROOT"
mkdir -p "$WORK"
./mvnw -B -q -o -f index-service/pom.xml test-compile dependency:build-classpath \
  -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test
CP="index-service/target/test-classes:index-service/target/classes:$(cat "$WORK/cp.txt")"
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(wc -l < "$LIST") files, load $(cut -d' ' -f1-3 /proc/loadavg)"
for jit in "-XX:TieredStopAtLevel=1" "-XX:+TieredCompilation"; do
  echo "== $jit"
  LC_ALL=C.UTF-8 java "$jit" -cp "$CP" io.darkroom.index.bench.ReadCostPerFile "$LIST" "${PASSES:-40}" 2>/dev/null \
    | grep -v '^pass'
done
