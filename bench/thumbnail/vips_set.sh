#!/bin/bash
# vips_set.sh FOLDER PROCS OUTDIR — vipsthumbnail, one thread per process, PROCS processes each over its share
# of FOLDER's JPEGs, making the five standard sizes (224 and 448 centre crops, fits of 720, 1280, 1920; q85).
n=$(ls "$1"/*.jpg | wc -l)
ls "$1"/*.jpg | xargs -P "$2" -n $(( (n + $2 - 1) / $2 )) sh -c '
  o="$0"; mkdir -p "$o"
  export VIPS_CONCURRENCY=1
  vipsthumbnail -s 224x224 -m centre -o "$o/%s_224.jpg[Q=85,strip]" "$@" &&
  vipsthumbnail -s 448x448 -m centre -o "$o/%s_448.jpg[Q=85,strip]" "$@" &&
  vipsthumbnail -s 720  -o "$o/%s_720.jpg[Q=85,strip]" "$@" &&
  vipsthumbnail -s 1280 -o "$o/%s_1280.jpg[Q=85,strip]" "$@" &&
  vipsthumbnail -s 1920 -o "$o/%s_1920.jpg[Q=85,strip]" "$@"' "$3"
