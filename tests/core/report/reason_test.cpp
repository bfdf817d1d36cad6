// Reason sentences, one node kind at a time, on the clinic dictionary
// (clinic_trial.h). Every expected sentence is i18n/en.json's template
// filled in by hand: "{value} is below the required {threshold}" with value
// "LVEF 40%" ("{label} {quantity}") and threshold "45%".
#include "support/clinic_trial.h"

#include "core/report/reason.h"

#include <gtest/gtest.h>

using namespace elig;
using elig_test::clinic_criteria;
using elig_test::clinic_rule;
using elig_test::load_valid;
using elig_test::run;

namespace {

constexpr Status P = Status::pass, F = Status::fail, U = Status::unknown, R = Status::review;

// A trial of one criterion "k" with `rule`, asked about records.
class OneRule {
public:
    explicit OneRule(const std::string& rule) : trial_(load_valid(clinic_rule(rule))) {}

    std::string reason(const std::string& record) const { return run(trial_, record).reason(trial_, "k"); }
    Status status(const std::string& record) const { return run(trial_, record).status(trial_, "k"); }
    const Trial& trial() const { return trial_; }

private:
    Trial trial_;
};

// ---- Comparisons ---------------------------------------------------------

TEST(ReasonComparison, AtLeast)
{
    const OneRule k(R"({"field": "lvef", "at_least": 45})");
    EXPECT_EQ(k.reason(R"({"lvef": 50})"), "LVEF 50% meets the minimum of 45%");
    EXPECT_EQ(k.reason(R"({"lvef": 40})"), "LVEF 40% is below the required 45%");
    EXPECT_EQ(k.reason(R"({"lvef": 45})"), "LVEF 45% meets the minimum of 45%");
}

TEST(ReasonComparison, AtMostWithoutAUnit)
{
    const OneRule k(R"({"field": "ecog", "at_most": 2})");
    EXPECT_EQ(k.reason(R"({"ecog": 1})"), "ECOG performance status 1 is within the limit of 2");
    EXPECT_EQ(k.reason(R"({"ecog": 3})"), "ECOG performance status 3 exceeds 2");
}

TEST(ReasonComparison, Above)
{
    const OneRule k(R"({"field": "hemoglobin", "above": 60})");
    EXPECT_EQ(k.reason(R"({"hemoglobin": 72})"), "Hemoglobin 72 g/L is above 60 g/L");
    EXPECT_EQ(k.reason(R"({"hemoglobin": 60})"), "Hemoglobin 60 g/L is not above 60 g/L");
}

TEST(ReasonComparison, Below)
{
    const OneRule k(R"({"field": "blasts", "below": 5})");
    EXPECT_EQ(k.reason(R"({"blasts": 4.5})"), "Marrow blasts 4.5% is below 5%");
    EXPECT_EQ(k.reason(R"({"blasts": 5})"), "Marrow blasts 5% is not below 5%");
}

// A value that differs from its threshold never reads as the threshold.
TEST(ReasonComparison, EnoughDecimalsNotToReadAsTheThreshold)
{
    const OneRule k(R"({"field": "lvef", "at_most": 45})");
    EXPECT_EQ(k.reason(R"({"lvef": 45.0000001})"), "LVEF 45.0000001% exceeds 45%");
    // Within the 1e-9 tolerance it is the threshold, and reads as it.
    EXPECT_EQ(k.reason(R"({"lvef": 45.0000000001})"), "LVEF 45% is within the limit of 45%");
}

TEST(ReasonComparison, AValueGivenInAnotherUnitShowsBoth)
{
    const OneRule k(R"({"field": "hemoglobin", "above": 60})");
    EXPECT_EQ(k.reason(R"({"hemoglobin": {"value": 7.2, "unit": "g/dL"}})"), "Hemoglobin 72 g/L (7.2 g/dL) is above 60 g/L");
    // Given in the canonical unit: nothing to add.
    EXPECT_EQ(k.reason(R"({"hemoglobin": {"value": 72, "unit": "g/L"}})"), "Hemoglobin 72 g/L is above 60 g/L");
}

TEST(ReasonComparison, NotRecorded)
{
    const OneRule k(R"({"field": "lvef", "at_least": 45})");
    EXPECT_EQ(k.reason("{}"), "LVEF: not recorded");
    EXPECT_EQ(k.reason(R"({"lvef": null})"), "LVEF: not recorded");
}

// ---- Yes/no, enumerations, "none" ------------------------------------------

TEST(ReasonLeaf, YesNo)
{
    const OneRule k(R"({"field": "consent", "is": true})");
    EXPECT_EQ(k.reason(R"({"consent": true})"), "Informed consent signed: yes");
    EXPECT_EQ(k.reason(R"({"consent": false})"), "Informed consent signed: no");
    EXPECT_EQ(k.reason("{}"), "Informed consent signed: not recorded");
}

TEST(ReasonLeaf, IsEnum)
{
    const OneRule k(R"({"field": "sex", "is": "female"})");
    EXPECT_EQ(k.reason(R"({"sex": "female"})"), "Sex: Female");
    EXPECT_EQ(k.reason(R"({"sex": "male"})"), "Sex: Male, not Female");
}

TEST(ReasonLeaf, InEnumNamesEveryAcceptedValue)
{
    const OneRule k(R"({"field": "diagnosis", "in": ["t_all", "t_lbl"]})");
    EXPECT_EQ(k.reason(R"({"diagnosis": "t_lbl"})"), "Diagnosis: T-LBL");
    EXPECT_EQ(k.reason(R"({"diagnosis": "aml"})"), "Diagnosis: AML, not one of T-ALL, T-LBL");
}

TEST(ReasonLeaf, IsNone)
{
    const OneRule k(R"({"field": "vaccine_date", "is": "none"})");
    EXPECT_EQ(k.reason(R"({"vaccine_date": "none"})"), "Last live vaccine: none");
    EXPECT_EQ(k.reason(R"({"vaccine_date": "2026-12-01"})"), "Last live vaccine: 2026-12-01");
    EXPECT_EQ(k.reason("{}"), "Last live vaccine: not recorded");
}

// ---- Dates before / after --------------------------------------------------

TEST(ReasonDates, Before)
{
    const OneRule k(R"({"field": "birth_date", "earlier_than": "screening_date"})");
    EXPECT_EQ(k.reason(R"({"birth_date": "1970-06-15", "screening_date": "2027-01-10"})"),
              "Birth date 1970-06-15 is before screening date 2027-01-10");
    EXPECT_EQ(k.reason(R"({"birth_date": "2027-01-10", "screening_date": "2027-01-10"})"),
              "Birth date 2027-01-10 is not before screening date 2027-01-10");
    EXPECT_EQ(k.reason(R"({"birth_date": "1970-06-15"})"), "Screening date: not recorded");
    EXPECT_EQ(k.reason(R"({"screening_date": "2027-01-10"})"), "Birth date: not recorded");
}

TEST(ReasonDates, After)
{
    const OneRule k(R"({"field": "planned_ld_date", "later_than": "screening_date"})");
    EXPECT_EQ(k.reason(R"({"planned_ld_date": "2027-01-20", "screening_date": "2027-01-10"})"),
              "Planned lymphodepletion date 2027-01-20 is after screening date 2027-01-10");
    EXPECT_EQ(k.reason(R"({"planned_ld_date": "2027-01-09", "screening_date": "2027-01-10"})"),
              "Planned lymphodepletion date 2027-01-09 is not after screening date 2027-01-10");
}

// An event that never happened has no date to compare: the rule fails
// (evaluate.cpp), and the reason says "none", as reason.none does for
// is_none and windows (it once said "not recorded", which contradicted the
// record). Only another criteria file reaches this: the bundled one never
// compares a none-allowing date.
TEST(ReasonDates, AnEventThatNeverHappenedIsNoneNotUnrecorded)
{
    const OneRule k(R"({"field": "hsct_date", "earlier_than": "screening_date"})");
    EXPECT_EQ(k.status(R"({"hsct_date": "none", "screening_date": "2027-01-10"})"), F);
    EXPECT_EQ(k.reason(R"({"hsct_date": "none", "screening_date": "2027-01-10"})"), "Last HSCT: none");
}

// ---- Time windows ------------------------------------------------------------

TEST(ReasonWindow, WeeksWithinAndOutside)
{
    const OneRule k(R"({"field": "vaccine_date", "not_within": {"weeks": 4}, "before": "screening_date"})");
    // 2027-01-10 minus 28 days is 2026-12-13: that day is outside the window.
    EXPECT_EQ(k.reason(R"({"vaccine_date": "2026-12-13", "screening_date": "2027-01-10"})"),
              "Last live vaccine 2026-12-13 is 4 weeks or more before screening date 2027-01-10");
    EXPECT_EQ(k.reason(R"({"vaccine_date": "2026-12-14", "screening_date": "2027-01-10"})"),
              "Last live vaccine 2026-12-14 is within 4 weeks before screening date 2027-01-10; screening date from 2027-01-11 would pass");
}

TEST(ReasonWindow, AnEventAfterTheReferenceCountsAsWithin)
{
    const OneRule k(R"({"field": "vaccine_date", "not_within": {"weeks": 4}, "before": "screening_date"})");
    EXPECT_EQ(k.status(R"({"vaccine_date": "2027-01-20", "screening_date": "2027-01-10"})"), F);
    EXPECT_EQ(k.reason(R"({"vaccine_date": "2027-01-20", "screening_date": "2027-01-10"})"),
              "Last live vaccine 2027-01-20 is after screening date 2027-01-10; screening date from 2027-02-17 would pass");
}

TEST(ReasonWindow, NoneAndNotRecorded)
{
    const OneRule k(R"({"field": "vaccine_date", "not_within": {"weeks": 4}, "before": "screening_date"})");
    EXPECT_EQ(k.reason(R"({"vaccine_date": "none"})"), "Last live vaccine: none");
    EXPECT_EQ(k.reason(R"({"screening_date": "2027-01-10"})"), "Last live vaccine: not recorded");
}

TEST(ReasonWindow, ReferenceMissingNamesTheDateThatWouldPass)
{
    const OneRule k(R"({"field": "vaccine_date", "not_within": {"weeks": 4}, "before": "screening_date"})");
    EXPECT_EQ(k.status(R"({"vaccine_date": "2026-12-14"})"), U);
    EXPECT_EQ(k.reason(R"({"vaccine_date": "2026-12-14"})"),
              "Last live vaccine 2026-12-14: screening date not recorded; screening date from 2027-01-11 would pass");
}

TEST(ReasonWindow, SpansInTheSingularAndInMonths)
{
    const OneRule week(R"({"field": "vaccine_date", "not_within": {"weeks": 1}, "before": "screening_date"})");
    EXPECT_EQ(week.reason(R"({"vaccine_date": "2027-01-05", "screening_date": "2027-01-10"})"),
              "Last live vaccine 2027-01-05 is within 1 week before screening date 2027-01-10; screening date from 2027-01-12 would pass");
    const OneRule month(R"({"field": "hsct_date", "not_within": {"months": 1}, "before": "screening_date"})");
    EXPECT_EQ(month.reason(R"({"hsct_date": "2026-12-10", "screening_date": "2027-01-10"})"),
              "Last HSCT 2026-12-10 is 1 month or more before screening date 2027-01-10");
    const OneRule months(R"({"field": "hsct_date", "not_within": {"months": 6}, "before": "screening_date"})");
    // 2027-01-10 minus 6 months is 2026-07-10; from 2026-07-11 the first passing screening date is 2027-01-11.
    EXPECT_EQ(months.reason(R"({"hsct_date": "2026-07-11", "screening_date": "2027-01-10"})"),
              "Last HSCT 2026-07-11 is within 6 months before screening date 2027-01-10; screening date from 2027-01-11 would pass");
}

// Surgery is measured from the planned lymphodepletion, which is never
// before screening (the floor).
class ReasonSurgeryWindow : public ::testing::Test {
protected:
    const OneRule k{R"({"field": "surgery_date", "not_within": {"weeks": 4}, "before": "planned_ld_date",
                        "before_is_on_or_after": "screening_date"})"};
};

