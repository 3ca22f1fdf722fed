#!/bin/bash
# gen.sh WORK — 20 photo-like JPEGs each at 12 MP (4000x3000) and 24 MP (6000x4000), q92 4:2:0: a Mandelbrot
# render (sharp detail and smooth areas) upscaled, with sensor-like Gaussian noise. Needs ffmpeg and libvips-tools.
set -euo pipefail
WORK=${1:-$(dirname "$0")/../../thumbnail-service/target/bench-work}
mkdir -p "$WORK/tiles" "$WORK/12mp" "$WORK/24mp" "$WORK/tmp"
pts=("-0.743643887 0.131825904 0.02" "-0.7453 0.1127 0.01" "-0.16 1.0405 0.03" "-1.25066 0.02012 0.004"
     "-0.748 0.1 0.02" "0.0016437 -0.8224676 0.01" "-1.768778833 -0.001738996 0.003" "0.25498703 -0.00056797 0.003"
     "-0.7435 0.1314 0.005" "-0.1011 0.9563 0.01")
for i in "${!pts[@]}"; do
  set -- ${pts[$i]}
  [ -f "$WORK/tiles/m$i.png" ] || ffmpeg -v error -y -f lavfi \
    -i "mandelbrot=size=1500x1000:rate=1:start_x=$1:start_y=$2:start_scale=$3:maxiter=600:inner=mincol" \
    -frames:v 1 "$WORK/tiles/m$i.png"
done
make() { # set width height index
  local out="$WORK/$1/img_$(printf %03d "$4").jpg"
  [ -f "$out" ] && return 0
  local t="$WORK/tmp/$1_$4"
  vips resize "$WORK/tiles/m$(( $4 % 10 )).png" "$t.v" "$(echo "$2 / 1500" | bc -l)" --vscale "$(echo "$3 / 1000" | bc -l)"
  [ $(( $4 / 10 )) -eq 1 ] && { vips flip "$t.v" "$t.f.v" horizontal; mv "$t.f.v" "$t.v"; }
  vips gaussnoise "$t.n.v" "$2" "$3" --sigma 10 --mean 0
  vips add "$t.v" "$t.n.v" "$t.s.v"
  vips cast "$t.s.v" "$t.c.v" uchar
  vips jpegsave "$t.c.v" "$out" --Q 92 --subsample-mode on --optimize-coding
  rm -f "$t".*
}
for i in $(seq 0 19); do make 12mp 4000 3000 "$i"; make 24mp 6000 4000 "$i"; done
du -sh "$WORK/12mp" "$WORK/24mp"
