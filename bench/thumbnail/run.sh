#!/bin/bash
# run.sh [WORK] — thumbnail-service vs vipsthumbnail, same files, same sizes, same session.
# Sizes (both tools): 224x224 and 448x448 centre crops, fits of 720, 1280 and 1920 px, JPEG q85.
# Cores: taskset pins both tools to 1 core (cpu 0) and to 2 cores (cpus 0,1).
#   vipsthumbnail: 1 core = 1 process x 1 thread; 2 cores = 2 processes x 1 thread, each over half the
#   files (the fastest 2-core layout in ../shared/peers/FIGURES.md). One process per size, as vipsthumbnail
#   makes one size per run.
#   thumbnail-service: ThumbnailBench in one JVM (-Xmx256m), 1 or 2 worker threads, a warm-up pass, then 5 timed
#   passes; images/s is the median. Peak RSS by /usr/bin/time -v over the whole JVM run.
# Needs: the module built (./mvnw -f thumbnail-service/pom.xml test-compile), bench/thumbnail/gen.sh's images,
# apt-get install -y libvips-tools hyperfine ffmpeg.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(realpath -m "${1:-$ROOT/thumbnail-service/target/bench-work}")
RUNS=${RUNS:-3}
cd "$ROOT/thumbnail-service"
[ -f "$WORK/classpath.txt" ] || ../mvnw -B -q -o dependency:build-classpath -Dmdep.outputFile="$WORK/classpath.txt" -Dmdep.includeScope=test
CP="target/test-classes:target/classes:$(cat "$WORK/classpath.txt")"
JAVA=${JAVA:-java}
VIPS_SET="$ROOT/bench/thumbnail/vips_set.sh"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $($JAVA -version 2>&1 | head -1); $(vipsthumbnail --vips-version 2>&1 | head -1)"
for SET in 12mp 24mp; do
  for CORES in 1 2; do
    CPUS=$([ "$CORES" = 1 ] && echo 0 || echo 0,1)
    rm -rf "$WORK/out"; mkdir -p "$WORK/out"
    hyperfine --style basic --warmup 1 --runs "$RUNS" --export-json "$WORK/vips_${SET}_${CORES}.json" \
      -n "vips $SET ${CORES}core" "taskset -c $CPUS $VIPS_SET $WORK/$SET $CORES $WORK/out/vips" | grep -E "Time|Range"
    /usr/bin/time -v -o "$WORK/vips_rss_${SET}_${CORES}.txt" taskset -c "$CPUS" "$VIPS_SET" "$WORK/$SET" "$CORES" "$WORK/out/vips2"
    VIPS_MED=$(python3 -c "import json,statistics;r=json.load(open('$WORK/vips_${SET}_${CORES}.json'))['results'][0]['times'];print('%.2f'%(20/statistics.median(r)))")
    VIPS_RSS=$(awk '/Maximum resident/{print int($6/1024)}' "$WORK/vips_rss_${SET}_${CORES}.txt")
    /usr/bin/time -v -o "$WORK/java_rss_${SET}_${CORES}.txt" taskset -c "$CPUS" \
      $JAVA -Xmx256m -XX:ActiveProcessorCount="$CORES" -cp "$CP" io.darkroom.thumbnail.bench.ThumbnailBench \
      "$WORK/$SET" "$CORES" 5 "$WORK/out/java" > "$WORK/java_${SET}_${CORES}.txt"
    JAVA_MED=$(awk '/^RESULT/{print $4}' "$WORK/java_${SET}_${CORES}.txt" | cut -d= -f2)
    JAVA_RSS=$(awk '/Maximum resident/{print int($6/1024)}' "$WORK/java_rss_${SET}_${CORES}.txt")
    echo "RESULT $SET cores=$CORES vips=${VIPS_MED} img/s (peak RSS ${VIPS_RSS} MB per process) darkroom=${JAVA_MED} img/s (peak RSS ${JAVA_RSS} MB) ratio=$(echo "scale=2; $JAVA_MED / $VIPS_MED" | bc)"
  done
done
