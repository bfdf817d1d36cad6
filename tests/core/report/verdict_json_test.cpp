// The verdict JSON, byte for byte: its shape and key order (the contract in
// README "Verdicts"), the optional keys, derived values, error objects, and
// the escaping of what the criteria file says verbatim.
#include "support/clinic_trial.h"

#include "core/report/reason.h"
#include "core/report/verdict_json.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>

using namespace elig;
using elig_test::clinic_criteria;
using elig_test::load_valid;
using elig_test::mini_criteria;
using elig_test::run;

namespace {

// id, screening date, a live vaccine (a window) and LVEF (a threshold).
const char* const kFields = R"([{"id": "id", "type": "text", "section": "s", "label": "Screening label"},
    {"id": "screening_date", "type": "date", "section": "s", "label": "Screening date"},
    {"id": "vaccine_date", "type": "date", "section": "s", "label": "Last live vaccine", "allow_none": true},
    {"id": "lvef", "type": "number", "section": "s", "label": "LVEF", "unit": "%", "units": {"%": 1}, "min": 5, "max": 90}])";

const char* const kCriteria = R"([
    {"id": "inc_lvef", "kind": "inclusion", "title": "LVEF ≥45%", "source": "Left ventricular ejection fraction (LVEF) ≥45%.",
     "rule": {"field": "lvef", "at_least": 45}},
    {"id": "exc_vaccine", "kind": "exclusion", "title": "Live vaccine", "source": "Live vaccine within 4 weeks.",
     "rule": {"field": "vaccine_date", "not_within": {"weeks": 4}, "before": "screening_date"}}])";

const Trial& two_criteria()
{
    static const Trial trial = load_valid(mini_criteria(kFields, kCriteria));
    return trial;
}

TEST(VerdictJson, ShapeAndKeyOrder)
{
    const Trial& t = two_criteria();
    EXPECT_EQ(run(t, R"({"id": "r-1", "lvef": 40, "screening_date": "2027-01-10", "vaccine_date": "none"})").json,
              R"({"trial":"NCT00000000","criteria_version":"test","record_id":"r-1","overall":"ineligible","missing":[],"criteria":[)"
              R"({"id":"inc_lvef","kind":"inclusion","title":"LVEF ≥45%","status":"fail","reason":"LVEF 40% is below the required 45%",)"
              R"("fields":["lvef"],"missing":[],"source":"Left ventricular ejection fraction (LVEF) ≥45%."},)"
              R"({"id":"exc_vaccine","kind":"exclusion","title":"Live vaccine","status":"pass","reason":"Last live vaccine: none",)"
              R"("fields":["vaccine_date"],"missing":[],"source":"Live vaccine within 4 weeks."}],"derived":{}})");
}

TEST(VerdictJson, RecordIdOnlyWhenGiven)
{
    const Trial& t = two_criteria();
    const std::string json = run(t, R"({"lvef": 50, "vaccine_date": "none"})").json;
    EXPECT_EQ(json.find("record_id"), std::string::npos) << json;
    EXPECT_EQ(json.rfind(R"({"trial":"NCT00000000","criteria_version":"test","overall":"eligible","missing":[],)", 0), 0u) << json;
}

TEST(VerdictJson, MissingFieldsInDictionaryOrder)
{
    const Trial& t = two_criteria();
    // The window reads the vaccine date and, while that is unknown, names
    // the screening date too: the only date it could be measured from.
    EXPECT_EQ(run(t, "{}").json,
              R"({"trial":"NCT00000000","criteria_version":"test","overall":"incomplete","missing":["screening_date","vaccine_date","lvef"],)"
              R"("criteria":[{"id":"inc_lvef","kind":"inclusion","title":"LVEF ≥45%","status":"unknown","reason":"LVEF: not recorded",)"
              R"("fields":["lvef"],"missing":["lvef"],"source":"Left ventricular ejection fraction (LVEF) ≥45%."},)"
              R"({"id":"exc_vaccine","kind":"exclusion","title":"Live vaccine","status":"unknown","reason":"Last live vaccine: not recorded",)"
              R"("fields":["screening_date","vaccine_date"],"missing":["screening_date","vaccine_date"],"source":"Live vaccine within 4 weeks."}],"derived":{}})");
}

TEST(VerdictJson, EligibleFromBetweenMissingAndSource)
{
    const Trial& t = two_criteria();
    const std::string json = run(t, R"({"lvef": 50, "screening_date": "2027-01-10", "vaccine_date": "2026-12-14"})").json;
    EXPECT_NE(json.find(R"("status":"fail","reason":"Last live vaccine 2026-12-14 is within 4 weeks before screening date 2027-01-10; )"
                        R"(screening date from 2027-01-11 would pass","fields":["screening_date","vaccine_date"],"missing":[],)"
                        R"("eligible_from":"2027-01-11","source":"Live vaccine within 4 weeks."})"),
              std::string::npos)
        << json;
    // Top level: the window is the only failure and LVEF passes, so the
    // patient qualifies from the day the window ends.
    EXPECT_NE(json.find(R"("missing":[],"windows_end":"2027-01-11","eligible_from":"2027-01-11","criteria")"), std::string::npos) << json;
    // Not on a passing criterion, nor where no window stands in the way.
    EXPECT_EQ(run(t, R"({"lvef": 40, "vaccine_date": "none"})").json.find("eligible_from"), std::string::npos);
}

