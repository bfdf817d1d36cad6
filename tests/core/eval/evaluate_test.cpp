// Kleene logic, each rule node, derived values and `missing`, on small
// criteria files that isolate one mechanism, and on the bundled trial.
#include "support/test_support.h"

#include "core/report/reason.h"

#include <gtest/gtest.h>

using namespace elig;
using elig_test::bundled_trial;
using elig_test::load_valid;
using elig_test::mini_criteria;
using elig_test::run;

namespace {

constexpr Status P = Status::pass, F = Status::fail, U = Status::unknown, R = Status::review;

TEST(Kleene, AndFailDominatesThenUnknownThenReview)
{
    const Status all[4] = {P, F, U, R};
    for (Status a : all)
        for (Status b : all) {
            Status expected = (a == F || b == F) ? F : (a == U || b == U) ? U : (a == R || b == R) ? R : P;
            EXPECT_EQ(status_and(a, b), expected) << status_name(a) << " and " << status_name(b);
            EXPECT_EQ(status_and(a, b), status_and(b, a));
        }
}

TEST(Kleene, OrPassDominatesThenUnknownThenReview)
{
    const Status all[4] = {P, F, U, R};
    for (Status a : all)
        for (Status b : all) {
            Status expected = (a == P || b == P) ? P : (a == U || b == U) ? U : (a == R || b == R) ? R : F;
            EXPECT_EQ(status_or(a, b), expected) << status_name(a) << " or " << status_name(b);
        }
}

TEST(Kleene, NotSwapsPassAndFailOnly)
{
    EXPECT_EQ(status_not(P), F);
    EXPECT_EQ(status_not(F), P);
    EXPECT_EQ(status_not(U), U);
    EXPECT_EQ(status_not(R), R);
}

// Two yes/no fields and one criterion with the given rule.
Trial two_flags(const std::string& rule)
{
    return load_valid(mini_criteria(R"([{"id": "a", "type": "bool", "section": "s", "label": "A"},
                                        {"id": "b", "type": "bool", "section": "s", "label": "B"},
                                        {"id": "c", "type": "bool", "section": "s", "label": "C"}])",
                                     R"([{"id": "k", "kind": "inclusion", "title": "K", "source": "S.", "rule": )" + rule + "}]"));
}

TEST(Rules, AnyPassesOnOnePassEvenWithUnknowns)
{
    Trial t = two_flags(R"({"any": [{"field": "a", "is": true}, {"field": "b", "is": true}]})");
    EXPECT_EQ(run(t, R"({"a": true})").status(t, "k"), P);
    EXPECT_EQ(run(t, R"({"a": false})").status(t, "k"), U);
    EXPECT_EQ(run(t, R"({"a": false})").missing(t, "k"), std::vector<std::string>{"b"});
    EXPECT_EQ(run(t, R"({"a": false, "b": false})").status(t, "k"), F);
    EXPECT_EQ(run(t, "{}").missing(t, "k"), (std::vector<std::string>{"a", "b"}));
    EXPECT_TRUE(run(t, R"({"a": true})").missing(t, "k").empty());
}

TEST(Rules, AllFailsOnOneFailEvenWithUnknowns)
{
    Trial t = two_flags(R"({"all": [{"field": "a", "is": false}, {"field": "b", "is": false}]})");
    EXPECT_EQ(run(t, R"({"a": true})").status(t, "k"), F);
    EXPECT_TRUE(run(t, R"({"a": true})").missing(t, "k").empty());
    EXPECT_EQ(run(t, R"({"a": false})").status(t, "k"), U);
    EXPECT_EQ(run(t, R"({"a": false, "b": false})").status(t, "k"), P);
}

