#!/usr/bin/env bash
# End-to-end batch throughput of the CLI: 100,000 NDJSON records through
# `eligibility evaluate --ndjson`, verdicts to /dev/null (and to a file),
# on one core and on all of them. Two inputs: the case suite's records
# cycled (complete, partial, empty, 16% malformed), and 100,000 random
# valid records from the property-test generator. Median of 5 runs after
# a warm-up. Goal: at least 100,000 records/s. Then the screening log's
# summary, `eligibility log --format json`, over the random records (the
# issue's goal: 400,000 records/s on 2 cores, over 1,000,000 records).
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
awk -v n="$count" '{ line[NR] = $0 } END { for (i = 0; i < n; i++) print line[i % NR + 1] }' "$tmp/cases.ndjson" >"$tmp/case-mix.ndjson"
"$build/tests/random_records" 20261125 "$count" >"$tmp/random.ndjson"

measure() {  # measure LABEL INPUT OUTPUT JOBS [COMMAND...]
  local label=$1 input=$2 output=$3 jobs=$4 times=() start end
  shift 4
  local command=("$@")
  [ ${#command[@]} -gt 0 ] || command=(evaluate --ndjson)
  for _ in 1 2 3 4 5 6; do
    start=$(date +%s%N)
    "$cli" "${command[@]}" --jobs "$jobs" "$input" >"$output" 2>/dev/null
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000 )))
  done
  local sorted=($(printf '%s\n' "${times[@]:1}" | sort -n))
  awk -v us="${sorted[2]}" -v n="$count" -v label="$label" -v min="${sorted[0]}" -v max="${sorted[4]}" \
    'BEGIN { printf "%-46s median %.3f s (min %.3f, max %.3f): %7.0f records/s\n", label, us / 1e6, min / 1e6, max / 1e6, n / (us / 1e6) }'
}
cores=$(nproc)
for input in case-mix random; do
  echo "$input: $count records, $(wc -c <"$tmp/$input.ndjson") bytes"
  measure "  1 core, to /dev/null" "$tmp/$input.ndjson" /dev/null 1
  measure "  $cores cores, to /dev/null" "$tmp/$input.ndjson" /dev/null "$cores"
  measure "  $cores cores, to a file" "$tmp/$input.ndjson" "$tmp/out.ndjson" "$cores"
  echo "  output: $(wc -c <"$tmp/out.ndjson") bytes"
done
echo "log --format json over the random records"
measure "  1 core" "$tmp/random.ndjson" /dev/null 1 log --format json
measure "  $cores cores" "$tmp/random.ndjson" /dev/null "$cores" log --format json
