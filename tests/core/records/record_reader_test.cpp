// Parsing and validating records exactly per docs/patient-record.md.
#include "support/test_support.h"

#include <gtest/gtest.h>

using namespace elig;
using elig_test::bundled_trial;
using elig_test::run;

namespace {

const FieldValue& value(const elig_test::Verdict& v, const char* id)
{
    return v.record.values[static_cast<size_t>(bundled_trial().find_slot(id))];
}

std::string first_error(const elig_test::Verdict& v) { return v.errors.empty() ? "" : v.errors[0].message; }

TEST(RecordReader, EmptyAndNullMeanUnknown)
{
    auto v = run(bundled_trial(), "{}");
    ASSERT_TRUE(v.valid);
    for (const auto& f : v.record.values) EXPECT_TRUE(f.absent());
    v = run(bundled_trial(), R"({"lvef": null, "consent": null, "screening_date": null, "total_bilirubin": null})");
    ASSERT_TRUE(v.valid);
    EXPECT_TRUE(value(v, "lvef").absent());
    EXPECT_TRUE(value(v, "consent").absent());
}

TEST(RecordReader, ConvertsAcceptedUnitsToCanonical)
{
    auto v = run(bundled_trial(), R"({"total_bilirubin": {"value": 1, "unit": "mg/dL"}, "creatinine": {"value": 1, "unit": "mg/dL"},
        "hemoglobin": {"value": 7.2, "unit": "g/dL"}, "weight_kg": {"value": 150, "unit": "lb"},
        "total_bilirubin_uln": {"value": 20.5, "unit": "umol/L"}, "creatinine_uln": {"value": 100, "unit": "µmol/L"}, "lvef": 55})");
    ASSERT_TRUE(v.valid) << first_error(v);
    EXPECT_DOUBLE_EQ(value(v, "total_bilirubin").number, 17.1);
    EXPECT_DOUBLE_EQ(value(v, "creatinine").number, 88.4);
    EXPECT_DOUBLE_EQ(value(v, "hemoglobin").number, 72);
    EXPECT_DOUBLE_EQ(value(v, "weight_kg").number, 68.0388555);
    EXPECT_DOUBLE_EQ(value(v, "total_bilirubin_uln").number, 20.5);
    EXPECT_DOUBLE_EQ(value(v, "lvef").number, 55);
    EXPECT_DOUBLE_EQ(value(v, "hemoglobin").given, 7.2);  // kept as given, for display and saving
}

TEST(RecordReader, UnknownUnitNamesTheFieldAndTheAcceptedUnits)
{
    auto v = run(bundled_trial(), R"({"total_bilirubin": {"value": 1, "unit": "mmol/L"}})");
    ASSERT_FALSE(v.valid);
    EXPECT_EQ(v.error_fields(), std::vector<std::string>{"total_bilirubin"});
    EXPECT_EQ(first_error(v), "total_bilirubin: unknown unit \"mmol/L\" (accepted: µmol/L, umol/L, μmol/L, mg/dL)");
    EXPECT_FALSE(run(bundled_trial(), R"({"hemoglobin": {"value": 7, "unit": "g/dl"}})").valid);  // units are case-sensitive
}

TEST(RecordReader, QuantityObjectsAreStrict)
{
    EXPECT_EQ(first_error(run(bundled_trial(), R"({"hemoglobin": {"value": 7}})")), "hemoglobin: a quantity needs both \"value\" and \"unit\"");
    EXPECT_FALSE(run(bundled_trial(), R"({"hemoglobin": {"value": "7", "unit": "g/dL"}})").valid);
    EXPECT_FALSE(run(bundled_trial(), R"({"hemoglobin": {"value": 7, "unit": "g/dL", "note": 1}})").valid);
    EXPECT_FALSE(run(bundled_trial(), R"({"ecog": {"value": 1, "unit": "points"}})").valid);  // ECOG has no units
    EXPECT_FALSE(run(bundled_trial(), R"({"hemoglobin": [72]})").valid);
}

