#!/usr/bin/env bash
# Bytes of each shipped file of the web calculator, raw and gzipped (-9).
# Goal: the normal build at most 500 KB gzipped in all.
# usage: bench/web_size.sh [WASM_BUILD_DIR]
set -euo pipefail
build=${1:-$(cd "$(dirname "$0")/.." && pwd)/build/wasm}
total_raw=0 total_gz=0
printf '%-45s %10s %10s\n' file bytes gzipped
for f in "$build"/web/index.html "$build"/web/index.js "$build"/web/index.wasm; do
  raw=$(stat -c %s "$f"); gz=$(gzip -9c "$f" | wc -c)
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
  printf '%-45s %10d %10d\n' "web/$(basename "$f")" "$raw" "$gz"
done
printf '%-45s %10d %10d\n' "normal build, total" "$total_raw" "$total_gz"
f="$build/web-single/nct07345780-eligibility.html"
printf '%-45s %10d %10d\n' "web-single/$(basename "$f")" "$(stat -c %s "$f")" "$(gzip -9c "$f" | wc -c)"
