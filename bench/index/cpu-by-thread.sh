#!/bin/bash
# Where index-service's CPU goes during bench/index/run.sh's service passes: every thread's CPU time from
# /proc/<pid>/task/*/stat, summed by thread name (numbers folded: "C2 CompilerThread0" and "1" count together),
# and the other processes of the run (MariaDB, the broker, the bench). docs/PERFORMANCE.md, "C1 only".
#
#   SETS=corpus PASSES=12 bench/index/cpu-by-thread.sh     # env as bench/index/run.sh; JDBC=0 is set here
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${BENCH_WORK:-/tmp/darkroom-bench-index}
OUT="$WORK/cpu-by-thread"; rm -rf "$OUT"; mkdir -p "$OUT"
JDBC=0 "$ROOT/bench/index/run.sh" > "$OUT/bench.log" 2>&1 &
BENCH=$!
service=""
while [ -z "$service" ] && kill -0 $BENCH 2>/dev/null; do
  service=$(pgrep -f 'index-service/target/quarkus-app/quarkus-run.jar' | head -1 || true); sleep 0.2
done
[ -n "$service" ] || { tail -20 "$OUT/bench.log"; exit 1; }
sleep 1
others="$(pgrep -f mariadbd | head -1 || true) $(pgrep -f BrokerMain | head -1 || true) $(pgrep -f ServiceBench | head -1 || true)"
# One awk per snapshot (not a process per thread), so the sampling stays cheap; the last complete one counts.
while kill -0 "$service" 2>/dev/null; do
  awk '{ name = $0; sub(/^[0-9]+ \(/, "", name); sub(/\) .*/, "", name); gsub(/[0-9]+/, "N", name);
         n = split($0, f, ") "); split(f[n], s, " "); cpu[name] += s[12] + s[13] }
       END { for (k in cpu) printf "%s\t%d\n", k, cpu[k] }' /proc/"$service"/task/*/stat > "$OUT/threads.tmp" 2>/dev/null \
    && mv "$OUT/threads.tmp" "$OUT/threads.txt"
  for p in $others; do printf '%s\t%s\n' "$(cat /proc/$p/comm 2>/dev/null)" "$(awk '{ print $14 + $15 }' /proc/$p/stat 2>/dev/null)"; done > "$OUT/others.tmp" \
    && mv "$OUT/others.tmp" "$OUT/others.txt"
  sleep 0.5
done
wait $BENCH || { tail -20 "$OUT/bench.log"; exit 1; }
grep -E 'RESULT service|files/s' "$OUT/bench.log"
hz=$(getconf CLK_TCK)
echo "index-service CPU by thread (s, from its start to its last snapshot):"
sort -t$'\t' -k2 -nr "$OUT/threads.txt" | awk -F'\t' -v hz=$hz '{ t += $2; line[NR] = $0 }
  END { for (i = 1; i <= NR && i <= 12; i++) { split(line[i], f, "\t"); printf "  %7.2f %5.1f%%  %s\n", f[2]/hz, 100*f[2]/t, f[1] }
        printf "  %7.2f total\n", t/hz }'
echo "the run's other processes (CPU s since each started): $(awk -F'\t' -v hz=$hz '{ printf "%s %.2f  ", $1, $2/hz }' "$OUT/others.txt")"
