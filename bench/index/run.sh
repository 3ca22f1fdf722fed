#!/bin/bash
# index-service benchmark: files/s indexed (metadata read + catalog write) against `exiftool -json -n` over the
# same files, in the same run. Sets: 1,000 generated 12 MP JPEGs (4000x3000, q92, camera EXIF + GPS), and the
# shared corpus (../shared/corpus, when present). Results are printed; docs/PERFORMANCE.md records them.
# Per set: exiftool (hyperfine); IndexBenchmark (index-service's reader in one JVM, parse only, then with a JDBC
# write BATCH files per commit); ServiceBench (the packaged index-service as a process on the local stack: events
# in on Kafka, catalogued through its own consumer and transactions -- the figure that counts).
#
#   bench/index/run.sh            # needs: exiftool, hyperfine, ffmpeg -- apt-get install -y
#                                 #        libimage-exiftool-perl hyperfine ffmpeg
# Env: BENCH_WORK (default /tmp/darkroom-bench-index), THREADS (2), PASSES (3), COUNT (1000), BATCH (1: files
# per commit in IndexBenchmark's JDBC write), JDBC (1: run IndexBenchmark), SERVICE (1: run ServiceBench),
# SERVICE_BATCH (unset: index-service's own darkroom.index.batch.size; 1 = one transaction per file event).
# SETS ("12mp corpus": which sets to run, e.g. SETS=corpus).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${BENCH_WORK:-/tmp/darkroom-bench-index}
THREADS=${THREADS:-2}; PASSES=${PASSES:-3}; COUNT=${COUNT:-1000}; BATCH=${BATCH:-1}; JDBC=${JDBC:-1}; SERVICE=${SERVICE:-1}
mkdir -p "$WORK/12mp" "$WORK/base"
export LC_ALL=C MAGICK_TEMPORARY_PATH="$WORK" TMPDIR="$WORK"

# ---- 1. 1,000 generated 12 MP JPEGs: 10 distinct noisy-gradient images (ffmpeg) with camera EXIF and XMP
#         (exiftool), copied to COUNT files
if [ "$(ls "$WORK/12mp" | wc -l)" -lt "$COUNT" ]; then
  makes=("Apple|iPhone 13 Pro" "Canon|Canon EOS R6" "SONY|ILCE-7M3" "NIKON CORPORATION|NIKON Z 6" "FUJIFILM|X-T4")
  for i in $(seq 0 9); do
    b="$WORK/base/base_$i.jpg"
    [ -f "$b" ] && continue
    ffmpeg -v error -y -f lavfi -i "gradients=s=4000x3000:seed=$((1000 + i)):n=6,noise=alls=18:allf=t" \
      -frames:v 1 -q:v 4 -pix_fmt yuvj420p "$b"
    mm=${makes[$((i % 5))]}
    exiftool -q -overwrite_original -n "-DateTimeOriginal=2023:06:1$i 10:15:0$i" "-SubSecTimeOriginal=12$i" \
      "-OffsetTimeOriginal=+02:00" "-Make=${mm%%|*}" "-Model=${mm#*|}" -Orientation=$((i % 2 == 0 ? 1 : 6)) \
      -ExposureTime=0.004 -FNumber=2.8 -ISO=$((100 * (1 + i))) -FocalLength=26 "-LensModel=Test Lens 26mm f/2.8" \
      -GPSLatitude=$((48 + i)).1234 -GPSLatitudeRef=N -GPSLongitude=11.5$i -GPSLongitudeRef=E -GPSAltitude=$((500 + i)) \
      -GPSAltitudeRef=0 "-XMP-dc:Title=Bench $i" "-XMP-dc:Subject=bench" -XMP-xmp:Rating=3 "$b"
  done
  for n in $(seq 0 $((COUNT - 1))); do cp "$WORK/base/base_$((n % 10)).jpg" "$WORK/12mp/img_$(printf %04d $n).jpg"; done
