#!/bin/bash
# run.sh [WORK] — transcode-service's pipeline vs Debian's ffmpeg CLI, same clip, same libx264 settings, same session.
# Job: a 30 s 3840x2160 HEVC + AAC clip -> 1920x1080 H.264 High (libx264 veryfast, CRF 23, bicubic scale, yuv420p)
#      + AAC 128 kb/s, MP4 with faststart.
# Ours: TranscodeBench (the service's probe/plan/transcode/durable-rename code, no Kafka), one JVM per run, so JVM
#       start and JIT count against us. Peer: the ffmpeg CLI with the equivalent options. hyperfine, RUNS each.
# Scale-out: 8 clips (10 s 1280x720 HEVC + AAC, transcoded without scaling) by 1 worker pinned to cpu 0, against
#       2 workers pinned to cpu 0 and cpu 1, 4 clips each (the split a consumer group gives when the clips
#       fall evenly on the two instances' partitions; see docs/PERFORMANCE.md for the uneven case).
# Needs: the module built (./mvnw -o -pl transcode-service test-compile), ffmpeg, hyperfine, taskset.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(realpath -m "${1:-$ROOT/transcode-service/target/bench-work}")
RUNS=${RUNS:-3}
mkdir -p "$WORK/out"
cd "$ROOT/transcode-service"
[ -f "$WORK/classpath.txt" ] || ../mvnw -B -q -o dependency:build-classpath -Dmdep.outputFile="$WORK/classpath.txt" -Dmdep.includeScope=test
CP="target/test-classes:target/classes:$(cat "$WORK/classpath.txt")"
JAVA=${JAVA:-java}
OURS="$JAVA -Xmx512m -cp $CP io.darkroom.transcode.bench.TranscodeBench"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $($JAVA -version 2>&1 | head -1); $(ffmpeg -version | head -1)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# The test clips (made once, kept in WORK): FFmpeg's testsrc2 pattern (each queue clip in its own hue).
if [ ! -f "$WORK/4k.mp4" ]; then
  ffmpeg -hide_banner -loglevel error -f lavfi -i "testsrc2=s=3840x2160:r=30:d=30" \
    -f lavfi -i "sine=f=440:d=30" -c:v libx265 -preset ultrafast -x265-params log-level=error -crf 26 \
    -pix_fmt yuv420p -tag:v hvc1 -c:a aac -shortest "$WORK/4k.mp4"
fi
for i in 1 2 3 4 5 6 7 8; do
  [ -f "$WORK/q$i.mp4" ] || ffmpeg -hide_banner -loglevel error -f lavfi \
    -i "testsrc2=s=1280x720:r=30:d=10,hue=h=$((i * 40))" -f lavfi -i "sine=f=$((200 + 50 * i)):d=10" \
    -c:v libx265 -preset ultrafast -x265-params log-level=error -crf 26 -pix_fmt yuv420p -tag:v hvc1 -c:a aac \
    -shortest "$WORK/q$i.mp4"
done

CLI_OPTS="-vf scale=1920:1080:flags=bicubic,format=yuv420p -c:v libx264 -preset veryfast -crf 23 -profile:v high -c:a aac -b:a 128k -movflags +faststart"
hyperfine --style basic --runs "$RUNS" --export-json "$WORK/single.json" \
  -n "darkroom (TranscodeBench)" "$OURS $WORK/out/ours $WORK/4k.mp4" \
  -n "ffmpeg CLI" "ffmpeg -hide_banner -loglevel error -y -i $WORK/4k.mp4 $CLI_OPTS $WORK/out/cli.mp4"
python3 - "$WORK/single.json" <<'PY'
import json, statistics, sys
r = {x['command']: statistics.median(x['times']) for x in json.load(open(sys.argv[1]))['results']}
ours, cli = r['darkroom (TranscodeBench)'], r['ffmpeg CLI']
print("RESULT single 4K HEVC 30 s -> 1080p: darkroom %.1f s, ffmpeg CLI %.1f s (medians), throughput ratio %.2f" % (ours, cli, cli / ours))
PY
ls -l "$WORK/out/ours/4k.mp4.mp4" "$WORK/out/cli.mp4" | awk '{print "output", $9, $5, "bytes"}'
# A running service meets files in a warm JVM: the clip twice in one JVM, CPU time per file vs the CLI's.
/usr/bin/time -f "RESULT warm: ours, 2 files in one JVM: wall %e s, cpu %U+%S s" $OURS "$WORK/out/warm" "$WORK/4k.mp4" "$WORK/4k.mp4" 2>&1 | grep -E "^(FILE|TOTAL|RESULT)"
/usr/bin/time -f "RESULT warm: ffmpeg CLI, 1 file: wall %e s, cpu %U+%S s" ffmpeg -hide_banner -loglevel error -y -i "$WORK/4k.mp4" $CLI_OPTS "$WORK/out/cli.mp4"

Q="$WORK/q1.mp4 $WORK/q2.mp4 $WORK/q3.mp4 $WORK/q4.mp4 $WORK/q5.mp4 $WORK/q6.mp4 $WORK/q7.mp4 $WORK/q8.mp4"
QA="$WORK/q1.mp4 $WORK/q2.mp4 $WORK/q3.mp4 $WORK/q4.mp4"
QB="$WORK/q5.mp4 $WORK/q6.mp4 $WORK/q7.mp4 $WORK/q8.mp4"
hyperfine --style basic --runs 1 --export-json "$WORK/scale.json" \
  -n "1 worker, cpu 0" "taskset -c 0 $OURS $WORK/out/s1 $Q" \
  -n "2 workers, cpu 0 + cpu 1" "taskset -c 0 $OURS $WORK/out/s2a $QA & taskset -c 1 $OURS $WORK/out/s2b $QB & wait"
python3 - "$WORK/scale.json" <<'PY'
import json, sys
r = {x['command']: x['times'][0] for x in json.load(open(sys.argv[1]))['results']}
one, two = r['1 worker, cpu 0'], r['2 workers, cpu 0 + cpu 1']
print("RESULT scale-out 8 clips: 1 worker %.1f s, 2 workers %.1f s, speed-up %.2fx" % (one, two, one / two))
PY
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