TEST(Rules, IfWithUnknownConditionDecidesOnlyWhenBothBranchesAgree)
{
    Trial t = two_flags(R"({"if": {"field": "a", "is": true}, "then": {"field": "b", "is": true}, "else": {"field": "c", "is": true}})");
    EXPECT_EQ(run(t, R"({"a": true, "b": true, "c": false})").status(t, "k"), P);
    EXPECT_EQ(run(t, R"({"a": false, "b": true, "c": false})").status(t, "k"), F);
    EXPECT_EQ(run(t, R"({"b": true, "c": true})").status(t, "k"), P);   // both branches pass
    EXPECT_EQ(run(t, R"({"b": false, "c": false})").status(t, "k"), F);  // both fail
    auto v = run(t, R"({"b": true, "c": false})");
    EXPECT_EQ(v.status(t, "k"), U);
    EXPECT_EQ(v.missing(t, "k"), std::vector<std::string>{"a"});  // only the condition can decide
    v = run(t, R"({"a": true})");
    EXPECT_EQ(v.missing(t, "k"), std::vector<std::string>{"b"});  // the condition chose its branch
    v = run(t, "{}");
    EXPECT_EQ(v.missing(t, "k"), (std::vector<std::string>{"b", "c"}));  // both branches unknown: the condition alone cannot decide
}

TEST(Rules, ReadingsThatDisagreeAreReview)
{
    Trial t = load_valid(mini_criteria(R"([{"id": "n", "type": "number", "section": "s", "label": "N", "unit": "y", "units": {"y": 1}, "min": 0, "max": 200}])",
        R"([{"id": "k", "kind": "inclusion", "title": "K", "source": "S.", "rule": {"readings": [
              {"source": "text", "rule": {"field": "n", "at_most": 85}}, {"source": "registry", "rule": {"field": "n", "at_most": 78}}]}}])"));
    EXPECT_EQ(run(t, R"({"n": 78})").status(t, "k"), P);
    EXPECT_EQ(run(t, R"({"n": 79})").status(t, "k"), R);
    EXPECT_EQ(run(t, R"({"n": 85})").status(t, "k"), R);
    EXPECT_EQ(run(t, R"({"n": 86})").status(t, "k"), F);
    EXPECT_EQ(run(t, "{}").status(t, "k"), U);
    auto v = run(t, R"({"n": 80})");
    EXPECT_EQ(v.reason(t, "k"), "The trial's sources disagree: text: n 80 y is within the limit of 85 y; registry: n 80 y exceeds 78 y");
}

TEST(Rules, ComparisonsUseTheOneBillionthTolerance)
{
    Trial t = load_valid(mini_criteria(R"([{"id": "n", "type": "number", "section": "s", "label": "N", "min": 0, "max": 200}])",
        R"([{"id": "least", "kind": "inclusion", "title": "K", "source": "S.", "rule": {"field": "n", "at_least": 1.5}},
            {"id": "most", "kind": "inclusion", "title": "K", "source": "S.", "rule": {"field": "n", "at_most": 1.5}},
            {"id": "above", "kind": "inclusion", "title": "K", "source": "S.", "rule": {"field": "n", "above": 1.5}},
            {"id": "below", "kind": "inclusion", "title": "K", "source": "S.", "rule": {"field": "n", "below": 1.5}}])"));
    auto at = run(t, R"({"n": 1.4999999999999998})");
    EXPECT_EQ(at.status(t, "least"), P);
    EXPECT_EQ(at.status(t, "most"), P);
    EXPECT_EQ(at.status(t, "above"), F);
    EXPECT_EQ(at.status(t, "below"), F);
    auto over = run(t, R"({"n": 1.500000002})");
    EXPECT_EQ(over.status(t, "most"), F);
    EXPECT_EQ(over.status(t, "above"), P);
    auto under = run(t, R"({"n": 1.499999998})");
    EXPECT_EQ(under.status(t, "least"), F);
    EXPECT_EQ(under.status(t, "below"), P);
}

// ---- Derived values on the bundled trial ---------------------------------

