#!/usr/bin/env bash
# Runs each libFuzzer target for a bounded time (FUZZ_SECONDS, default 48:
# five targets in the four minutes four of them had),
# seeded from the case suite, random valid records and the criteria files,
# after replaying every saved regression input. A crash or broken property
# stops with the reproducer's path; add it under fuzz/regressions/<target>/.
# A longer run: FUZZ_SECONDS=3600 scripts/fuzz.sh
#
# usage: scripts/fuzz.sh [FUZZ_BUILD_DIR] [NATIVE_BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
fuzz_build=${1:-$root/build/fuzz}
native_build=${2:-$root/build/native}
seconds=${FUZZ_SECONDS:-48}
work=$root/build/fuzz-corpus
mkdir -p "$work"

seed() {  # seed TARGET: a fresh seed folder from the project's own inputs
  local dir=$work/seed-$1
  rm -rf "$dir" && mkdir -p "$dir" "$work/$1"
  case $1 in
    record)
      "$native_build/tests/case_records" "$root/tests/cases" | split -l 1 - "$dir/case-"
      "$native_build/tests/random_records" 1 200 | split -l 1 - "$dir/random-" ;;
    criteria)
      cp "$root/criteria/NCT07345780.json" "$root/tests/criteria/example_second_trial.json" "$dir/"
      cp "$root"/tests/criteria/invalid/*.json "$dir/" ;;
    ndjson)
      "$native_build/tests/case_records" "$root/tests/cases" | split -l 4 - "$dir/cases-"
      for f in "$dir"/cases-*; do printf '\x07' | cat - "$f" >"$f.seed" && mv "$f.seed" "$f"; done ;;
    log)
      # NDJSON chunks of the cases, the same as a JSON array, and a CSV log.
      "$native_build/tests/case_records" "$root/tests/cases" | split -l 6 - "$dir/cases-"
      for f in "$dir"/cases-*; do printf '\x11' | cat - "$f" >"$f.seed" && mv "$f.seed" "$f"; done
      "$native_build/tests/case_records" "$root/tests/cases" >"$dir/all-cases"  # (not piped into head: pipefail)
      { printf '\x05[\n'; sed -n '1,5p' "$dir/all-cases" | sed '$!s/$/,/'; printf ']\n'; } >"$dir/array"
      rm "$dir/all-cases"
      printf '\x03id,screening_date,lvef,diagnosis\r\n"a, b",2027-01-10,40,t_all\r\n=x,2027-01-10,forty,aml\r\n' >"$dir/csv" ;;
    fhir)
      # The synthetic edge cases; the real FHIR files are read in place (see extra_corpus).
      cp "$root"/tests/fhir/*.json "$dir/" ;;
  esac
}

total_runs=0
for target in record criteria ndjson fhir log; do
  binary=$fuzz_build/fuzz/fuzz_$target
  regressions=$root/fuzz/regressions/$target
  if compgen -G "$regressions/*" >/dev/null; then
    "$binary" -runs=0 "$regressions"/* >/dev/null 2>&1 || { echo "fuzz_$target: a saved regression fails again:"; "$binary" "$regressions"/*; exit 1; }
  fi
  seed "$target"
  extra_corpus=()  # read-only seed folders, never copied
  if [ "$target" = fhir ] && [ -d "$root/../shared/external/fhir" ]; then extra_corpus=("$root/../shared/external/fhir"); fi
  log=$work/$target.log
  if ! "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
        -artifact_prefix="$work/$target-" "$work/$target" "$work/seed-$target" "${extra_corpus[@]}" >"$log" 2>&1; then
    echo "fuzz_$target FOUND A PROBLEM:"
    grep -E "ERROR|property violated|SUMMARY|Test unit written" "$log" | head -20
    exit 1
  fi
  runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$')
  corpus=$(ls "$work/$target" | wc -l)
  total_runs=$((total_runs + runs))
  echo "fuzz_$target: $runs executions in ${seconds} s, no crash, no broken property (corpus: $corpus inputs)"
done
echo "fuzzing: $total_runs executions in all"
