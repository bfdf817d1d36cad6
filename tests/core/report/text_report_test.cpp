// The plain-text report, whole: header, counts, what is missing, criteria
// grouped fail / review / unknown / pass (each group in file order), the
// protocol sentence only where a criterion does not pass, derived values,
// the disclaimer; and the input-error report.
#include "support/clinic_trial.h"

#include "core/report/text_report.h"

#include <gtest/gtest.h>

using namespace elig;
using elig_test::clinic_criteria;
using elig_test::load_valid;
using elig_test::run;

namespace {

// One criterion per status, in the file in the opposite order of the report's.
const char* const kFourCriteria = R"([
  {"id": "c_pass", "kind": "inclusion", "title": "Consent", "source": "Signed informed consent.", "rule": {"field": "consent", "is": true}},
  {"id": "c_unknown", "kind": "exclusion", "title": "ECOG", "source": "ECOG 3 or more.", "rule": {"field": "ecog", "at_most": 2}},
  {"id": "c_review", "kind": "inclusion", "title": "Age", "source": "Aged 18-85.", "rule": {"readings": [
     {"source": "inclusion text", "rule": {"field": "age_years", "at_most": 85}}, {"source": "registry", "rule": {"field": "age_years", "at_most": 78}}]}},
  {"id": "c_fail", "kind": "inclusion", "title": "LVEF ≥45%", "source": "LVEF ≥45%.", "rule": {"field": "lvef", "at_least": 45}},
  {"id": "c_pass_too", "kind": "exclusion", "title": "Vaccine", "source": "Live vaccine within 4 weeks.",
   "rule": {"field": "vaccine_date", "not_within": {"weeks": 4}, "before": "screening_date"}}])";

const Trial& four_statuses()
{
    static const Trial trial = load_valid(clinic_criteria(kFourCriteria));
    return trial;
}

std::string report(const Trial& t, const std::string& record)
{
    const auto v = run(t, record);
    EXPECT_TRUE(v.valid);
    return text_report(t, v.record, v.ev);
}

TEST(TextReport, WholeReportInDecidingOrder)
{
    const Trial& t = four_statuses();
    EXPECT_EQ(report(t, R"({"id": "r-1", "consent": true, "age_years": 80, "lvef": 40, "vaccine_date": "none"})"),
              "NCT00000000 — Test\n"
              "Criteria version test, registry record of 2026-01-01\n"
              "Record: r-1\n"
              "\n"
              "Verdict: NOT ELIGIBLE\n"
              "  1 fail, 1 unknown, 1 review, 2 pass\n"
              "  Missing: ECOG performance status\n"
              "  For an exclusion criterion, \"pass\" means the excluding condition is absent.\n"
              "\n"
              "FAIL     c_fail — LVEF ≥45%\n"
              "         LVEF 40% is below the required 45%\n"
              "         Registry text (ClinicalTrials.gov, inclusion): \"LVEF ≥45%.\"\n"
              "\n"
              "REVIEW   c_review — Age\n"
              "         The trial's sources disagree: inclusion text: age 80 years is within the limit of 85 years; "
              "registry: age 80 years exceeds 78 years\n"
              "         Registry text (ClinicalTrials.gov, inclusion): \"Aged 18-85.\"\n"
              "\n"
              "unknown  c_unknown — ECOG\n"
              "         ECOG performance status: not recorded\n"
              "         Registry text (ClinicalTrials.gov, exclusion): \"ECOG 3 or more.\"\n"
              "\n"
              "pass     c_pass — Consent\n"
              "         Informed consent signed: yes\n"
              "pass     c_pass_too — Vaccine\n"
              "         Last live vaccine: none\n"
              "\n"
              "Derived values:\n"
              "  Age 80 years\n"
              "\n"
              "A pre-screening aid, not an enrolment decision: the study team confirms eligibility.\n");
}

TEST(TextReport, NoRecordLineWithoutAnIdAndNoMissingLineWhenNothingIsMissing)
{
    const Trial& t = four_statuses();
    const std::string text = report(t, R"({"consent": true, "age_years": 50, "lvef": 50, "ecog": 1, "vaccine_date": "none"})");
    EXPECT_EQ(text.rfind("NCT00000000 — Test\n"
                         "Criteria version test, registry record of 2026-01-01\n"
                         "\n"
                         "Verdict: ELIGIBLE\n"
                         "  0 fail, 0 unknown, 0 review, 5 pass\n"
                         "  For an exclusion criterion, \"pass\" means the excluding condition is absent.\n"
                         "\n"
                         "pass     c_pass — Consent\n",
                         0),
              0u)
        << text;
    EXPECT_EQ(text.find("Missing"), std::string::npos) << text;
    EXPECT_EQ(text.find("Registry text"), std::string::npos) << text;  // only for criteria that do not pass
}