TEST(Derived, AgeIsCompletedYears)
{
    const Trial& t = bundled_trial();
    EXPECT_EQ(run(t, R"({"age_years": 78.9})").status(t, "inc_age"), P);
    EXPECT_EQ(run(t, R"({"age_years": 79})").status(t, "inc_age"), R);
    EXPECT_EQ(run(t, R"({"age_years": 85.99})").status(t, "inc_age"), R);
    EXPECT_EQ(run(t, R"({"age_years": 86})").status(t, "inc_age"), F);
    EXPECT_EQ(run(t, R"({"age_years": 17.99})").status(t, "inc_age"), F);
    EXPECT_EQ(run(t, R"({"age_years": 18})").status(t, "inc_age"), P);
    // Born 1948-01-11: 78 on 2027-01-10, 79 the day after.
    EXPECT_EQ(run(t, R"({"birth_date": "1948-01-11", "screening_date": "2027-01-10"})").status(t, "inc_age"), P);
    EXPECT_EQ(run(t, R"({"birth_date": "1948-01-11", "screening_date": "2027-01-11"})").status(t, "inc_age"), R);
    auto v = run(t, R"({"birth_date": "1948-01-11"})");
    EXPECT_EQ(v.status(t, "inc_age"), U);
    EXPECT_EQ(v.missing(t, "inc_age"), std::vector<std::string>{"screening_date"});
    EXPECT_EQ(run(t, "{}").missing(t, "inc_age"), std::vector<std::string>{"age_years"});
}

TEST(Derived, MultiplesOfUlnAcrossUnits)
{
    const Trial& t = bundled_trial();
    // The contract's own example: 1.8 mg/dL with a ULN of 1.2 mg/dL is exactly 1.5× ULN.
    auto v = run(t, R"({"total_bilirubin": {"value": 1.8, "unit": "mg/dL"}, "total_bilirubin_uln": {"value": 1.2, "unit": "mg/dL"}})");
    EXPECT_EQ(v.status(t, "inc_bilirubin"), P);
    // Mixed units: 30.78 µmol/L against 1.2 mg/dL (20.52 µmol/L) is the same 1.5×.
    EXPECT_EQ(run(t, R"({"total_bilirubin": 30.78, "total_bilirubin_uln": {"value": 1.2, "unit": "mg/dL"}})").status(t, "inc_bilirubin"), P);
    EXPECT_EQ(run(t, R"({"total_bilirubin": 30.8, "total_bilirubin_uln": {"value": 1.2, "unit": "mg/dL"}})").status(t, "inc_bilirubin"), F);
    v = run(t, R"({"alt": 136, "alt_uln": 40})");
    EXPECT_EQ(v.reason(t, "inc_alt").rfind("ALT 3.4× ULN (136 U/L, ULN 40 U/L) exceeds 3× ULN", 0), 0u) << v.reason(t, "inc_alt");
    EXPECT_EQ(run(t, R"({"alt": 136})").missing(t, "inc_alt"), std::vector<std::string>{"alt_uln"});
    // Given as a multiple: the value/ULN pair is not missing, it cannot be given.
    v = run(t, R"({"alt_x_uln": 4})");
    EXPECT_EQ(v.status(t, "inc_alt"), U);
    EXPECT_EQ(v.missing(t, "inc_alt"), std::vector<std::string>{"liver_abnormality_disease_related"});
}

TEST(Reasons, AnUnknownCriterionNamesWhatIsMissing)
{
    const Trial& t = bundled_trial();
    auto v = run(t, R"({"alt": 100})");
    EXPECT_EQ(v.missing(t, "inc_alt"), std::vector<std::string>{"alt_uln"});
    EXPECT_NE(v.reason(t, "inc_alt").find("ALT upper limit of normal"), std::string::npos) << v.reason(t, "inc_alt");
}

TEST(Derived, YesNoDerivedValuesAreWrittenAsTrueOrFalse)
{
    const Trial& t = bundled_trial();
    EXPECT_NE(run(t, R"({"pregnant_or_lactating": true})").json.find(R"("pregnancy_applies":{"value":true)"), std::string::npos);
    EXPECT_NE(run(t, R"({"sex": "male"})").json.find(R"("pregnancy_applies":{"value":false)"), std::string::npos);
}