fi
ls "$WORK"/12mp/*.jpg > "$WORK/12mp.list"
echo "12 MP set: $(wc -l < "$WORK/12mp.list") files, $(du -sh "$WORK/12mp" | cut -f1)"

# ---- 2. the corpus: every file exiftool reads without error (truth.csv's exiftool_error empty)
CORPUS="$ROOT/../shared/corpus"
if [ -f "$CORPUS/truth.csv" ]; then
  python3 - "$CORPUS" > "$WORK/corpus.list" <<'PY'
import csv, sys, os
root = sys.argv[1]
for row in csv.DictReader(open(os.path.join(root, 'truth.csv'))):
    if not row['exiftool_error']:
        print(os.path.join(root, row['path']))
PY
  echo "corpus set: $(wc -l < "$WORK/corpus.list") files"
else
  echo "../shared/corpus is absent: the corpus set is skipped"; : > "$WORK/corpus.list"
fi

# ---- 3. build index-service's test classpath (the benchmark is a test-scope main class)
cd "$ROOT"
./mvnw -B -q -o -f index-service/pom.xml test-compile dependency:build-classpath \
  -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test
CP="index-service/target/test-classes:index-service/target/classes:$(cat "$WORK/cp.txt")"
if [ "$SERVICE" = 1 ]; then # the service as a process, started by local-stack's launcher
  [ -f index-service/target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q -o -pl index-service package -DskipTests
  ./mvnw -B -q -o -pl local-stack dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$WORK/stack-cp.txt" >/dev/null
  STACK_CP="local-stack/target/classes:$(cat "$WORK/stack-cp.txt")"
  mkdir -p "$WORK/bench-classes"
  javac -d "$WORK/bench-classes" -cp "$STACK_CP" bench/index/ServiceBench.java
  [ -n "${SERVICE_BATCH:-}" ] && export DARKROOM_INDEX_BATCH_SIZE=$SERVICE_BATCH
fi

echo; echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
echo "exiftool $(exiftool -ver), THREADS=$THREADS"
for set in ${SETS:-12mp corpus}; do
  list="$WORK/$set.list"; [ -s "$list" ] || continue
  n=$(wc -l < "$list")
  echo; echo "==== $set ($n files)"
  # exiftool in one process (its batch mode), and in THREADS processes, like the JVM's THREADS threads
  hyperfine --style basic --warmup 1 --runs "$PASSES" \
    -n "exiftool -json -n, 1 proc" "exiftool -json -n -@ $list > $WORK/exiftool-$set.json 2>/dev/null || true" \
    -n "exiftool -json -n, $THREADS procs" "rm -f $WORK/part-$set-* && split -n r/$THREADS $list $WORK/part-$set- && ls $WORK/part-$set-* | xargs -P$THREADS -I{} sh -c 'exiftool -json -n -@ {} > {}.json 2>/dev/null || true'" \
    --export-json "$WORK/hyperfine-$set.json" | grep -E "Time|±|exiftool"
  python3 -c "
import json; d=json.load(open('$WORK/hyperfine-$set.json'))
for r in d['results']: print('%-36s %9.1f files/s (mean %.3f s)' % (r['command'], $n / r['mean'], r['mean']))"
  echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
  if [ "$JDBC" = 1 ]; then
    rm -rf "$WORK/db-$set"  # a fresh catalog each run
    # C.UTF-8: the corpus has non-ASCII names, which the JVM cannot open under LC_ALL=C
    LC_ALL=C.UTF-8 java -cp "$CP" io.darkroom.index.bench.IndexBenchmark "$list" "$THREADS" "$PASSES" "$WORK/db-$set" "$BATCH" 2>"$WORK/java-$set.err"
    echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
  fi
  if [ "$SERVICE" = 1 ]; then
    echo "index-service (batch size ${DARKROOM_INDEX_BATCH_SIZE:-its default}), $PASSES passes after a warm-up:"
    LC_ALL=C.UTF-8 java -Xmx256m -cp "$WORK/bench-classes:$STACK_CP" ServiceBench "$WORK/service-$set" "$ROOT" "$list" \
      "$PASSES" > "$WORK/service-$set.log" 2>&1 || { tail -20 "$WORK/service-$set.log"; exit 1; }
    grep RESULT "$WORK/service-$set.log"
    echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
  fi
done