TEST_F(ReasonSurgeryWindow, FarEnoughBeforeTheFloorPassesWithoutTheReference)
{
    EXPECT_EQ(k.status(R"({"surgery_date": "2026-12-13", "screening_date": "2027-01-10"})"), P);
    EXPECT_EQ(k.reason(R"({"surgery_date": "2026-12-13", "screening_date": "2027-01-10"})"),
              "Last major surgery 2026-12-13 is 4 weeks or more before screening date 2027-01-10, so before any planned lymphodepletion date");
}

TEST_F(ReasonSurgeryWindow, TooCloseToTheFloorIsUndecidedWithTheDateThatWouldPass)
{
    EXPECT_EQ(k.status(R"({"surgery_date": "2026-12-20", "screening_date": "2027-01-10"})"), U);
    EXPECT_EQ(k.reason(R"({"surgery_date": "2026-12-20", "screening_date": "2027-01-10"})"),
              "Last major surgery 2026-12-20: planned lymphodepletion date not recorded (it is less than 4 weeks before screening date 2027-01-10); "
              "planned lymphodepletion date from 2027-01-17 would pass");
}

TEST_F(ReasonSurgeryWindow, WithoutTheFloorEitherNoFloorNote)
{
    EXPECT_EQ(k.reason(R"({"surgery_date": "2026-12-20"})"),
              "Last major surgery 2026-12-20: planned lymphodepletion date not recorded; planned lymphodepletion date from 2027-01-17 would pass");
}