TEST(Derived, DiseaseRelatedLiverLimit)
{
    const Trial& t = bundled_trial();
    EXPECT_EQ(run(t, R"({"alt_x_uln": 3})").status(t, "inc_alt"), P);  // within either limit: the judgment is not needed
    EXPECT_EQ(run(t, R"({"alt_x_uln": 3.01, "liver_abnormality_disease_related": false})").status(t, "inc_alt"), F);
    EXPECT_EQ(run(t, R"({"alt_x_uln": 5, "liver_abnormality_disease_related": true})").status(t, "inc_alt"), P);
    EXPECT_EQ(run(t, R"({"alt_x_uln": 5.01, "liver_abnormality_disease_related": true})").status(t, "inc_alt"), F);
    EXPECT_EQ(run(t, R"({"alt_x_uln": 5.01})").status(t, "inc_alt"), F);  // beyond both limits
    EXPECT_EQ(run(t, R"({"ast": 200, "ast_uln": 40, "liver_abnormality_disease_related": true})").status(t, "inc_ast"), P);
}

TEST(Derived, CockcroftGaultWhenNoClearanceIsMeasured)
{
    const Trial& t = bundled_trial();
    // (140 - 54) × 62 × 0.85 / (72 × 1.1) = 57.22 mL/min; creatinine 1.1 mg/dL = 97.24 µmol/L is 1.94× a ULN of 50.
    auto v = run(t, R"({"age_years": 54, "sex": "female", "weight_kg": 62, "creatinine": {"value": 1.1, "unit": "mg/dL"}, "creatinine_uln": 50})");
    EXPECT_EQ(v.status(t, "inc_renal"), F);
    const DerivedValue& crcl = v.ev.derived[static_cast<size_t>(t.find_slot("creatinine_clearance_used")) - t.fields.size()];
    EXPECT_TRUE(crcl.computed);
    EXPECT_NEAR(crcl.number, 57.2247, 1e-4);
    // Male, same numbers: 67.32 mL/min rescues the creatinine.
    v = run(t, R"({"age_years": 54, "sex": "male", "weight_kg": 62, "creatinine": {"value": 1.1, "unit": "mg/dL"}, "creatinine_uln": 50})");
    EXPECT_EQ(v.status(t, "inc_renal"), P);
    // A measured clearance wins over the estimate.
    v = run(t, R"({"age_years": 54, "sex": "female", "weight_kg": 62, "creatinine": {"value": 1.1, "unit": "mg/dL"}, "creatinine_uln": 50, "creatinine_clearance": 60})");
    EXPECT_EQ(v.status(t, "inc_renal"), P);
    // No weight: unknown, and what would decide it is named.
    v = run(t, R"({"age_years": 54, "sex": "female", "creatinine": {"value": 1.1, "unit": "mg/dL"}, "creatinine_uln": 50})");
    EXPECT_EQ(v.status(t, "inc_renal"), U);
    EXPECT_EQ(v.missing(t, "inc_renal"), (std::vector<std::string>{"weight_kg", "creatinine_clearance"}));
    // Creatinine given only as a multiple: no estimate possible, only a
    // measurement helps, whatever else is missing (found in review).
    v = run(t, R"({"age_years": 54, "sex": "female", "weight_kg": 62, "creatinine_x_uln": 2})");
    EXPECT_EQ(v.missing(t, "inc_renal"), std::vector<std::string>{"creatinine_clearance"});
    v = run(t, R"({"creatinine_x_uln": 2})");
    EXPECT_EQ(v.missing(t, "inc_renal"), std::vector<std::string>{"creatinine_clearance"});
}