TEST(RecordReader, TypesAreNeverCoerced)
{
    for (const char* text : {R"({"consent": "yes"})", R"({"consent": 1})", R"({"lvef": "55"})", R"({"diagnosis": 1})",
                             R"({"diagnosis": "T-ALL"})", R"({"screening_date": 20270110})", R"({"id": 5})", R"({"sex": "F"})"}) {
        auto v = run(bundled_trial(), text);
        EXPECT_FALSE(v.valid) << text;
        ASSERT_EQ(v.errors.size(), 1u) << text;
        EXPECT_EQ(v.errors[0].message.rfind(v.errors[0].field + ": ", 0), 0u) << "message starts with the field: " << v.errors[0].message;
    }
    EXPECT_EQ(first_error(run(bundled_trial(), R"({"consent": "yes"})")), "consent: expected true or false (or null when unknown), got \"yes\"");
}

TEST(RecordReader, PlausibleRangesAreInclusiveInTheCanonicalUnit)
{
    EXPECT_TRUE(run(bundled_trial(), R"({"hemoglobin": 250, "spo2": 50, "lvef": 90, "ecog": 5, "age_years": 0, "alt": 0})").valid);
    EXPECT_TRUE(run(bundled_trial(), R"({"hemoglobin": 10, "spo2": 100, "lvef": 5, "ecog": 0, "age_years": 120})").valid);
    EXPECT_EQ(first_error(run(bundled_trial(), R"({"hemoglobin": 300})")), "hemoglobin: 300 g/L is outside the plausible range 10–250 g/L");
    EXPECT_EQ(first_error(run(bundled_trial(), R"({"hemoglobin": {"value": 30, "unit": "g/dL"}})")),
              "hemoglobin: 30 g/dL (300 g/L) is outside the plausible range 10–250 g/L");
    EXPECT_FALSE(run(bundled_trial(), R"({"hemoglobin": 9.9})").valid);
    EXPECT_FALSE(run(bundled_trial(), R"({"spo2": 49})").valid);
    EXPECT_FALSE(run(bundled_trial(), R"({"ecog": 6})").valid);
    EXPECT_FALSE(run(bundled_trial(), R"({"age_years": 121})").valid);
    EXPECT_FALSE(run(bundled_trial(), R"({"age_years": -1})").valid);
    EXPECT_FALSE(run(bundled_trial(), R"({"lvef": 1e999})").valid);
    EXPECT_FALSE(run(bundled_trial(), R"({"total_bilirubin": {"value": 60, "unit": "mg/dL"}})").valid);  // 1026 µmol/L
}

TEST(RecordReader, ZeroDenominatorsAreInputErrors)
{
    for (const char* field : {"alt_uln", "ast_uln", "total_bilirubin_uln", "creatinine_uln", "creatinine"}) {
        auto v = run(bundled_trial(), std::string("{\"") + field + "\": 0}");
        ASSERT_FALSE(v.valid) << field;
        EXPECT_EQ(v.errors[0].field, field);
        EXPECT_NE(v.errors[0].message.find("nothing can be divided by 0"), std::string::npos) << v.errors[0].message;
    }
}

// Messages quote numbers as written: rounded, they would contradict
// themselves (found in review).
TEST(RecordReader, MessagesQuoteTheNumberAsWritten)
{
    EXPECT_EQ(first_error(run(bundled_trial(), R"({"prior_regimens": 2.0001})")), "prior_regimens: expected a whole number, got 2.0001");
    EXPECT_EQ(first_error(run(bundled_trial(), R"({"spo2": 100.01})")), "spo2: 100.01% is outside the plausible range 50–100%");
    EXPECT_EQ(first_error(run(bundled_trial(), R"({"hemoglobin": {"value": 25.004, "unit": "g/dL"}})")),
              "hemoglobin: 25.004 g/dL (250.04 g/L) is outside the plausible range 10–250 g/L");
    EXPECT_TRUE(run(bundled_trial(), R"({"alt": 1e-400})").valid);  // underflows to 0, which is in range
}

TEST(RecordReader, AByteOrderMarkIsIgnored)
{
    EXPECT_TRUE(run(bundled_trial(), "\xEF\xBB\xBF{\"lvef\": 50}").valid);
}

