#!/usr/bin/env bash
# Does WebP pay off for Darkroom's fit previews? For each real photo: a lossless fit-1280 reference (vipsthumbnail),
# then JPEG q85 (what thumbnail-service writes) and WebP at several qualities, each compared with the reference by
# SSIM (ffmpeg's ssim filter, on Y'CbCr "All"). Prints total bytes, mean SSIM and encoder CPU seconds per format, so
# WebP can be compared at the quality where its SSIM matches JPEG q85's.
# Usage: bench/thumbnail/webp.sh [corpus dir] [work dir]   (photos: JPEGs >= 2000 px wide from truth.csv)
set -euo pipefail
CORPUS=${1:-../shared/corpus}
WORK=${2:-/tmp/webp-bench}
EDGE=${EDGE:-1280}
rm -rf "$WORK" && mkdir -p "$WORK/ref" "$WORK/out"
awk -F, '$2=="image/jpeg" && $3>=2000 && $1 !~ /derived/ {print $1}' "$CORPUS/truth.csv" > "$WORK/list"
n=0
while read -r rel; do
  n=$((n + 1))
  vipsthumbnail "$CORPUS/$rel" --size "${EDGE}x${EDGE}" -o "$WORK/ref/$n.png" 2>/dev/null || { rm -f "$WORK/ref/$n.png"; continue; }
done < "$WORK/list"
echo "photos: $(ls "$WORK/ref" | wc -l), fit-$EDGE, $(vips --version)"
cpu() { /usr/bin/time -f "%U %S" "$@" 2>&1 >/dev/null | tail -1 | awk '{print $1 + $2}'; }
measure() { # name ext save-options
  local name=$1 ext=$2 opts=$3 bytes=0 ssim_sum=0 count=0 cpu_sum=0
  for ref in "$WORK"/ref/*.png; do
    local out="$WORK/out/$(basename "$ref" .png).$name.$ext"
    local t; t=$(cpu vips copy "$ref" "$out[$opts]")
    cpu_sum=$(echo "$cpu_sum + $t" | bc -l)
    bytes=$((bytes + $(stat -c %s "$out")))
    local s; s=$(ffmpeg -v error -nostats -i "$out" -i "$ref" -lavfi "[0:v]format=yuv444p[a];[1:v]format=yuv444p[b];[a][b]ssim=stats_file=-" -f null - 2>/dev/null \
      | awk '{for(i=1;i<=NF;i++) if ($i ~ /^All:/) {split($i, a, ":"); print a[2]}}' | tail -1)
    ssim_sum=$(echo "$ssim_sum + $s" | bc -l)
    count=$((count + 1))
  done
  printf "%-10s %10d bytes  %8.1f KB/image  SSIM %.5f  encode CPU %.3f s total\n" "$name" "$bytes" \
    "$(echo "$bytes / $count / 1024" | bc -l)" "$(echo "$ssim_sum / $count" | bc -l)" "$cpu_sum"
}
measure jpeg-q85 jpg "Q=85,optimize_coding=false,strip"
for q in 70 75 80 85; do measure "webp-q$q" webp "Q=$q,strip"; done