TEST_F(ReasonSurgeryWindow, AKnownReferenceDecides)
{
    EXPECT_EQ(k.reason(R"({"surgery_date": "2026-12-20", "screening_date": "2027-01-10", "planned_ld_date": "2027-01-16"})"),
              "Last major surgery 2026-12-20 is within 4 weeks before planned lymphodepletion date 2027-01-16; "
              "planned lymphodepletion date from 2027-01-17 would pass");
    EXPECT_EQ(k.reason(R"({"surgery_date": "2026-12-20", "screening_date": "2027-01-10", "planned_ld_date": "2027-01-17"})"),
              "Last major surgery 2026-12-20 is 4 weeks or more before planned lymphodepletion date 2027-01-17");
}

// ---- Derived values ------------------------------------------------------------

TEST(ReasonDerived, MultiplesOfUlnShowTheValueAndTheUln)
{
    const OneRule k(R"({"field": "alt_multiple", "at_most": 3})");
    EXPECT_EQ(k.reason(R"({"alt": 136, "alt_uln": 40})"), "ALT 3.4× ULN (136 U/L, ULN 40 U/L) exceeds 3× ULN");
    EXPECT_EQ(k.reason(R"({"alt_x_uln": 4})"), "ALT 4× ULN exceeds 3× ULN");  // given as a multiple: nothing behind it
    EXPECT_EQ(k.reason(R"({"alt_x_uln": 2.5})"), "ALT 2.5× ULN is within the limit of 3× ULN");
}