TEST(VerdictJson, WindowsEndWithoutEligibleFromWhileAnotherCriterionIsUnknown)
{
    // LVEF unknown: once the vaccine window ends the verdict is incomplete,
    // not eligible, so the record gets the date the window ends and no
    // promise of eligibility.
    const std::string json = run(two_criteria(), R"({"screening_date": "2027-01-10", "vaccine_date": "2026-12-14"})").json;
    EXPECT_NE(json.find(R"("overall":"ineligible","missing":["lvef"],"windows_end":"2027-01-11","criteria")"), std::string::npos) << json;
}

TEST(VerdictJson, OverallWords)
{
    const Trial t = load_valid(mini_criteria(R"([{"id": "n", "type": "number", "section": "s", "label": "N", "min": 0, "max": 200}])",
        R"([{"id": "k", "kind": "inclusion", "title": "K", "source": "S.", "rule": {"readings": [
              {"source": "text", "rule": {"field": "n", "at_most": 85}}, {"source": "registry", "rule": {"field": "n", "at_most": 78}}]}}])"));
    const auto overall = [&](const char* record) {
        const std::string json = run(t, record).json;
        const size_t at = json.find(R"("overall":")") + 11;
        return json.substr(at, json.find('"', at) - at);
    };
    EXPECT_EQ(overall(R"({"n": 50})"), "eligible");
    EXPECT_EQ(overall(R"({"n": 90})"), "ineligible");
    EXPECT_EQ(overall("{}"), "incomplete");
    EXPECT_EQ(overall(R"({"n": 80})"), "review");
}

TEST(VerdictJson, DerivedValuesWithUnitMethodAndSources)
{
    const Trial t = load_valid(clinic_criteria(R"([{"id": "k", "kind": "inclusion", "title": "K", "source": "S.", "rule": true}])"));
    // (140 - 50) × 80 / (72 × 1.0 mg/dL) = 100 mL/min exactly; unknown derived
    // values are left out. The estimate read the measured clearance too (absent).
    const std::string json = run(t, R"({"age_years": 50, "sex": "male", "weight_kg": 80, "creatinine": 88.4, "prior_allo_hsct": false})").json;
    EXPECT_EQ(json.substr(json.find(R"("derived":)")),
              R"("derived":{"age":{"value":50,"unit":"years","fields":["age_years"]},)"
              R"("crcl":{"value":100,"unit":"mL/min","method":"cockcroft_gault","fields":["age_years","sex","weight_kg","creatinine","creatinine_clearance"]},)"
              R"("cells_from":{"value":"autologous","fields":["prior_allo_hsct","cell_source"]},)"
              R"("pregnancy_applies":{"value":false,"fields":["sex","pregnant"]}}})");
    const std::string measured = run(t, R"({"creatinine_clearance": 72.5, "alt": 136, "alt_uln": 40})").json;
    EXPECT_NE(measured.find(R"("alt_multiple":{"value":3.4,"unit":"× ULN","fields":["alt","alt_uln"]})"), std::string::npos) << measured;
    EXPECT_NE(measured.find(R"("crcl":{"value":72.5,"unit":"mL/min","method":"measured","fields":["creatinine_clearance"]})"), std::string::npos)
        << measured;
}

TEST(VerdictJson, ErrorsInsteadOfAVerdict)
{
    const Trial& t = two_criteria();
    const VerdictWriter writer(t);
    const std::vector<InputError> errors = {{"lvef", Msg::error_expected_number_in, {"%", "\"high\""}, "lvef: expected a number in %, got \"high\""},
                                            {"", Msg::error_not_object, {"an array"}, "a record must be a JSON object, got an array"}};
    std::string out;
    writer.write_errors(errors, out);
    EXPECT_EQ(out, R"({"trial":"NCT00000000","criteria_version":"test","errors":[{"field":"lvef","code":"expected_number_in",)"
                   R"("message":"lvef: expected a number in %, got \"high\""},)"
                   R"({"field":null,"code":"not_object","message":"a record must be a JSON object, got an array"}]})");
    // NDJSON: the line number after the header; appended to what is there.
    out = "x";
    writer.write_errors({{"lvef", Msg::error_none_not_allowed, {}, "m"}}, out, 3);
    EXPECT_EQ(out, R"(x{"trial":"NCT00000000","criteria_version":"test","line":3,"errors":[{"field":"lvef","code":"none_not_allowed","message":"m"}]})");
}

