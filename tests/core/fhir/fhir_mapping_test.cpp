// The FHIR import mapping: the bundled one loads against the bundled trial;
// a broken one is refused whole, every problem with its JSON pointer.
#include "support/test_support.h"

#include "bundled/bundled_fhir_mapping.h"
#include "core/fhir/fhir_mapping.h"

#include <gtest/gtest.h>

using namespace elig;
using elig_test::bundled_trial;

namespace {

std::string mapping_with(const std::string& fields, const std::string& trial = "NCT07345780")
{
    return R"({"format": "fhir-mapping/1", "version": "t", "trial": ")" + trial + R"(", "accepted_status": ["final"],
      "result_sets": {"presence": {"positive": {"codes": ["http://snomed.info/sct|10828004"], "words": ["positive"]},
                                   "negative": {"codes": ["http://snomed.info/sct|260385009"], "words": ["negative"]}}},
      "fields": )" + fields + "}";
}

std::vector<std::string> problems(const std::string& text)
{
    FhirMappingLoadResult result = load_fhir_mapping(text, bundled_trial());
    EXPECT_FALSE(result.ok()) << "loaded a broken mapping";
    EXPECT_FALSE(result.mapping.has_value());
    std::vector<std::string> out;
    for (const LoadError& e : result.errors) out.push_back(describe(e));
    return out;
}

bool has(const std::vector<std::string>& list, const std::string& text)
{
    for (const std::string& item : list)
        if (item == text) return true;
    ADD_FAILURE() << "no \"" << text << "\" among:\n" << ::testing::PrintToString(list);
    return false;
}

TEST(FhirMapping, TheBundledMappingLoads)
{
    FhirMappingLoadResult result = load_fhir_mapping(bundled_fhir_mapping(), bundled_trial());
    for (const LoadError& e : result.errors) ADD_FAILURE() << describe(e);
    ASSERT_TRUE(result.ok());
    const FhirMapping& m = *result.mapping;
    EXPECT_EQ(m.trial, "NCT07345780");
    // Every field the issue names, and only coded ones.
    std::vector<std::string> fields;
    for (const FhirFieldMap& f : m.fields) fields.push_back(f.field);
    EXPECT_EQ(fields, (std::vector<std::string>{"birth_date", "sex", "weight_kg", "hemoglobin", "creatinine", "creatinine_clearance", "total_bilirubin", "alt",
                                                "ast", "lvef", "spo2", "ecog", "pregnant_or_lactating", "hbsag_positive", "hbcab_positive",
                                                "hbv_dna_above_normal", "hcv_ab_positive", "hiv_ab_positive", "cmv_dna_positive", "syphilis_positive"}));
    // Codes are system|code: the bare code is not a key.
    ASSERT_NE(m.uses("http://loinc.org|718-7"), nullptr);
    EXPECT_EQ(m.fields[static_cast<size_t>(m.uses("http://loinc.org|718-7")->front().field_map)].field, "hemoglobin");
    EXPECT_EQ(m.uses("718-7"), nullptr);
    // eGFR is known, as a look-alike of the measured clearance only.
    ASSERT_NE(m.uses("http://loinc.org|33914-3"), nullptr);
    EXPECT_TRUE(m.uses("http://loinc.org|33914-3")->front().look_alike);
}

TEST(FhirMapping, ConversionsEndInUnitsTheFieldAccepts)
{
    const FhirMapping m = *load_fhir_mapping(bundled_fhir_mapping(), bundled_trial()).mapping;
    for (const FhirFieldMap& f : m.fields) {
        const FieldDef& field = bundled_trial().fields[static_cast<size_t>(f.field_index)];
        for (const FhirUnitRule& u : f.units) {
            if (field.units.empty()) EXPECT_EQ(u.to, 0);
            else EXPECT_LT(static_cast<size_t>(u.to), field.units.size()) << f.field << " " << u.from;
        }
    }
    // mmol/L creatinine: x1000 to the canonical µmol/L.
    const FhirFieldMap& creatinine = m.fields[4];
    ASSERT_EQ(creatinine.field, "creatinine");
    ASSERT_NE(creatinine.unit("mmol/L"), nullptr);
    EXPECT_EQ(creatinine.unit("mmol/L")->factor, 1000);
    EXPECT_EQ(bundled_trial().fields[static_cast<size_t>(creatinine.field_index)].units[static_cast<size_t>(creatinine.unit("mmol/L")->to)].name, "µmol/L");
}