TEST(Derived, ImpliedValues)
{
    const Trial& t = bundled_trial();
    // Without an allo-HSCT the cells are autologous: smear and donation apply.
    EXPECT_EQ(run(t, R"({"prior_allo_hsct": false, "can_donate_cells": false, "blood_tumor_cells_percent": 10})").status(t, "inc_cell_collection"), F);
    // Donor cells: neither applies.
    EXPECT_EQ(run(t, R"({"prior_allo_hsct": true, "cell_source": "donor", "blood_tumor_cells_percent": 80})").status(t, "inc_cell_collection"), P);
    EXPECT_EQ(run(t, R"({"cell_source": "donor"})").status(t, "inc_cell_collection"), P);
    auto v = run(t, R"({"can_donate_cells": false})");
    EXPECT_EQ(v.status(t, "inc_cell_collection"), U);
    EXPECT_EQ(v.missing(t, "inc_cell_collection"), (std::vector<std::string>{"prior_allo_hsct", "cell_source"}));
    // Pregnancy is not asked of men; a pregnancy rules out whatever sex is recorded.
    EXPECT_EQ(run(t, R"({"sex": "male"})").status(t, "exc_pregnancy"), P);
    EXPECT_EQ(run(t, R"({"pregnant_or_lactating": true})").status(t, "exc_pregnancy"), F);
    EXPECT_EQ(run(t, R"({"pregnant_or_lactating": false})").status(t, "exc_pregnancy"), P);
    EXPECT_EQ(run(t, R"({"sex": "female"})").missing(t, "exc_pregnancy"), std::vector<std::string>{"pregnant_or_lactating"});
    EXPECT_EQ(run(t, "{}").missing(t, "exc_pregnancy"), (std::vector<std::string>{"sex", "pregnant_or_lactating"}));
}

// ---- Time windows --------------------------------------------------------

