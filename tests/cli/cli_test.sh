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
json_eval() { /usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$@"; }  # EXPR of d

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

# ---- languages (--lang) ---------------------------------------------------------
# Only the words change: ids, keys, statuses, fields and missing stay the same.
"$cli" evaluate "$tmp/lvef.json" >"$tmp/default.json"
"$cli" evaluate --lang en "$tmp/lvef.json" >"$tmp/en.json"; check "--lang en exits 0" test $? -eq 0
check "English is the default (--lang en gives the same bytes)" cmp -s "$tmp/default.json" "$tmp/en.json"
"$cli" evaluate --lang zh "$tmp/lvef.json" >"$tmp/zh.json" 2>"$tmp/err"; check "--lang zh exits 0" test $? -eq 0
check "--lang zh: nothing on stderr" test ! -s "$tmp/err"
check "--lang zh: the reason in Chinese" grep -q '"reason":"LVEF为40%，低于最低要求45%"' "$tmp/zh.json"
same_verdicts='
import json, sys
en = [json.loads(l) for l in open(sys.argv[1])]
zh = [json.loads(l) for l in open(sys.argv[2])]
assert len(en) == len(zh), (len(en), len(zh))
for n, (e, z) in enumerate(zip(en, zh), 1):
    assert list(e) == list(z), (n, list(e), list(z))
    if "errors" in e:
        assert [x["field"] for x in e["errors"]] == [x["field"] for x in z["errors"]], n
        continue
    for key in ("trial", "criteria_version", "record_id", "overall", "missing", "derived"):
        assert e.get(key) == z.get(key), (n, key)
    assert len(e["criteria"]) == len(z["criteria"]), n
    for ce, cz in zip(e["criteria"], z["criteria"]):
        assert list(ce) == list(cz), (n, ce["id"])
        for key in ce:
            if key not in ("title", "reason"):  # the words; the registry sentence stays English
                assert ce[key] == cz[key], (n, ce["id"], key, ce[key], cz[key])
        assert ce["reason"] != cz["reason"] or not any(c.isalpha() for c in ce["reason"]), (n, ce["id"], "reason not translated")'
check "--lang zh: same ids, keys, statuses, fields and missing as English" /usr/bin/python3 -c "$same_verdicts" "$tmp/en.json" "$tmp/zh.json"
"$cli" evaluate --ndjson --lang en "$tmp/cases.ndjson" >"$tmp/en.ndjson" 2>/dev/null
"$cli" evaluate --ndjson --lang zh "$tmp/cases.ndjson" >"$tmp/zh.ndjson" 2>/dev/null; check "--lang zh --ndjson exits 0" test $? -eq 0
check "--lang zh --ndjson: every case as in English but the words ($lines lines)" /usr/bin/python3 -c "$same_verdicts" "$tmp/en.ndjson" "$tmp/zh.ndjson"
"$cli" evaluate --lang zh-CN "$tmp/lvef.json" >"$tmp/zh2.json"; check "--lang zh-CN is --lang zh" cmp -s "$tmp/zh.json" "$tmp/zh2.json"
"$cli" evaluate --lang zh --format text "$tmp/lvef.json" >"$tmp/v.txt"; check "--lang zh text report exits 0" test $? -eq 0
check "--lang zh text report gives the verdict (结论)" grep -q "^结论：不符合入组条件$" "$tmp/v.txt"
check "--lang zh text report keeps the registry's sentence, labelled as the registry's" grep -q '注册记录原文（ClinicalTrials.gov，入选标准）：“Left ventricular ejection fraction (LVEF) ≥45%.”' "$tmp/v.txt"
check "--lang zh text report has the translation beside it" grep -q "中文译文：左心室射血分数（LVEF）≥45%。" "$tmp/v.txt"
"$cli" evaluate --lang zh "$tmp/bad.json" >"$tmp/out" 2>"$tmp/err"; check "--lang zh input error exits 2" test $? -eq 2
check "--lang zh input error prints no verdict" test ! -s "$tmp/out"
check "--lang zh input errors in Chinese on stderr" grep -q "^无法得出结论，记录中有2处输入错误：$" "$tmp/err"
check "--lang zh input error names lvef in Chinese" grep -q 'LVEF［lvef］：应为以%为单位的数字，实际为"high"' "$tmp/err"
"$cli" evaluate --lang zh "$tmp/syntax.json" >/dev/null 2>"$tmp/err"; check "--lang zh syntax error exits 2" test $? -eq 2
check "--lang zh syntax error in Chinese" grep -q "不是有效的JSON：第2行第1列" "$tmp/err"
"$cli" evaluate --lang fr "$tmp/lvef.json" >"$tmp/out" 2>"$tmp/err"; check "unknown --lang exits 2" test $? -eq 2
check "unknown --lang: nothing on stdout" test ! -s "$tmp/out"
check "unknown --lang names it and the languages there are" grep -q 'no language "fr" (this program has en, zh-CN)' "$tmp/err"
"$cli" evaluate "$tmp/lvef.json" --lang >/dev/null 2>"$tmp/err"; check "--lang without a value exits 2" test $? -eq 2
check "--lang without a value says so" grep -q -- "--lang needs a value" "$tmp/err"
# --criteria FILE --lang zh reads the translation FILE-stem.zh-CN.json beside
# it (in_language in src/cli/main.cpp); the second trial has none.
"$cli" evaluate --criteria "$second" --lang zh "$tmp/p.json" >"$tmp/out" 2>"$tmp/err"; check "second trial in Chinese: no translation, exits 2" test $? -eq 2
check "second trial in Chinese: no verdict" test ! -s "$tmp/out"
check "second trial in Chinese: says the translation is missing and where it was looked for" \
  grep -q "no zh-CN translation of .*example_second_trial\.json: expected it beside it, as .*criteria/example_second_trial\.zh-CN\.json" "$tmp/err"
"$cli" evaluate --fhir "$tests/fhir/units.json" --as-of 2026-02-10 --lang zh --format text >"$tmp/v.txt" 2>/dev/null
check "evaluate --fhir --lang zh gives a Chinese report" grep -q "^结论：" "$tmp/v.txt"

# ---- FHIR import ---------------------------------------------------------------
fx="$tests/fhir"
"$cli" import-fhir "$fx/units.json" --as-of 2026-02-10 >"$tmp/r.json" 2>"$tmp/err"; check "import-fhir exits 0" test $? -eq 0
check "import-fhir prints the record (0.07 mmol/L creatinine is 70 µmol/L)" test "$(json_get "$tmp/r.json" '["creatinine"]')" = 70
check "the as-of date is the screening date" test "$(json_get "$tmp/r.json" '["screening_date"]')" = 2026-02-10
check "import-fhir sums up on stderr" grep -q "fields filled" "$tmp/err"
"$cli" evaluate "$tmp/r.json" >"$tmp/v.json"; check "the imported record evaluates" test $? -eq 0
check "an imported record is never eligible by omission" test "$(json_get "$tmp/v.json" '["overall"]')" = incomplete
"$cli" import-fhir - --as-of 2026-02-10 <"$fx/units.json" >"$tmp/r2.json" 2>/dev/null; check "import-fhir reads stdin" cmp -s "$tmp/r.json" "$tmp/r2.json"
"$cli" import-fhir "$fx/units.json" --as-of 2026-02-10 --provenance >"$tmp/p.json" 2>/dev/null; check "--provenance exits 0" test $? -eq 0
check "--provenance has record, provenance, skipped, conflicts" /usr/bin/python3 -c '
import json,sys
d = json.load(open(sys.argv[1]))
assert {"record", "provenance", "skipped", "conflicts"} <= set(d), sorted(d)
assert d["record"] == json.load(open(sys.argv[2]))
p = d["provenance"]["creatinine"]
assert p["conversion"] == {"from": "mmol/L", "factor": 1000, "to": "µmol/L"}, p["conversion"]
assert p["source"]["resource"] == "Observation/cr" and p["source"]["code"] == "http://loinc.org|14682-9" and p["source"]["date"] == "2026-02-01"
assert p["source"]["value"] == "0.07" and p["source"]["unit"] == "mmol/L"
s = d["skipped"][0]
assert set(s) == {"field", "reason", "params", "source", "message"} and s["reason"] == "unknown_unit" and s["params"]["unit"] == "mmol/L", s
assert d["conflicts"] == []' "$tmp/p.json" "$tmp/r.json"
"$cli" import-fhir "$fx/conflict.json" --as-of 2026-03-02 --provenance >"$tmp/p.json" 2>/dev/null
check "--provenance lists a conflict with both candidates" /usr/bin/python3 -c '
import json,sys
d = json.load(open(sys.argv[1]))
c = d["conflicts"][0]
assert c["field"] == "hemoglobin" and [x["resource"] for x in c["candidates"]] == ["Observation/hb-a", "Observation/hb-b"], c
assert "hemoglobin" not in d["record"]' "$tmp/p.json"
"$cli" import-fhir "$fx/several_patients.json" >"$tmp/out" 2>"$tmp/err"; check "several patients and none chosen exits 2" test $? -eq 2
check "several patients: nothing on stdout" test ! -s "$tmp/out"
check "several patients are listed" grep -q "several patients (1, 2, 3)" "$tmp/err"
check "several patients: --patient is suggested" grep -q -- "--patient ID" "$tmp/err"
"$cli" import-fhir "$fx/several_patients.json" --patient 2 --as-of 2026-02-10 >"$tmp/r.json" 2>/dev/null; check "--patient chooses" test "$(json_get "$tmp/r.json" '["weight_kg"]')" = 80
"$cli" import-fhir "$fx/several_patients.json" --patient 9 >/dev/null 2>"$tmp/err"; check "an unknown patient exits 2" test $? -eq 2
check "an unknown patient is named" grep -q 'patient "9" is not in the file' "$tmp/err"
echo '{"resourceType": "Bundle", "entry": [' >"$tmp/bad.json"
"$cli" import-fhir "$tmp/bad.json" >"$tmp/out" 2>"$tmp/err"; check "not JSON exits 2" test $? -eq 2
check "not JSON says where" grep -q "not valid JSON: line 2" "$tmp/err"
check "not JSON: nothing on stdout" test ! -s "$tmp/out"
echo '{"lvef": 50}' >"$tmp/bad.json"
"$cli" import-fhir "$tmp/bad.json" >/dev/null 2>"$tmp/err"; check "not FHIR exits 2" test $? -eq 2
check "not FHIR says so" grep -q "not FHIR R4 JSON" "$tmp/err"
"$cli" import-fhir "$tmp/nope.json" >/dev/null 2>&1; check "a missing FHIR file exits 2" test $? -eq 2
"$cli" import-fhir "$fx/units.json" --as-of 2026-02-30 >/dev/null 2>"$tmp/err"; check "a bad --as-of exits 2" test $? -eq 2
"$cli" import-fhir >/dev/null 2>&1; check "import-fhir without FILE exits 2" test $? -eq 2
"$cli" evaluate --fhir "$fx/units.json" --as-of 2026-02-10 >"$tmp/v.json" 2>/dev/null; check "evaluate --fhir exits 0" test $? -eq 0
check "evaluate --fhir evaluates as of the screening date" test "$(json_get "$tmp/v.json" '["overall"]')" = incomplete
"$cli" evaluate --fhir "$fx/units.json" --as-of 2026-02-10 --format text >"$tmp/v.txt" 2>/dev/null; check "evaluate --fhir --format text" grep -q "Verdict:" "$tmp/v.txt"
"$cli" evaluate --fhir "$fx/several_patients.json" >/dev/null 2>&1; check "evaluate --fhir with several patients exits 2" test $? -eq 2
"$cli" evaluate --fhir "$fx/units.json" "$base" >/dev/null 2>&1; check "--fhir and a RECORD is a usage error" test $? -eq 2
"$cli" evaluate --patient 1 "$base" >/dev/null 2>&1; check "--patient without --fhir is a usage error" test $? -eq 2
jordan="$tests/../../shared/external/fhir/synthea-smart/Jordan_Cruickshank_5de38439-d320-46d3-854d-3c098e88de4c.json"
if [ -f "$jordan" ]; then
  "$cli" import-fhir "$jordan" --as-of 2021-01-01 >"$tmp/r.json" 2>/dev/null; check "the 1 MB Synthea bundle imports" test $? -eq 0
  check "Synthea: hemoglobin f026c901 of 2017-06-24" test "$(json_get "$tmp/r.json" '["hemoglobin"]["value"]')" = 16.30561644473962
else
  echo "skip FHIR real-file checks: ../shared/external/fhir is absent"
fi

# ---- guided pre-screening (next) --------------------------------------------------
echo '{"screening_date": "2027-01-10"}' >"$tmp/date.json"
"$cli" next "$tmp/date.json" >"$tmp/n.json" 2>"$tmp/err"; check "next exits 0" test $? -eq 0
check "next asks" test "$(json_get "$tmp/n.json" '["state"]')" = ask
check "next: the record is incomplete" test "$(json_get "$tmp/n.json" '["overall"]')" = incomplete
check "next asks the diagnosis first" test "$(json_get "$tmp/n.json" '["questions"][0]["field"]')" = diagnosis
check "next says what 'other' would do" test "$(json_eval "$tmp/n.json" '[a["then"] for a in d["questions"][0]["answers"] if a["answer"]=="other"][0]')" = ineligible
check "next never asks a visit field" test "$(json_eval "$tmp/n.json" 'len([q for q in d["questions"] if q["known_at"]=="visit"])')" = 0
check "next lists consent for the visit" test "$(json_get "$tmp/n.json" '["visit"].count("consent")')" = 1
"$cli" next --skipped diagnosis,uncontrolled_infection "$tmp/date.json" >"$tmp/n.json"; check "next --skipped exits 0" test $? -eq 0
check "a skipped field is not asked" test "$(json_eval "$tmp/n.json" 'len([q for q in d["questions"] if q["field"] in ("diagnosis","uncontrolled_infection")])')" = 0
"$cli" next --skipped diagnoss "$tmp/date.json" >/dev/null 2>"$tmp/err"; check "an unknown skipped field exits 2" test $? -eq 2
check "an unknown skipped field is named, with a hint" grep -q '"diagnoss" is not a field of NCT07345780 (did you mean "diagnosis"?)' "$tmp/err"
echo '{"screening_date": "2027-01-10", "uncontrolled_infection": true}' >"$tmp/inf.json"
"$cli" next "$tmp/inf.json" >"$tmp/n.json"; check "next on an ineligible record exits 0" test $? -eq 0
check "next stops: ineligible" test "$(json_get "$tmp/n.json" '["state"]')" = ineligible
check "next names the deciding criterion" test "$(json_get "$tmp/n.json" '["deciding"]')" = "['exc_infection']"
"$cli" next "$base" >"$tmp/n.json"; check "next stops: eligible" test "$(json_get "$tmp/n.json" '["state"]')" = eligible
echo '{"lvef": "x"}' >"$tmp/bad.json"
"$cli" next "$tmp/bad.json" >/dev/null 2>"$tmp/err"; check "next on a bad record exits 2" test $? -eq 2
check "next names the bad field" grep -q "lvef" "$tmp/err"
"$cli" next --lang zh "$tmp/date.json" >"$tmp/nzh.json"; check "next --lang zh exits 0" test $? -eq 0
check "next gives the same ids in Chinese" cmp -s "$tmp/nzh.json" <("$cli" next "$tmp/date.json")

# ---- the screening log (log) ---------------------------------------------------------
"$case_records" "$tests/cases" >"$tmp/cases.ndjson"
"$cli" log "$tmp/cases.ndjson" >"$tmp/log.json" 2>"$tmp/err"; check "log exits 0" test $? -eq 0
check "log counts every case once" test "$(json_eval "$tmp/log.json" 'd["assessed"] + d["invalid"]')" = 308
check "log lists each bad line with its number" test "$(json_eval "$tmp/log.json" 'len(d["errors"]) == d["invalid"] and all(e["line"] >= 1 for e in d["errors"])')" = True
check "log gives the criteria in protocol order" test "$(json_eval "$tmp/log.json" 'd["criteria"][0]["id"] + " " + d["criteria"][-1]["id"]')" = "inc_consent exc_investigator"
split -l 120 "$tmp/cases.ndjson" "$tmp/part-"
for p in "$tmp"/part-*; do "$cli" log "$p" >"$p.summary"; done
"$cli" log --merge "$tmp"/part-*.summary >"$tmp/merged.json"; check "log --merge exits 0" test $? -eq 0
check "the merged parts are the whole, byte for byte" cmp -s "$tmp/merged.json" "$tmp/log.json"
cat "$tmp/cases.ndjson" "$tmp/cases.ndjson" "$tmp/cases.ndjson" >"$tmp/big.ndjson"  # over 1 MB: read on every core
"$cli" log "$tmp/big.ndjson" >"$tmp/big.json"
rm -f "$tmp"/part-*; split -l 400 "$tmp/big.ndjson" "$tmp/part-"
for p in "$tmp"/part-*; do "$cli" log "$p" >"$p.summary"; done
"$cli" log --merge "$tmp"/part-*.summary >"$tmp/merged.json"
check "a log read on every core is the same as read in parts, one after the other" cmp -s "$tmp/merged.json" "$tmp/big.json"
check "... and counts the three copies" test "$(json_eval "$tmp/big.json" 'd["assessed"] + d["invalid"]')" = 924
"$cli" log --jobs 1 "$tmp/big.ndjson" >"$tmp/big.1.json"; "$cli" log --jobs 3 "$tmp/big.ndjson" >"$tmp/big.3.json"
check "log --jobs 1 and --jobs 3 print the same summary" cmp -s "$tmp/big.1.json" "$tmp/big.3.json"
"$cli" log --jobs 1 --format csv "$tmp/big.ndjson" >"$tmp/big.1.csv" 2>/dev/null; "$cli" log --jobs 3 --format csv "$tmp/big.ndjson" >"$tmp/big.3.csv" 2>/dev/null
check "log --jobs 1 and --jobs 3 write the same CSV" cmp -s "$tmp/big.1.csv" "$tmp/big.3.csv"
"$cli" log --jobs 0 "$tmp/big.ndjson" >/dev/null 2>"$tmp/err"; check "log --jobs 0 exits 2" test $? -eq 2
check "... and says what --jobs takes" grep -q "jobs takes a number from 1 to 256" "$tmp/err"
"$cli" log --merge "$base" >/dev/null 2>"$tmp/err"; check "log --merge of a record exits 2" test $? -eq 2
check "log --merge names what is wrong" grep -q "is not a screening log summary: /criteria_version" "$tmp/err"
/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["invalid"] += 1; print(json.dumps(d))' "$tmp/log.json" >"$tmp/miscounted.json"
"$cli" log --merge "$tmp/miscounted.json" >/dev/null 2>"$tmp/err"; check "log --merge of a summary whose invalid count is not its errors' exits 2" test $? -eq 2
check "... and names both counts" grep -q "/invalid: .*, but /errors lists" "$tmp/err"
"$cli" log --format xml "$tmp/cases.ndjson" >/dev/null 2>&1; check "log --format xml exits 2" test $? -eq 2
/usr/bin/python3 - "$base" "$tmp" <<'PY'
import json, sys
base = json.load(open(sys.argv[1])); tmp = sys.argv[2]
rows = [dict(base, id="病例 1"), dict(base, id='=HYPERLINK("http://x","y")', lvef=40), dict(base, id="x, y", lvef="forty")]
open(tmp + "/small.ndjson", "w").write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
open(tmp + "/small.array.json", "w").write(json.dumps(rows, ensure_ascii=False, indent=1))
fields = list(base.keys())
import csv
with open(tmp + "/small.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f); w.writerow(fields)
    for r in rows: w.writerow(["'" + str(r[k]) if str(r[k])[:1] in "=+-@" else ("true" if r[k] is True else "false" if r[k] is False else r[k]) for k in fields])
PY
for f in small.ndjson small.array.json small.csv; do "$cli" log "$tmp/$f" >"$tmp/$f.out"; done
check "NDJSON, a JSON array and a CSV give the same counts" test "$(json_eval "$tmp/small.ndjson.out" '[d["overall"], d["invalid"]]')" = "$(json_eval "$tmp/small.csv.out" '[d["overall"], d["invalid"]]')"
check "... and the array too" test "$(json_eval "$tmp/small.ndjson.out" '[d["overall"], d["invalid"]]')" = "$(json_eval "$tmp/small.array.json.out" '[d["overall"], d["invalid"]]')"
check "the small log: 1 eligible, 1 ineligible, 1 bad line" test "$(json_eval "$tmp/small.ndjson.out" '[d["overall"]["eligible"], d["overall"]["ineligible"], d["invalid"], d["errors"][0]["line"]]')" = "[1, 1, 1, 3]"
"$cli" log --format csv --lang zh "$tmp/small.ndjson" >"$tmp/small.export.csv" 2>"$tmp/err"; check "log --format csv exits 0" test $? -eq 0
check "the CSV starts with a byte order mark" test "$(head -c 3 "$tmp/small.export.csv" | od -An -tx1 | tr -d ' ')" = efbbbf
check "a bad line of a CSV export is told on stderr with its number" grep -q "line 3:" "$tmp/err"
check "a CSV reader reads the Chinese label intact" test "$(/usr/bin/python3 -c 'import csv,sys; r=list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig"))); print(r[0]["label"])' "$tmp/small.export.csv")" = "病例 1"
check "a formula label is written as text" test "$(/usr/bin/python3 -c 'import csv,sys; r=list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig"))); print(r[1]["label"])' "$tmp/small.export.csv")" = "'=HYPERLINK(\"http://x\",\"y\")"
check "the export names the excluding criterion in Chinese" test "$(/usr/bin/python3 -c 'import csv,sys; r=list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig"))); print(r[1]["excluded_by"], r[1]["excluded_by_titles"] != "" and all(ord(c) < 128 for c in r[1]["excluded_by_titles"]) is False)' "$tmp/small.export.csv")" = "inc_lvef True"

echo
if [ $failures -eq 0 ]; then echo "all CLI checks passed"; else echo "$failures CLI checks failed"; fi
exit $((failures > 0))