TEST(RecordReader, IntegersMustBeWhole)
{
    EXPECT_EQ(first_error(run(bundled_trial(), R"({"ecog": 1.5})")), "ecog: expected a whole number, got 1.5");
    EXPECT_TRUE(run(bundled_trial(), R"({"ecog": 2.0, "nyha_class": 4, "prior_regimens": 30})").valid);
    EXPECT_FALSE(run(bundled_trial(), R"({"nyha_class": 0})").valid);
}

TEST(RecordReader, DatesAndNone)
{
    auto v = run(bundled_trial(), R"({"last_hsct_date": "none", "last_major_surgery_date": "2026-12-01", "screening_date": "2027-01-10"})");
    ASSERT_TRUE(v.valid) << first_error(v);
    EXPECT_EQ(value(v, "last_hsct_date").state, FieldValue::State::none);
    EXPECT_TRUE(value(v, "last_major_surgery_date").known());
    EXPECT_EQ(first_error(run(bundled_trial(), R"({"screening_date": "none"})")), "screening_date: \"none\" is not allowed here; expected a date YYYY-MM-DD");
    EXPECT_FALSE(run(bundled_trial(), R"({"planned_lymphodepletion_date": "none"})").valid);
    EXPECT_EQ(first_error(run(bundled_trial(), R"({"last_hsct_date": "2027-02-30"})")),
              "last_hsct_date: expected a real calendar date YYYY-MM-DD or \"none\", got \"2027-02-30\"");
    EXPECT_FALSE(run(bundled_trial(), R"({"birth_date": "10/01/1970"})").valid);
}

TEST(RecordReader, UnknownFieldsAreErrorsWithASuggestion)
{
    auto v = run(bundled_trial(), R"({"lvf": 50, "hemoglobin_gdl": 7})");
    ASSERT_FALSE(v.valid);
    EXPECT_EQ(v.error_fields(), (std::vector<std::string>{"lvf", "hemoglobin_gdl"}));
    EXPECT_EQ(v.errors[0].message, "\"lvf\": unknown field; did you mean \"lvef\"?");
    EXPECT_EQ(v.errors[1].message, "\"hemoglobin_gdl\": unknown field");
}

TEST(RecordReader, AFieldGivenTwiceIsAnError)
{
    auto v = run(bundled_trial(), R"({"lvef": 50, "lvef": 40})");
    ASSERT_FALSE(v.valid);
    EXPECT_EQ(first_error(v), "lvef: given twice");
}

TEST(RecordReader, MultipleOfUlnExcludesTheValueAndItsUln)
{
    EXPECT_TRUE(run(bundled_trial(), R"({"alt_x_uln": 2.5, "ast": 30, "ast_uln": 40})").valid);
    for (const char* text : {R"({"alt_x_uln": 2.5, "alt": 100})", R"({"alt_x_uln": 2.5, "alt_uln": 40})", R"({"alt_x_uln": 2, "alt": 80, "alt_uln": 40})"}) {
        auto v = run(bundled_trial(), text);
        ASSERT_FALSE(v.valid) << text;
        EXPECT_EQ(v.error_fields(), std::vector<std::string>{"alt_x_uln"});
        EXPECT_EQ(v.errors[0].message, "alt_x_uln: give either alt_x_uln or alt with alt_uln, not both (two sources that may disagree)");
    }
    EXPECT_EQ(run(bundled_trial(), R"({"creatinine_x_uln": 1, "creatinine": 80})").error_fields(), std::vector<std::string>{"creatinine_x_uln"});
    // A null is an absent value: no conflict.
    EXPECT_TRUE(run(bundled_trial(), R"({"alt_x_uln": 2.5, "alt": null})").valid);
}

TEST(RecordReader, BirthDateMustAgreeWithAgeInCompletedYears)
{
    // Born 1972-06-15; at 2027-01-10 that is 54 completed years.
    EXPECT_TRUE(run(bundled_trial(), R"({"birth_date": "1972-06-15", "screening_date": "2027-01-10", "age_years": 54})").valid);
    EXPECT_TRUE(run(bundled_trial(), R"({"birth_date": "1972-06-15", "screening_date": "2027-01-10", "age_years": 54.9})").valid);
    auto v = run(bundled_trial(), R"({"birth_date": "1972-06-15", "screening_date": "2027-01-10", "age_years": 55})");
    ASSERT_FALSE(v.valid);
    EXPECT_EQ(v.error_fields(), std::vector<std::string>{"birth_date"});
    EXPECT_EQ(first_error(v), "birth_date: gives an age of 54 at screening_date 2027-01-10, but age_years is 55");
    // Without a screening date the two cannot be compared: no error.
    EXPECT_TRUE(run(bundled_trial(), R"({"birth_date": "1972-06-15", "age_years": 55})").valid);
}

