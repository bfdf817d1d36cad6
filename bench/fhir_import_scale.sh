#!/usr/bin/env bash
# Time and peak memory of whole `import-fhir` runs on long histories
# (bench/fhir_long_history.py): the import grows with the file, not its
# square. Goal: 300,000 Observations (115 MB) in at most 2 s, in at most 3x
# the file's size of memory (the file's own bytes included).
# usage: bench/fhir_import_scale.sh [CLI] [COUNTS...]   (default: build/native/src/eligibility 10000 30000 300000)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cli=${1:-$root/build/native/src/eligibility}
shift || true
counts=("$@")
((${#counts[@]})) || counts=(10000 30000 300000)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '%-12s %12s %10s %12s %14s\n' observations "file bytes" seconds "peak KB" "peak / file"
for n in "${counts[@]}"; do
  python3 "$root/bench/fhir_long_history.py" "$n" > "$tmp/history.json"
  bytes=$(stat -c %s "$tmp/history.json")
  best_s="" best_kb=""
  for run in 1 2 3; do  # the median of three
    /usr/bin/time -f "%e %M" -o "$tmp/time" "$cli" import-fhir "$tmp/history.json" --as-of 2027-01-10 > /dev/null 2>&1
    read -r s kb < "$tmp/time"
    echo "$s $kb" >> "$tmp/runs.$n"
  done
  read -r s kb < <(sort -n "$tmp/runs.$n" | sed -n 2p)
  awk -v n="$n" -v b="$bytes" -v s="$s" -v kb="$kb" 'BEGIN { printf "%-12s %12d %10s %12d %14.2f\n", n, b, s, kb, kb * 1024 / b }'
done