TEST(TextReport, MissingFieldsAreListedByLabelInDictionaryOrder)
{
    // By label, as the Chinese report and the app list them (ids are the JSON's).
    const Trial& t = four_statuses();
    const std::string text = report(t, R"({"vaccine_date": "2026-12-20"})");
    EXPECT_NE(text.find("Verdict: INCOMPLETE: data missing\n"
                        "  0 fail, 5 unknown, 0 review, 0 pass\n"
                        "  Missing: Screening date, Age, Informed consent signed, ECOG performance status, LVEF\n"),
              std::string::npos)
        << text;
}

// Vaccinated 2026-12-14, screened 2027-01-10: "not within 4 weeks" passes
// from 2027-01-11 (4 weeks after 2026-12-14). Whether that day makes the
// patient eligible depends on the other criteria.
TEST(TextReport, WaitingOutAWindowIsEligibilityOnlyWhenNothingElseIsOpen)
{
    const Trial& t = four_statuses();
    const std::string everything_else_passes =
        report(t, R"({"consent": true, "age_years": 50, "lvef": 50, "ecog": 1, "screening_date": "2027-01-10", "vaccine_date": "2026-12-14"})");
    EXPECT_NE(everything_else_passes.find("  1 fail, 0 unknown, 0 review, 4 pass\n"
                                          "  Earliest the patient could qualify: 2027-01-11 (if nothing else changes)\n"),
              std::string::npos)
        << everything_else_passes;
    const std::string ecog_unknown =
        report(t, R"({"consent": true, "age_years": 50, "lvef": 50, "screening_date": "2027-01-10", "vaccine_date": "2026-12-14"})");
    EXPECT_NE(ecog_unknown.find("  1 fail, 1 unknown, 0 review, 3 pass\n"
                                "  From 2027-01-11 no time window rules the patient out; other criteria are still to be decided or reviewed\n"
                                "  Missing: ECOG performance status\n"),
              std::string::npos)
        << ecog_unknown;
    EXPECT_EQ(ecog_unknown.find("Earliest"), std::string::npos) << ecog_unknown;
    // LVEF fails too: waiting cannot help, so no verdict line gives a date
    // (the vaccine criterion's own reason still does).
    const std::string lvef_fails =
        report(t, R"({"consent": true, "age_years": 50, "lvef": 40, "ecog": 1, "screening_date": "2027-01-10", "vaccine_date": "2026-12-14"})");
    EXPECT_NE(lvef_fails.find("  2 fail, 0 unknown, 0 review, 3 pass\n  For an exclusion"), std::string::npos) << lvef_fails;
}

TEST(TextReport, ReviewVerdict)
{
    const Trial& t = four_statuses();
    const std::string text = report(t, R"({"consent": true, "age_years": 80, "lvef": 50, "ecog": 1, "vaccine_date": "none"})");
    EXPECT_NE(text.find("Verdict: NEEDS REVIEW: the trial's sources disagree\n"), std::string::npos) << text;
}

// Derived values: numbers only (no implied enum or yes/no values), known
// ones only, each as describe_value() writes it.
TEST(TextReport, DerivedSection)
{
    const Trial t = load_valid(clinic_criteria(R"([{"id": "k", "kind": "inclusion", "title": "K", "source": "S.", "rule": true}])"));
    const std::string text = report(t, R"({"age_years": 50, "sex": "male", "weight_kg": 80, "creatinine": 88.4, "alt": 136, "alt_uln": 40,
                                            "prior_allo_hsct": false})");
    EXPECT_NE(text.find("\n"
                        "Derived values:\n"
                        "  Age 50 years\n"
                        "  ALT 3.4× ULN (136 U/L, ULN 40 U/L)\n"
                        "  Creatinine clearance 100 mL/min (Cockcroft–Gault estimate)\n"
                        "\n"
                        "A pre-screening aid"),
              std::string::npos)
        << text;
    // Nothing derived: no heading.
    EXPECT_EQ(report(t, "{}").find("Derived values:"), std::string::npos);
}

TEST(TextErrors, SingularAndPlural)
{
    const Messages& m = four_statuses().messages;
    const InputError lvef{"lvef", Msg::error_expected_number_in, {"%", "\"high\""}, "lvef: expected a number in %, got \"high\""};
    const InputError array{"", Msg::error_not_object, {"an array"}, "a record must be a JSON object, got an array"};
    EXPECT_EQ(text_errors(m, {lvef}),
              "No verdict: the record has 1 error:\n"
              "  lvef: expected a number in %, got \"high\"\n");
    EXPECT_EQ(text_errors(m, {lvef, array}),
              "No verdict: the record has 2 errors:\n"
              "  lvef: expected a number in %, got \"high\"\n"
              "  a record must be a JSON object, got an array\n");
}

TEST(OverallWords, OnePerStatus)
{
    const Messages& m = four_statuses().messages;
    EXPECT_EQ(overall_words(m, Status::pass), "ELIGIBLE");
    EXPECT_EQ(overall_words(m, Status::fail), "NOT ELIGIBLE");
    EXPECT_EQ(overall_words(m, Status::unknown), "INCOMPLETE: data missing");
    EXPECT_EQ(overall_words(m, Status::review), "NEEDS REVIEW: the trial's sources disagree");
}

} // namespace