TEST(ReasonDerived, MultiplesOfUlnInTheUnitsGiven)
{
    // 1.8 / 1.2 mg/dL is 1.5× ULN within the tolerance: it reads as 1.5.
    const OneRule k(R"({"field": "bilirubin_multiple", "at_most": 1.5})");
    EXPECT_EQ(k.reason(R"({"bilirubin": {"value": 1.8, "unit": "mg/dL"}, "bilirubin_uln": {"value": 1.2, "unit": "mg/dL"}})"),
              "Total bilirubin 1.5× ULN (1.8 mg/dL, ULN 1.2 mg/dL) is within the limit of 1.5× ULN");
}

TEST(ReasonDerived, AnUnknownDerivedValueNamesWhatItNeeds)
{
    const OneRule k(R"({"field": "alt_multiple", "at_most": 3})");
    // "ALT upper limit of normal" keeps its capital: "AL" is an abbreviation.
    EXPECT_EQ(k.reason(R"({"alt": 136})"), "ALT: not known (needs ALT upper limit of normal)");
    EXPECT_EQ(k.reason("{}"), "ALT: not known (needs ALT, ALT upper limit of normal)");
}

TEST(ReasonDerived, CockcroftGaultEstimateVersusMeasured)
{
    const OneRule k(R"({"field": "crcl", "at_least": 60})");
    // (140 - 50) × 80 / (72 × 1.0 mg/dL) = 100 mL/min exactly.
    EXPECT_EQ(k.reason(R"({"age_years": 50, "sex": "male", "weight_kg": 80, "creatinine": 88.4})"),
              "Creatinine clearance 100 mL/min (Cockcroft–Gault estimate) meets the minimum of 60 mL/min");
    // (140 - 54) × 62 × 0.85 / (72 × 1.1) = 57.2247...
    EXPECT_EQ(k.reason(R"({"age_years": 54, "sex": "female", "weight_kg": 62, "creatinine": {"value": 1.1, "unit": "mg/dL"}})"),
              "Creatinine clearance 57.22 mL/min (Cockcroft–Gault estimate) is below the required 60 mL/min");
    // A measurement wins over the estimate.
    EXPECT_EQ(k.reason(R"({"age_years": 54, "sex": "female", "weight_kg": 62, "creatinine": {"value": 1.1, "unit": "mg/dL"}, "creatinine_clearance": 70})"),
              "Creatinine clearance 70 mL/min (measured) meets the minimum of 60 mL/min");
    EXPECT_EQ(k.reason(R"({"age_years": 54, "sex": "female", "creatinine": {"value": 1.1, "unit": "mg/dL"}})"),
              "Creatinine clearance: not known (needs measured creatinine clearance, or weight)");  // either settles it
}

