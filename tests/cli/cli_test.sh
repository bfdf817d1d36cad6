#!/usr/bin/env bash
# The CLI's contract: commands, exit codes, messages, NDJSON streaming.
# usage: cli_test.sh ELIGIBILITY CASE_RECORDS TESTS_DIR
set -u
cli=$1 case_records=$2 tests=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
check() {  # check NAME CONDITION...
  local name=$1; shift
  if "$@"; then echo "ok   $name"; else echo "FAIL $name"; failures=$((failures + 1)); fi
}
json_get() { /usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval("d"+sys.argv[2]))' "$@"; }

base="$tests/cases/bases/t_all_eligible.json"

# ---- usage --------------------------------------------------------------
"$cli" --help >"$tmp/out" 2>&1; check "--help exits 0" test $? -eq 0
check "--help shows usage" grep -q "eligibility evaluate" "$tmp/out"
"$cli" >/dev/null 2>"$tmp/err"; check "no command exits 2" test $? -eq 2
check "no command explains" grep -q "no command given" "$tmp/err"
"$cli" evaluate --bogus x >/dev/null 2>"$tmp/err"; check "unknown option exits 2" test $? -eq 2
"$cli" evaluate --format xml "$base" >/dev/null 2>&1; check "bad --format exits 2" test $? -eq 2
"$cli" evaluate "$tmp/nope.json" >/dev/null 2>"$tmp/err"; check "missing file exits 2" test $? -eq 2
check "missing file is named" grep -q "nope.json" "$tmp/err"

# ---- one record ------------------------------------------------------------
"$cli" evaluate "$base" >"$tmp/v.json" 2>"$tmp/err"; check "eligible record exits 0" test $? -eq 0
check "verdict is eligible" test "$(json_get "$tmp/v.json" '["overall"]')" = eligible
check "verdict names the trial" test "$(json_get "$tmp/v.json" '["trial"]')" = NCT07345780
check "verdict lists 38 criteria" test "$(json_get "$tmp/v.json" '["criteria"].__len__()')" = 38
check "nothing on stderr" test ! -s "$tmp/err"

/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["lvef"]=40; print(json.dumps(d))' "$base" >"$tmp/lvef.json"
"$cli" evaluate "$tmp/lvef.json" >"$tmp/v.json"; check "ineligible record still exits 0" test $? -eq 0
check "LVEF 40 is ineligible" test "$(json_get "$tmp/v.json" '["overall"]')" = ineligible
check "inc_lvef fails with its reason" grep -q '"LVEF 40% is below the required 45%"' "$tmp/v.json"
"$cli" evaluate --format text "$tmp/lvef.json" >"$tmp/v.txt"; check "text report exits 0" test $? -eq 0
check "text report gives the verdict" grep -q "Verdict: NOT ELIGIBLE" "$tmp/v.txt"
check "text report quotes the protocol" grep -q 'Left ventricular ejection fraction (LVEF) ≥45%' "$tmp/v.txt"
"$cli" evaluate - <"$tmp/lvef.json" >"$tmp/v2.json"; check "stdin works" cmp -s <(head -c 100 "$tmp/v.json") <(head -c 100 "$tmp/v2.json")

echo '{"lvef": "high", "hemoglobin": {"value": 7, "unit": "mmol/L"}}' >"$tmp/bad.json"
"$cli" evaluate "$tmp/bad.json" >"$tmp/out" 2>"$tmp/err"; check "input error exits 2" test $? -eq 2
check "input error prints no verdict" test ! -s "$tmp/out"
check "input error names lvef" grep -q "lvef: expected a number" "$tmp/err"
check "input error names the unit" grep -q 'hemoglobin: unknown unit "mmol/L"' "$tmp/err"
echo '{"lvef": 50,' >"$tmp/syntax.json"
"$cli" evaluate "$tmp/syntax.json" >/dev/null 2>"$tmp/err"; check "syntax error exits 2" test $? -eq 2
check "syntax error says where" grep -q "not valid JSON: line 2, column 1: expected a quoted key" "$tmp/err"