TEST(FhirMapping, ABareCodeIsRefusedWithItsPointer)
{
    auto p = problems(mapping_with(R"([{"field": "hemoglobin", "kind": "quantity", "codes": ["718-7"], "units": {"g/L": {"to": "g/L"}}}])"));
    has(p, "/fields/0/codes/0: \"718-7\" is a bare code; write it as system|code (for LOINC: http://loinc.org|718-7)");
}

TEST(FhirMapping, UnknownFieldsAndTypesAreRefused)
{
    auto p = problems(mapping_with(R"([{"field": "hemoglobn", "kind": "quantity", "codes": ["http://loinc.org|718-7"], "units": {"g/L": {"to": "g/L"}}},
                                       {"field": "hemoglobin", "kind": "finding", "codes": ["http://loinc.org|718-7"], "results": "presence"},
                                       {"field": "hbsag_positive", "kind": "finding", "codes": ["http://loinc.org|5196-1"], "results": "serology"}])"));
    has(p, "/fields/0/field: unknown field \"hemoglobn\"; did you mean \"hemoglobin\"?");
    has(p, "/fields/1/kind: hemoglobin is not a yes/no field, which this kind fills");
    has(p, "/fields/2/results: unknown result set \"serology\" (see /result_sets)");
}

TEST(FhirMapping, AConversionMustEndInAUnitTheFieldAccepts)
{
    auto p = problems(mapping_with(R"([{"field": "hemoglobin", "kind": "quantity", "codes": ["http://loinc.org|718-7"],
                                        "units": {"mmol/L": {"to": "mmol/L", "factor": 16.1}, "g/L": {"to": "g/L", "factor": 0}}}])"));
    has(p, "/fields/0/units/mmol~1L/to: \"mmol/L\" is not a unit hemoglobin accepts (g/L, g/dL)");
    has(p, "/fields/0/units/g~1L/factor: expected a number above 0");
}

TEST(FhirMapping, TheUlnFieldMustTakeTheValuesUnits)
{
    auto p = problems(mapping_with(R"([{"field": "creatinine", "kind": "quantity", "codes": ["http://loinc.org|2160-0"],
                                        "units": {"mg/dL": {"to": "mg/dL"}}, "uln": {"field": "alt_uln"}}])"));
    has(p, "/fields/0/uln/field: alt_uln does not accept \"mg/dL\", a unit creatinine is converted to");
}

TEST(FhirMapping, OneCodeFillsOneFieldAndLimitsNameTheFieldsCodes)
{
    auto p = problems(mapping_with(R"([{"field": "hcv_ab_positive", "kind": "finding", "codes": ["http://loinc.org|13955-0"], "results": "presence",
                                        "limits": [{"code": "http://loinc.org|5196-1", "result": "positive", "why": "x"}]},
                                       {"field": "hbsag_positive", "kind": "finding", "codes": ["http://loinc.org|13955-0"], "results": "presence",
                                        "look_alikes": [{"code": "http://loinc.org|13955-0", "why": "y"}]}])"));
    has(p, "/fields/0/limits/0/code: \"http://loinc.org|5196-1\" is not one of the codes of hcv_ab_positive");
    has(p, "/fields/1/look_alikes: \"http://loinc.org|13955-0\" is both a code of hbsag_positive and a look-alike of it");
    has(p, "/fields/1/codes: \"http://loinc.org|13955-0\" already fills hcv_ab_positive; one code fills one field");
}

TEST(FhirMapping, TheWholeDocumentIsChecked)
{
    has(problems(mapping_with("[]", "NCT00000001")), "/trial: the mapping is for NCT00000001, the criteria for NCT07345780");
    has(problems(R"({"format": "fhir-mapping/2"})"), "/format: unsupported format \"fhir-mapping/2\" (this program reads \"fhir-mapping/1\")");
    auto syntax = problems("{\n  \"format\": \"fhir-mapping/1\",\n  \"fields\" []\n}");
    ASSERT_EQ(syntax.size(), 1u);
    EXPECT_NE(syntax[0].find("line 3, column"), std::string::npos) << syntax[0];
    has(problems(mapping_with(R"([{"field": "sex", "kind": "gender", "values": {"female": "f", "nonbinary": "male"}}])")),
        "/fields/0/values/female: \"f\" is not a value of sex");
}

} // namespace