TEST(ReasonDerived, AgeFromBirthDate)
{
    const OneRule k(R"({"field": "age", "at_least": 18})");
    EXPECT_EQ(k.reason(R"({"birth_date": "1970-06-15", "screening_date": "2027-01-10"})"), "Age 56 years (from birth date) meets the minimum of 18 years");
    EXPECT_EQ(k.reason(R"({"age_years": 54.5})"), "Age 54 years meets the minimum of 18 years");  // completed years
    EXPECT_EQ(k.reason(R"({"birth_date": "1970-06-15"})"), "Age: not known (needs screening date)");
    // Needing only the field of the same name is plain "not recorded".
    EXPECT_EQ(k.reason("{}"), "Age: not recorded");
}

TEST(ReasonDerived, ImpliedValuesSayWhatImpliedThem)
{
    const OneRule cells(R"({"field": "cells_from", "is": "autologous"})");
    EXPECT_EQ(cells.reason(R"({"prior_allo_hsct": false})"), "Cells for manufacturing: Autologous (implied: prior allogeneic HSCT: no)");
    EXPECT_EQ(cells.reason(R"({"prior_allo_hsct": true, "cell_source": "donor"})"), "Cells for manufacturing: Donor, not Autologous");
    EXPECT_EQ(cells.reason(R"({"prior_allo_hsct": true, "cell_source": "autologous"})"), "Cells for manufacturing: Autologous");
    EXPECT_EQ(cells.reason("{}"), "Cells for manufacturing: not known (needs prior allogeneic HSCT, cells for manufacturing)");

    const OneRule pregnancy(R"({"not": {"field": "pregnancy_applies", "is": true}})");
    EXPECT_EQ(pregnancy.reason(R"({"sex": "male"})"), "Pregnant or lactating: no (implied: sex: Male)");
    EXPECT_EQ(pregnancy.reason(R"({"sex": "female", "pregnant": false})"), "Pregnant or lactating: no");
    EXPECT_EQ(pregnancy.reason(R"({"sex": "female"})"), "Pregnant or lactating: not recorded");
}