# ---- NDJSON ----------------------------------------------------------------
"$case_records" "$tests/cases" >"$tmp/cases.ndjson"; check "case records export" test $? -eq 0
lines=$(wc -l <"$tmp/cases.ndjson")
"$cli" evaluate --ndjson "$tmp/cases.ndjson" >"$tmp/out.ndjson" 2>"$tmp/err"; check "ndjson exits 0 despite bad lines" test $? -eq 0
check "one verdict line per record ($lines)" test "$(wc -l <"$tmp/out.ndjson")" -eq "$lines"
check "every output line is JSON" /usr/bin/python3 -c '
import json,sys
for n, line in enumerate(open(sys.argv[1]), 1):
    d = json.loads(line)
    assert ("overall" in d) != ("errors" in d), n
    if "errors" in d: assert d["line"] == n, (n, d["line"])' "$tmp/out.ndjson"
check "stderr counts the bad lines" grep -q "lines had input errors" "$tmp/err"

# Several cores: cut into chunks of whole lines, the same bytes as one core,
# error objects still carrying the input's line numbers.
for _ in 1 2 3 4 5 6 7 8 9 10 11 12; do cat "$tmp/cases.ndjson"; done >"$tmp/big.ndjson"
"$cli" evaluate --ndjson --jobs 1 "$tmp/big.ndjson" >"$tmp/big1.ndjson" 2>/dev/null
"$cli" evaluate --ndjson --jobs 3 "$tmp/big.ndjson" >"$tmp/big3.ndjson" 2>/dev/null
check "input spans several chunks ($(wc -c <"$tmp/big.ndjson") bytes)" test "$(wc -c <"$tmp/big.ndjson")" -gt 3000000
check "--jobs 3 gives the bytes of --jobs 1" cmp -s "$tmp/big1.ndjson" "$tmp/big3.ndjson"
check "line numbers hold across chunks" /usr/bin/python3 -c '
import json,sys
for n, line in enumerate(open(sys.argv[1]), 1):
    d = json.loads(line)
    if "errors" in d: assert d["line"] == n, (n, d["line"])' "$tmp/big3.ndjson"
"$cli" evaluate --jobs 2 "$base" >/dev/null 2>&1; check "--jobs without --ndjson is a usage error" test $? -eq 2

# Same bytes as one-record mode.
sed -n 1p "$tmp/cases.ndjson" >"$tmp/first.json"
"$cli" evaluate "$tmp/first.json" >"$tmp/single.json"
check "ndjson line = single verdict" cmp -s <(sed -n 1p "$tmp/out.ndjson") "$tmp/single.json"

printf '{"lvef": 50}\r\n\n   \n{"lvef": "x"}\n{"spo2": 95}' | "$cli" evaluate --ndjson - >"$tmp/mixed.ndjson" 2>/dev/null
check "blank lines skipped, CRLF and no final newline handled" test "$(wc -l <"$tmp/mixed.ndjson")" -eq 3
check "bad line keeps its line number (4)" grep -q '"line":4,"errors":\[{"field":"lvef"' "$tmp/mixed.ndjson"

# ---- criteria files --------------------------------------------------------
"$cli" check-criteria "$tests/../criteria/NCT07345780.json" >"$tmp/out"; check "bundled criteria check" test $? -eq 0
check "check-criteria summary" grep -q "38 criteria" "$tmp/out"
"$cli" check-criteria "$tests/criteria/invalid/ref_unknown_field.json" >/dev/null 2>"$tmp/err"; check "invalid criteria exit 2" test $? -eq 2

# A second trial needs only its file.
second="$tests/criteria/example_second_trial.json"
echo '{"screening_date": "2027-01-10", "age_years": 40, "egfr": 60, "platelets": {"value": 150000, "unit": "/µL"}, "stage": "ii", "last_chemo_date": "2026-12-01"}' >"$tmp/p.json"
"$cli" evaluate --criteria "$second" "$tmp/p.json" >"$tmp/v.json"; check "second trial evaluates" test $? -eq 0
check "second trial: eligible" test "$(json_get "$tmp/v.json" '["overall"]')" = eligible
echo '{"screening_date": "2027-01-10", "age_years": 40, "egfr": 60, "platelets": 99, "stage": "ii", "last_chemo_date": "2026-12-25"}' >"$tmp/p.json"
"$cli" evaluate --criteria "$second" "$tmp/p.json" >"$tmp/v.json"
check "second trial: platelets and washout fail" test "$(json_get "$tmp/v.json" '["criteria"][2]["status"]') $(json_get "$tmp/v.json" '["criteria"][4]["status"]')" = "fail fail"

echo
if [ $failures -eq 0 ]; then echo "all CLI checks passed"; else echo "$failures CLI checks failed"; fi
exit $((failures > 0))
