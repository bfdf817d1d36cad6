#!/usr/bin/env bash
# End-to-end batch throughput of the CLI: N records as NDJSON (the case
# suite's records, cycled: complete, partial, empty and malformed ones)
# through `eligibility evaluate --ndjson`, verdicts to /dev/null and to a
# file. Prints the median of 5 runs. Goal: at least 100,000 records/s.
#
# usage: bench/cli_throughput.sh [BUILD_DIR] [RECORDS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build/native}
count=${2:-100000}
cli=$build/src/eligibility
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$build/tests/case_records" "$root/tests/cases" >"$tmp/cases.ndjson"
awk -v n="$count" '{ line[NR] = $0 } END { for (i = 0; i < n; i++) print line[i % NR + 1] }' "$tmp/cases.ndjson" >"$tmp/input.ndjson"
bytes=$(wc -c <"$tmp/input.ndjson")
echo "input: $count records, $bytes bytes ($(wc -l <"$tmp/cases.ndjson") distinct case records cycled)"

measure() {  # measure LABEL OUTPUT
  local times=()
  for _ in 1 2 3 4 5 6; do
    local start end
    start=$(date +%s%N)
    "$cli" evaluate --ndjson "$tmp/input.ndjson" >"$2" 2>/dev/null
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000 )))
  done
  # the first run warms the page cache; median of the other five
  local sorted
  sorted=($(printf '%s\n' "${times[@]:1}" | sort -n))
  local median=${sorted[2]}
  awk -v us="$median" -v n="$count" -v label="$1" -v min="${sorted[0]}" -v max="${sorted[4]}" \
    'BEGIN { printf "%-22s median %.3f s (min %.3f, max %.3f): %.0f records/s\n", label, us / 1e6, min / 1e6, max / 1e6, n / (us / 1e6) }'
}
measure "to /dev/null" /dev/null
measure "to a file" "$tmp/out.ndjson"
echo "output: $(wc -c <"$tmp/out.ndjson") bytes, $(wc -l <"$tmp/out.ndjson") lines ($(grep -c '"errors"' "$tmp/out.ndjson") with input errors)"