// ---- Combinations ----------------------------------------------------------------

TEST(ReasonCombination, ReadingsThatDisagreeQuoteEachSource)
{
    const OneRule k(R"({"readings": [{"source": "inclusion text", "rule": {"field": "age_years", "at_most": 85}},
                                     {"source": "registry", "rule": {"field": "age_years", "at_most": 78}}]})");
    EXPECT_EQ(k.status(R"({"age_years": 80})"), R);
    EXPECT_EQ(k.reason(R"({"age_years": 80})"),
              "The trial's sources disagree: inclusion text: age 80 years is within the limit of 85 years; registry: age 80 years exceeds 78 years");
    // Agreeing readings: one reason says it.
    EXPECT_EQ(k.reason(R"({"age_years": 50})"), "Age 50 years is within the limit of 85 years");
    EXPECT_EQ(k.reason(R"({"age_years": 90})"), "Age 90 years exceeds 85 years");
    EXPECT_EQ(k.reason("{}"), "Age: not recorded");
}

TEST(ReasonCombination, AllAndAnyNameWhatDecided)
{
    const OneRule all(R"({"all": [{"field": "consent", "is": true}, {"field": "lvef", "at_least": 45}]})");
    EXPECT_EQ(all.reason(R"({"consent": true, "lvef": 50})"), "Informed consent signed: yes; LVEF 50% meets the minimum of 45%");
    EXPECT_EQ(all.reason(R"({"consent": true, "lvef": 40})"), "LVEF 40% is below the required 45%");  // only what fails
    EXPECT_EQ(all.reason(R"({"consent": true})"), "LVEF: not recorded");                           // only what is unknown

    const OneRule any(R"({"any": [{"field": "consent", "is": true}, {"field": "lvef", "at_least": 45}]})");
    EXPECT_EQ(any.reason(R"({"consent": true, "lvef": 50})"), "Informed consent signed: yes");  // the first that passes
    EXPECT_EQ(any.reason(R"({"consent": false, "lvef": 50})"), "LVEF 50% meets the minimum of 45%");
    EXPECT_EQ(any.reason(R"({"consent": false, "lvef": 40})"), "Informed consent signed: no; LVEF 40% is below the required 45%");
    EXPECT_EQ(any.reason(R"({"consent": false})"), "Informed consent signed: no; LVEF: not recorded");
}

TEST(ReasonCombination, IfExplainsTheBranchTaken)
{
    const OneRule k(R"({"if": {"field": "sex", "is": "female"}, "then": {"not": {"field": "pregnant", "is": true}},
                        "else": {"field": "lvef", "at_least": 45}})");
    EXPECT_EQ(k.reason(R"({"sex": "female", "pregnant": true})"), "Sex: Female; Pregnant or lactating: yes");
    // A failing "else": the condition says why the "then" did not apply.
    EXPECT_EQ(k.reason(R"({"sex": "male", "lvef": 40})"), "Sex: Male, not Female; LVEF 40% is below the required 45%");
    // A passing "else" speaks for itself.
    EXPECT_EQ(k.reason(R"({"sex": "male", "lvef": 50})"), "LVEF 50% meets the minimum of 45%");
    // Undecided condition, disagreeing branches: the one that does not pass, then the condition.
    EXPECT_EQ(k.reason(R"({"pregnant": true, "lvef": 50})"), "Pregnant or lactating: yes; Sex: not recorded");
}

TEST(ReasonCombination, DoesNotApplyAndNotDecided)
{
    // Nothing to say: a pass "does not apply", anything else is "not decided".
    const OneRule pregnancy(R"({"if": {"field": "sex", "is": "female"}, "then": {"not": {"field": "pregnant", "is": true}}, "else": true})");
    EXPECT_EQ(pregnancy.status(R"({"sex": "male"})"), P);
    EXPECT_EQ(pregnancy.reason(R"({"sex": "male"})"), "Does not apply");
    EXPECT_EQ(OneRule("true").reason("{}"), "Does not apply");
    EXPECT_EQ(OneRule(R"({"not": true})").reason("{}"), "Not decided");
    EXPECT_EQ(OneRule("false").reason("{}"), "Not decided");
}

