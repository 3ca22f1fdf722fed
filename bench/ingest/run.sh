#!/usr/bin/env bash
# Ingest benchmark (issue 3): the scan engine of ingest-service against its peers, in the same session.
#   1. first scan + SHA-256 of a 10,000-file tree (~1.1 GB)  vs  sha256sum over the same files
#   2. rescan of an unchanged 100,000-file tree               vs  find -printf '%s %T@\n'
# Usage: bench/ingest/run.sh [work-folder]   (default /tmp/darkroom-bench-ingest; needs ~1.5 GB there)
# Needs: hyperfine, sha256sum, find, python3, a JDK. Files are generated; nothing from ../shared is used.
set -euo pipefail
cd "$(dirname "$0")/../.."
WORK=${1:-/tmp/darkroom-bench-ingest}
JAVA=${JAVA:-java}
HEAP=${HEAP:--Xmx256m}
mkdir -p "$WORK"

echo "== machine"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs) x $(nproc)"
echo "memory: $(free -g | awk '/Mem:/{print $2}') GiB; java: $($JAVA -version 2>&1 | head -1); heap: $HEAP"
echo "file system of $WORK: $(df -T "$WORK" | awk 'NR==2{print $2}')"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews both sides alike; compare ratios)"

echo "== build (ingest-service classes + classpath)"
./mvnw -B -q -f ingest-service/pom.xml compile dependency:build-classpath -Dmdep.outputFile="$WORK/classpath.txt" >/dev/null
CP="$PWD/ingest-service/target/classes:$(cat "$WORK/classpath.txt")"
mkdir -p "$WORK/classes"
javac -q -d "$WORK/classes" -cp "$CP" bench/ingest/IngestBench.java 2>/dev/null || javac -d "$WORK/classes" -cp "$CP" bench/ingest/IngestBench.java
BENCH=("$JAVA" "$HEAP" -cp "$WORK/classes:$CP" -Dorg.jboss.logging.provider=jdk -Djava.util.logging.config.file=/dev/null IngestBench)

echo "== trees"
python3 - "$WORK" <<'PY'
import os, random, sys
work = sys.argv[1]
random.seed(3)
def tree(name, files, per_dir, size):
    root = os.path.join(work, name)
    marker = os.path.join(work, name + ".done")
    if os.path.exists(marker):
        return
    for i in range(files):
        d = os.path.join(root, "%04d" % (i // per_dir))
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "IMG_%06d.jpg" % i), "wb") as f:
            f.write(os.urandom(size()))
    open(marker, "w").close()
tree("tree10k", 10_000, 100, lambda: random.randint(16 * 1024, 200 * 1024))
tree("tree100k", 100_000, 100, lambda: 16)
PY
for t in tree10k tree100k; do
  echo "$t: $(find "$WORK/$t" -type f | wc -l) files, $(du -sm "$WORK/$t" | cut -f1) MB"
done

echo "== 1. first scan + hash, 10,000 files (page cache warm for both: the tree was just written / read)"
find "$WORK/tree10k" -type f -print0 | xargs -0 cat > /dev/null
# three first scans in one JVM (fresh state each): round 1 is a cold JVM, rounds 2-3 a long-running service
rm -rf "$WORK"/state10k-*
"${BENCH[@]}" first "$WORK/tree10k" "$WORK/state10k" 3 | grep RESULT
rm -rf "$WORK"/state10k-*
"$JAVA" "$HEAP" -DhashThreads=1 "${BENCH[@]:2}" first "$WORK/tree10k" "$WORK/state10k" 2 | grep RESULT
rm -rf "$WORK"/state10k-*
# The service hashes on one thread per core (darkroom.ingest.hash-threads); sha256sum is one process, so it is also
# run as one process per core (xargs -P) for the like-for-like reading. Darkroom with 1 hash thread: -DhashThreads=1.
hyperfine --style basic --warmup 1 --runs 3 \
  --command-name "sha256sum (10k files)" "find $WORK/tree10k -type f -print0 | xargs -0 sha256sum > /dev/null" \
  --command-name "sha256sum, $(nproc) processes (10k files)" \
  "find $WORK/tree10k -type f -print0 | xargs -0 -P $(nproc) -n 500 sha256sum > /dev/null" \
  --command-name "darkroom first scan, process incl. JVM start" --prepare "rm -rf $WORK/state10k" \
  "${BENCH[*]} first $WORK/tree10k $WORK/state10k > /dev/null"

echo "== 2. rescan of the unchanged 100,000-file tree"
rm -rf "$WORK/state100k"
"${BENCH[@]}" first "$WORK/tree100k" "$WORK/state100k" | grep RESULT
"${BENCH[@]}" rescan "$WORK/tree100k" "$WORK/state100k" 8 | grep RESULT
hyperfine --style basic --warmup 2 --runs 10 \
  --command-name "find -printf (100k files)" "find $WORK/tree100k -printf '%s %T@\n' > /dev/null"
hyperfine --style basic --warmup 1 --runs 5 \
  --command-name "darkroom rescan, process incl. JVM start and state load" \
  "${BENCH[*]} rescan $WORK/tree100k $WORK/state100k 1 > /dev/null"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