TEST(VerdictJson, TheRecordReadersMessagesAsErrors)
{
    const Trial& t = two_criteria();
    const auto v = run(t, R"({"lvef": "high"})");
    ASSERT_FALSE(v.valid);
    std::string out;
    VerdictWriter(t).write_errors(v.errors, out);
    EXPECT_EQ(out, R"({"trial":"NCT00000000","criteria_version":"test","errors":[{"field":"lvef","code":"expected_number_in",)"
                   R"("message":"lvef: expected a number in %, got \"high\""}]})");
}

// Ids, titles and sources are escaped once per trial; reasons and record
// ids per record. Special characters past the first eight bytes take the
// writer off its fast path.
TEST(VerdictJson, EscapesSourcesTitlesAndRecordIds)
{
    const Trial t = load_valid(mini_criteria(R"([{"id": "id", "type": "text", "section": "s", "label": "Label"},
                                                 {"id": "a", "type": "bool", "section": "s", "label": "Say \"yes\""}])",
        R"([{"id": "k", "kind": "exclusion", "title": "Quote \" and back\\slash", "source": "Line one.\nLine\ttwo \u0001 ≥45%, then \"more\"\\\u001f.",
             "rule": {"field": "a", "is": true}}])"));
    const std::string json = run(t, R"({"id": "r \"7\"\n", "a": true})").json;
    EXPECT_EQ(json, R"({"trial":"NCT00000000","criteria_version":"test","record_id":"r \"7\"\n","overall":"eligible","missing":[],)"
                    R"("criteria":[{"id":"k","kind":"exclusion","title":"Quote \" and back\\slash","status":"pass","reason":"Say \"yes\": yes",)"
                    R"("fields":["a"],"missing":[],"source":"Line one.\nLine\ttwo \u0001 ≥45%, then \"more\"\\\u001f."}],"derived":{}})");
}

} // namespace

// A measured clearance, or the weight to estimate it: either settles the
// renal criterion once age, sex and creatinine are given. The contract's
// `missing` stays the flat list; `alternatives` says which are "or".
TEST(VerdictJson, AlternativesSayOr)
{
    const Trial& t = elig_test::bundled_trial();
    const auto v = elig_test::run(t, R"({"age_years": 54, "sex": "female", "creatinine": {"value": 1.1, "unit": "mg/dL"}})");
    ASSERT_TRUE(v.valid);
    const std::string& out = v.json;
    const auto verdict = nlohmann::json::parse(out);
    const auto& top = verdict["alternatives"];
    ASSERT_EQ(top.size(), 1u) << out.substr(0, 400);
    EXPECT_EQ(top[0]["either"], nlohmann::json::array({"creatinine_clearance"}));
    EXPECT_EQ(top[0]["or"], nlohmann::json::array({"weight_kg"}));
    for (const auto& c : verdict["criteria"]) {
        if (c["id"] != "inc_renal") {
            EXPECT_FALSE(c.contains("alternatives")) << c["id"];
            continue;
        }
        // The creatinine's ULN is missing too, alone: its multiple cannot be given beside the value.
        EXPECT_EQ(c["missing"], nlohmann::json::array({"weight_kg", "creatinine_uln", "creatinine_clearance"}));
        EXPECT_EQ(c["alternatives"], top);
    }
}

// Sex is one of the estimate's inputs, and exc_pregnancy needs it on its
// own (pregnancy_applies reads it). Entering only a measured clearance would
// leave exc_pregnancy unknown, so the list says sex by itself as well as in
// the pair.
TEST(VerdictJson, APairNeverHidesAFieldAnotherCriterionNeeds)
{
    const Trial& t = elig_test::bundled_trial();
    const auto v = elig_test::run(t, R"({"age_years": 54, "creatinine": {"value": 1.1, "unit": "mg/dL"}})");
    ASSERT_TRUE(v.valid);
    const size_t sex = static_cast<size_t>(t.find_slot("sex"));
    int alone = 0, in_pair = 0;
    for (const MissingItem& item : missing_items(t, v.ev)) {
        if (item.or_else.empty()) alone += item.either.contains(sex);
        else in_pair += item.or_else.contains(sex);
    }
    EXPECT_EQ(alone, 1);
    EXPECT_EQ(in_pair, 1);
    // The renal criterion's own list is the pair alone: it needs sex only
    // for the estimate.
    const size_t renal = static_cast<size_t>(std::find_if(t.criteria.begin(), t.criteria.end(), [](const Criterion& c) { return c.id == "inc_renal"; }) - t.criteria.begin());
    int renal_alone = 0;
    for (const MissingItem& item : missing_items(t, v.ev, renal)) renal_alone += item.or_else.empty() && item.either.contains(sex);
    EXPECT_EQ(renal_alone, 0);
}