TEST(RecordReader, BirthDateAfterScreeningOrImplausibleAge)
{
    auto v = run(bundled_trial(), R"({"birth_date": "2027-02-01", "screening_date": "2027-01-10"})");
    ASSERT_FALSE(v.valid);
    EXPECT_EQ(v.error_fields(), std::vector<std::string>{"birth_date"});  // one error, not two
    EXPECT_EQ(first_error(v), "birth_date: is after screening_date");
    v = run(bundled_trial(), R"({"birth_date": "1900-01-01", "screening_date": "2027-01-10"})");
    ASSERT_FALSE(v.valid);
    EXPECT_EQ(first_error(v), "birth_date: gives an age of 127 at screening_date, outside the plausible range 0–120 years");
}

TEST(RecordReader, CrossFieldConstraints)
{
    EXPECT_EQ(run(bundled_trial(), R"({"sex": "male", "pregnant_or_lactating": true})").error_fields(), std::vector<std::string>{"pregnant_or_lactating"});
    EXPECT_TRUE(run(bundled_trial(), R"({"sex": "male", "pregnant_or_lactating": false})").valid);
    EXPECT_TRUE(run(bundled_trial(), R"({"pregnant_or_lactating": true})").valid);  // sex unknown: no contradiction
    EXPECT_EQ(run(bundled_trial(), R"({"cell_source": "donor", "prior_allo_hsct": false})").error_fields(), std::vector<std::string>{"cell_source"});
    EXPECT_TRUE(run(bundled_trial(), R"({"cell_source": "donor"})").valid);
    EXPECT_EQ(run(bundled_trial(), R"({"screening_date": "2027-01-10", "planned_lymphodepletion_date": "2027-01-09"})").error_fields(),
              std::vector<std::string>{"planned_lymphodepletion_date"});
    EXPECT_TRUE(run(bundled_trial(), R"({"screening_date": "2027-01-10", "planned_lymphodepletion_date": "2027-01-10"})").valid);
}

TEST(RecordReader, WholeRecordErrorsNameNoField)
{
    auto v = run(bundled_trial(), "[1, 2]");
    ASSERT_FALSE(v.valid);
    EXPECT_EQ(v.errors[0].field, "");
    EXPECT_EQ(v.errors[0].message, "a record must be a JSON object, got an array");
    v = run(bundled_trial(), R"({"lvef": 50,})");
    ASSERT_FALSE(v.valid);
    EXPECT_EQ(v.errors[0].message, "not valid JSON: line 1, column 13: expected a quoted key");
}

TEST(RecordReader, AllErrorsAreReportedInFieldOrder)
{
    auto v = run(bundled_trial(), R"({"spo2": 20, "zzz": 1, "consent": "y", "lvef": "high"})");
    ASSERT_FALSE(v.valid);
    EXPECT_EQ(v.error_fields(), (std::vector<std::string>{"consent", "spo2", "lvef", "zzz"}));
}

TEST(RecordReader, ReaderIsReusableAcrossRecords)
{
    RecordReader reader(bundled_trial());
    Record record;
    std::vector<InputError> errors;
    ASSERT_TRUE(reader.read(R"({"lvef": 50, "id": "a"})", record, errors));
    ASSERT_FALSE(reader.read(R"({"lvef": "x"})", record, errors));
    ASSERT_TRUE(reader.read(R"({"spo2": 95})", record, errors));
    EXPECT_TRUE(record.values[static_cast<size_t>(bundled_trial().find_slot("lvef"))].absent());  // nothing leaks from earlier records
    EXPECT_TRUE(record.values[static_cast<size_t>(bundled_trial().find_slot("id"))].absent());
}

} // namespace