TEST(ReasonCombination, AClauseSaidTwiceIsSaidOnce)
{
    const OneRule k(R"({"all": [{"field": "lvef", "at_least": 45}, {"field": "lvef", "at_most": 80}]})");
    EXPECT_EQ(k.reason("{}"), "LVEF: not recorded");
    // Different clauses about the same field both stay.
    EXPECT_EQ(k.reason(R"({"lvef": 50})"), "LVEF 50% meets the minimum of 45%; LVEF 50% is within the limit of 80%");
}

// Only a whole clause repeats one: "ALT: not recorded" inside
// "Total ALT: not recorded" is not a repeat.
TEST(ReasonCombination, OnlyWholeClausesAreRepeats)
{
    const Trial t = load_valid(elig_test::mini_criteria(
        R"([{"id": "a", "type": "bool", "section": "s", "label": "Total ALT"}, {"id": "b", "type": "bool", "section": "s", "label": "ALT"}])",
        R"([{"id": "k", "kind": "inclusion", "title": "K", "source": "S.", "rule": {"all": [{"field": "a", "is": true}, {"field": "b", "is": true},
                                                                                        {"field": "a", "is": true}]}}])"));
    EXPECT_EQ(run(t, "{}").reason(t, "k"), "Total ALT: not recorded; ALT: not recorded");
}

// append_criterion_reason compares clauses only with the reason's own,
// never with what the buffer held before.
TEST(ReasonCombination, AppendingKeepsWhatWasThere)
{
    const OneRule k(R"({"field": "lvef", "at_least": 45})");
    const auto v = run(k.trial(), "{}");
    std::string out = "LVEF: not recorded";
    append_criterion_reason(k.trial(), v.record, v.ev, 0, out);
    EXPECT_EQ(out, "LVEF: not recordedLVEF: not recorded");
}

// ---- describe_value ---------------------------------------------------------------

TEST(DescribeValue, AsReadWithWhatItCameFrom)
{
    const Trial t = load_valid(clinic_criteria(R"([{"id": "k", "kind": "inclusion", "title": "K", "source": "S.", "rule": true}])"));
    const auto v = run(t, R"({"hemoglobin": {"value": 7.2, "unit": "g/dL"}, "weight_kg": {"value": 150, "unit": "lb"}, "lvef": 55,
                              "alt": 136, "alt_uln": 40, "birth_date": "1970-06-15", "screening_date": "2027-01-10", "sex": "male",
                              "creatinine": 88.4})");
    const auto describe = [&](const char* id, const double* threshold = nullptr) {
        return describe_value(t, v.record, v.ev, t.find_slot(id), threshold);
    };
    EXPECT_EQ(describe("hemoglobin"), "Hemoglobin 72 g/L (7.2 g/dL)");
    EXPECT_EQ(describe("weight_kg"), "Weight 68.04 kg (150 lb)");  // 150 × 0.45359237 = 68.0389 kg
    EXPECT_EQ(describe("lvef"), "LVEF 55%");
    EXPECT_EQ(describe("alt_multiple"), "ALT 3.4× ULN (136 U/L, ULN 40 U/L)");
    EXPECT_EQ(describe("age"), "Age 56 years (from birth date)");
    // (140 - 56) × 68.0389 / 72 = 79.379 mL/min: two decimals from 10 up.
    EXPECT_EQ(describe("crcl"), "Creatinine clearance 79.38 mL/min (Cockcroft–Gault estimate)");
    const double threshold = 55.0001;
    EXPECT_EQ(describe("lvef", &threshold), "LVEF 55%");
    const double near = 55.00001;
    EXPECT_EQ(describe("lvef", &near), "LVEF 55%");  // the value is round; only the threshold has decimals
}

} // namespace