TEST(Windows, CalendarMonthsAndWeeksAreStrict)
{
    const Trial& t = bundled_trial();
    auto hsct = [&](const char* date, const char* screening) {
        return run(t, std::string(R"({"last_hsct_date": ")") + date + R"(", "screening_date": ")" + screening + "\"}").status(t, "exc_recent_hsct");
    };
    EXPECT_EQ(hsct("2026-07-10", "2027-01-10"), P);  // exactly 6 calendar months: not within
    EXPECT_EQ(hsct("2026-07-11", "2027-01-10"), F);
    EXPECT_EQ(hsct("2027-02-28", "2027-08-31"), P);  // 2027-08-31 minus 6 months is 2027-02-28
    EXPECT_EQ(hsct("2027-03-01", "2027-08-31"), F);
    EXPECT_EQ(hsct("2027-01-20", "2027-01-10"), F);  // after screening: more recent still
    auto vaccine = [&](const char* date) {
        return run(t, std::string(R"({"last_live_vaccine_date": ")") + date + R"(", "screening_date": "2027-01-10"})").status(t, "exc_live_vaccine");
    };
    EXPECT_EQ(vaccine("2026-12-13"), P);  // 28 days before
    EXPECT_EQ(vaccine("2026-12-14"), F);  // 27 days before
    EXPECT_EQ(run(t, R"({"last_live_vaccine_date": "none"})").status(t, "exc_live_vaccine"), P);  // no screening date needed
    auto v = run(t, R"({"last_live_vaccine_date": "2026-12-20"})");
    EXPECT_EQ(v.missing(t, "exc_live_vaccine"), std::vector<std::string>{"screening_date"});
}

TEST(Windows, EligibleFromIsTheFirstPassingReferenceDate)
{
    const Trial& t = bundled_trial();
    auto v = run(t, R"({"last_hsct_date": "2026-08-31", "screening_date": "2027-01-10"})");
    DayNumber from = 0;
    for (size_t c = 0; c < t.criteria.size(); ++c) {
        if (t.criteria[c].id == "exc_recent_hsct") {
            ASSERT_TRUE(criterion_eligible_from(t, v.ev, c, from));
        }
    }
    EXPECT_EQ(format_iso_date(from), "2027-03-01");  // 2027-02-28 minus 6 months is 2026-08-28, still before 08-31
}

// A date is offered only when waiting would make the criterion pass
// (found in review: planned surgery does not pass by waiting).
TEST(Windows, NoEligibleFromWhenWaitingCannotHelp)
{
    const Trial& t = bundled_trial();
    size_t surgery = 0;
    for (size_t c = 0; c < t.criteria.size(); ++c)
        if (t.criteria[c].id == "exc_major_surgery") surgery = c;
    DayNumber from = 0;
    auto v = run(t, R"({"screening_date": "2027-01-10", "last_major_surgery_date": "2026-12-14", "major_surgery_planned": true, "unhealed_wound": false})");
    EXPECT_FALSE(criterion_eligible_from(t, v.ev, surgery, from));
    v = run(t, R"({"screening_date": "2027-01-10", "last_major_surgery_date": "2026-12-14", "major_surgery_planned": false, "unhealed_wound": false})");
    ASSERT_TRUE(criterion_eligible_from(t, v.ev, surgery, from));
    EXPECT_EQ(format_iso_date(from), "2027-01-11");
}

TEST(Windows, SurgeryIsMeasuredFromLymphodepletion)
{
    const Trial& t = bundled_trial();
    auto status = [&](const std::string& extra, bool planned = false) {
        return run(t, R"({"screening_date": "2027-01-10", "unhealed_wound": false, "major_surgery_planned": )" + std::string(planned ? "true" : "false") +
                          ", " + extra + "}").status(t, "exc_major_surgery");
    };
    EXPECT_EQ(status(R"("last_major_surgery_date": "2026-12-13")"), P);  // 28 days before screening: before any lymphodepletion
    auto v = run(t, R"({"screening_date": "2027-01-10", "last_major_surgery_date": "2026-12-20", "major_surgery_planned": false, "unhealed_wound": false})");
    EXPECT_EQ(v.status(t, "exc_major_surgery"), U);
    EXPECT_EQ(v.missing(t, "exc_major_surgery"), std::vector<std::string>{"planned_lymphodepletion_date"});
    EXPECT_NE(v.reason(t, "exc_major_surgery").find("2027-01-17"), std::string::npos) << v.reason(t, "exc_major_surgery");  // earliest lymphodepletion
    EXPECT_EQ(status(R"("last_major_surgery_date": "2026-12-20", "planned_lymphodepletion_date": "2027-01-17")"), P);
    EXPECT_EQ(status(R"("last_major_surgery_date": "2026-12-20", "planned_lymphodepletion_date": "2027-01-16")"), F);
    EXPECT_EQ(status(R"("last_major_surgery_date": "none")", true), F);
    EXPECT_EQ(status(R"("last_major_surgery_date": "none")"), P);
}

// ---- Overall verdict -----------------------------------------------------

TEST(Overall, FailOutranksUnknownOutranksReview)
{
    const Trial& t = bundled_trial();
    EXPECT_EQ(run(t, "{}").ev.overall, U);
    EXPECT_EQ(run(t, R"({"age_years": 80})").ev.overall, U);
    EXPECT_EQ(run(t, R"({"age_years": 80, "lvef": 30})").ev.overall, F);
}

TEST(Overall, EvaluationIsReusableAndIndependentOfTheLastRecord)
{
    const Trial& t = bundled_trial();
    RecordReader reader(t);
    Record record;
    std::vector<InputError> errors;
    Evaluation reused, fresh;
    ASSERT_TRUE(reader.read(R"({"lvef": 30, "alt": 500, "alt_uln": 40})", record, errors));
    evaluate(t, record, reused);
    ASSERT_TRUE(reader.read(R"({"spo2": 95})", record, errors));
    evaluate(t, record, reused);
    evaluate(t, record, fresh);
    EXPECT_EQ(reused.criteria, fresh.criteria);
    EXPECT_TRUE(reused.missing == fresh.missing);
}

} // namespace
