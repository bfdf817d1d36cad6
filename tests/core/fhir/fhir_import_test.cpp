// The FHIR R4 importer: synthetic edge cases (tests/fhir/) and the real
// files of ../shared/external/fhir/, read in place. Every expected value is
// worked out by hand from the file and the mapping (the comment says from
// which resource and date), never copied from the importer's output.
#include "support/test_support.h"

#include "bundled/bundled_loaded.h"
#include "core/fhir/fhir_import.h"
#include "core/records/record_json.h"
#include "core/records/record_reader.h"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

using namespace elig;
using elig_test::bundled_trial;
using json = nlohmann::json;

namespace {

const FhirMapping& mapping() { return loaded_bundled_fhir_mapping(); }

std::string read_text(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string fixture(const std::string& name) { return read_text(std::filesystem::path(ELIG_SOURCE_DIR) / "tests" / "fhir" / name); }

// ../shared/external/fhir/<path> beside the project, or "" when absent.
std::filesystem::path shared_file(const std::string& path) { return std::filesystem::path(ELIG_SOURCE_DIR) / ".." / "shared" / "external" / "fhir" / path; }

#define SHARED_OR_SKIP(var, file)                                                                                      \
    const std::filesystem::path var##_file = shared_file(file);                                                       \
    if (!std::filesystem::exists(var##_file)) GTEST_SKIP() << "../shared/external/fhir/" << (file) << " is absent: the real-file tests need ../shared"; \
    const std::string var = read_text(var##_file)

FhirImportResult import(const std::string& text, const char* as_of, const std::string& patient = "")
{
    FhirImportOptions options;
    options.as_of = *parse_iso_date(as_of);
    options.patient = patient;
    return import_fhir(text, bundled_trial(), mapping(), options);
}

json record(const FhirImportResult& r) { return json::parse(r.record_json, nullptr, false); }

int field(const char* id) { return bundled_trial().find_slot(id); }

const FhirFilled* filled(const FhirImportResult& r, const char* id)
{
    for (const FhirFilled& f : r.filled)
        if (f.field == field(id)) return &f;
    return nullptr;
}

// The reasons given for `id`, as "reason resource" strings.
std::vector<std::string> skipped(const FhirImportResult& r, const char* id)
{
    std::vector<std::string> out;
    for (const FhirSkipped& s : r.skipped)
        if (s.field == field(id)) out.push_back(std::string(fhir_skip_code(s.reason)) + " " + s.source.resource);
    return out;
}

using Strings = std::vector<std::string>;

// Import -> RecordReader::read -> write_record_json gives the same text.
void expect_round_trip(const FhirImportResult& r)
{
    ASSERT_TRUE(r.ok());
    RecordReader reader(bundled_trial());
    Record rec;
    std::vector<InputError> errors;
    ASSERT_TRUE(reader.read(r.record_json, rec, errors)) << r.record_json << "\n" << (errors.empty() ? "" : errors[0].message);
    EXPECT_EQ(write_record_json(bundled_trial(), rec), r.record_json);
    // Every provenance value is the record's.
    const json rec_json = record(r);
    for (const FhirFilled& f : r.filled) {
        json value = json::parse(f.value_json, nullptr, false);
        const json in_record = rec_json.at(bundled_trial().fields[static_cast<size_t>(f.field)].id);
        if (value.is_object() && !in_record.is_object()) EXPECT_EQ(value["value"], in_record);  // canonical unit: a bare number
        else EXPECT_EQ(value, in_record);
    }
}

// ---- Synthetic edge cases --------------------------------------------------

TEST(FhirImport, UnitSpellingsConvertIntoTheContractsUnits)
{
    const FhirImportResult r = import(fixture("units.json"), "2026-02-10");
    ASSERT_TRUE(r.ok());
    const json rec = record(r);
    EXPECT_EQ(rec["creatinine"], 70);              // cr: 0.07 mmol/L x 1000, exactly (not 70.00000000000001)
    EXPECT_EQ(rec["creatinine_uln"], 110);         // its referenceRange.high 0.11 mmol/L x 1000
    EXPECT_EQ(rec["total_bilirubin"], 12.5);       // bili: unit text "µmol/L", no code
    EXPECT_EQ(rec["total_bilirubin_uln"], 21);     // a high without a unit is in the value's unit
    EXPECT_EQ(rec["alt"], 88);                     // UCUM code [IU]/L is U/L
    EXPECT_EQ(rec["ast"], 35);                     // unit text IU/L is U/L
    EXPECT_EQ(rec["weight_kg"], 72.5);             // wt: 72500 g (code g, text "grams") x 0.001
    EXPECT_EQ(rec["lvef"], 55);                    // code "%" with a SNOMED system: the unit text "%"
    EXPECT_FALSE(rec.contains("hemoglobin"));      // hb-new in mmol/L (2026-02-01) is not converted, and blocks hb-old
    EXPECT_EQ(skipped(r, "hemoglobin"), (Strings{"unknown_unit Observation/hb-new", "superseded_by_unusable Observation/hb-old"}));
    const FhirFilled* cr = filled(r, "creatinine");
    ASSERT_NE(cr, nullptr);
    EXPECT_EQ(cr->from_unit, "mmol/L");
    EXPECT_EQ(cr->factor, 1000);
    EXPECT_EQ(cr->to_unit, "µmol/L");
    EXPECT_EQ(cr->source.value, "0.07");
    EXPECT_EQ(cr->source.unit, "mmol/L");
    EXPECT_EQ(filled(r, "alt")->from_unit, "[IU]/L");  // a renaming is shown too
    EXPECT_EQ(filled(r, "alt")->to_unit, "U/L");
    expect_round_trip(r);
}

TEST(FhirImport, DifferentValuesAtTheSameLatestTimeAreAConflict)
{
    // hb-a 08:00+08:00 and hb-b 00:00Z are the same instant, 8.2 vs 7.9 g/dL.
    const FhirImportResult r = import(fixture("conflict.json"), "2026-03-02");
    ASSERT_TRUE(r.ok());
    EXPECT_FALSE(record(r).contains("hemoglobin"));
    ASSERT_EQ(r.conflicts.size(), 1u);
    EXPECT_EQ(r.conflicts[0].field, field("hemoglobin"));
    ASSERT_EQ(r.conflicts[0].candidates.size(), 2u);
    EXPECT_EQ(r.conflicts[0].candidates[0].resource, "Observation/hb-a");
    EXPECT_EQ(r.conflicts[0].candidates[1].resource, "Observation/hb-b");
    EXPECT_EQ(r.conflicts[0].values_json, (Strings{R"({"value":8.2,"unit":"g/dL"})", R"({"value":7.9,"unit":"g/dL"})"}));
    // cr-a 1.1 mg/dL and cr-b 97.24 umol/L (= 1.1 x 88.4) agree: no conflict; cr-a first by id.
    EXPECT_EQ(record(r)["creatinine"], json::parse(R"({"value": 1.1, "unit": "mg/dL"})"));
    ASSERT_EQ(filled(r, "creatinine")->passed_over.size(), 1u);
    EXPECT_EQ(filled(r, "creatinine")->passed_over[0].resource, "Observation/cr-b");
    EXPECT_EQ(record(r)["creatinine_uln"], json::parse(R"({"value": 1.2, "unit": "mg/dL"})"));
    // Before the conflict, the older value (hb-old, 2026-01-02) is the latest.
    EXPECT_EQ(record(import(fixture("conflict.json"), "2026-02-10"))["hemoglobin"], json::parse(R"({"value": 9.1, "unit": "g/dL"})"));
    expect_round_trip(r);
}

TEST(FhirImport, ValuesAreDatedByTheirPanelOrReportElseIssued)
{
    const FhirImportResult r = import(fixture("panel_dates.json"), "2026-02-20");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(filled(r, "creatinine")->source.date, "2026-02-10T09:00:00+08:00");  // dr1.result
    EXPECT_EQ(filled(r, "creatinine")->source.date_source, "DiagnosticReport/dr1 effectiveDateTime");
    EXPECT_EQ(filled(r, "hemoglobin")->source.date_source, "DiagnosticReport/dr1 effectiveDateTime");  // panel (undated) held by dr1
    EXPECT_EQ(filled(r, "alt")->source.date, "2026-02-13T08:00:00+08:00");  // panel2 effectivePeriod.end, absolute reference
    EXPECT_EQ(filled(r, "alt")->source.date_source, "Observation/panel2 effectivePeriod.end");
    EXPECT_EQ(filled(r, "ast")->source.date_source, "issued");
    EXPECT_EQ(filled(r, "ast")->days_before_as_of, 6);  // 2026-02-14 -> 2026-02-20
    EXPECT_EQ(filled(r, "total_bilirubin"), nullptr);
    EXPECT_EQ(skipped(r, "total_bilirubin"), (Strings{"no_date Observation/bili"}));
    EXPECT_EQ(skipped(r, "creatinine_uln"), (Strings{"no_reference_range Observation/cr"}));
    expect_round_trip(r);
}

TEST(FhirImport, NeverRoomAirSpo2FromAReadingOnOxygen)
{
    const FhirImportResult before = import(fixture("oxygen.json"), "2026-02-01");
    EXPECT_EQ(record(before)["spo2"], 96);  // spo2-air, 2026-01-20: the latest then
    const FhirImportResult after = import(fixture("oxygen.json"), "2026-03-01");
    EXPECT_FALSE(record(after).contains("spo2"));  // spo2-o2 has an FiO2 component, and is the latest
    EXPECT_EQ(skipped(after, "spo2"), (Strings{"refused_component Observation/spo2-o2", "superseded_by_unusable Observation/spo2-air"}));
}

TEST(FhirImport, LookAlikesNeverFillTheField)
{
    const FhirImportResult r = import(fixture("look_alikes.json"), "2026-02-10");
    ASSERT_TRUE(r.ok());
    EXPECT_FALSE(record(r).contains("creatinine_clearance"));
    EXPECT_FALSE(record(r).contains("hbcab_positive"));
    EXPECT_EQ(record(r)["hbsag_positive"], false);  // the real HBsAg, SNOMED 260385009 Negative
    EXPECT_EQ(skipped(r, "creatinine_clearance"), (Strings{"look_alike_code Observation/egfr"}));
    EXPECT_EQ(skipped(r, "hbsag_positive"), (Strings{"look_alike_code Observation/antihbs"}));
    EXPECT_EQ(skipped(r, "hbcab_positive"), (Strings{"look_alike_code Observation/hbc-igm"}));
}

TEST(FhirImport, QualitativeResultsFromCodesWordsAndInterpretations)
{
    const json a = record(import(fixture("serology.json"), "2026-02-10", "a"));
    EXPECT_EQ(a["hbsag_positive"], false);       // SNOMED 260385009
    EXPECT_EQ(a["hbcab_positive"], true);        // "Reactive"
    EXPECT_EQ(a["hbv_dna_above_normal"], true);  // 350 IU/mL above referenceRange.high 20
    EXPECT_EQ(a["hcv_ab_positive"], false);      // "Non-reactive"
    EXPECT_EQ(a["hiv_ab_positive"], false);      // 4th generation "NONREACTIVE": neither antibody nor antigen
    EXPECT_EQ(a["cmv_dna_positive"], false);     // "Not detected"
    EXPECT_EQ(a["syphilis_positive"], true);     // RPR "Reactive"
    EXPECT_FALSE(a.contains("pregnant_or_lactating"));  // "Not pregnant" says nothing about lactation
    const FhirImportResult b = import(fixture("serology.json"), "2026-02-10", "b");
    const json rb = record(b);
    EXPECT_EQ(rb["hbv_dna_above_normal"], false);  // "<20" against a high of 20
    EXPECT_EQ(rb["hbcab_positive"], false);        // valueBoolean false
    EXPECT_EQ(rb["pregnant_or_lactating"], true);  // LOINC answer LA15173-0 Pregnant
    for (const char* unknown : {"hbsag_positive", "hcv_ab_positive", "hiv_ab_positive", "cmv_dna_positive", "syphilis_positive"})
        EXPECT_FALSE(rb.contains(unknown)) << unknown;
    EXPECT_EQ(skipped(b, "hbsag_positive"), (Strings{"unrecognized_result Observation/b-hbsag"}));  // "Indeterminate"
    EXPECT_EQ(skipped(b, "hcv_ab_positive"), (Strings{"contradictory_result Observation/b-hcv"}));  // Negative, interpretation POS
    EXPECT_EQ(skipped(b, "hiv_ab_positive"), (Strings{"result_not_usable Observation/b-hiv"}));     // reactive combination test
    EXPECT_EQ(skipped(b, "cmv_dna_positive"), (Strings{"no_reference_range Observation/b-cmv"}));   // 800 IU/mL, nothing to compare with
    EXPECT_EQ(skipped(b, "syphilis_positive"), (Strings{"result_not_usable Observation/b-rpr"}));   // non-reactive RPR
    const FhirImportResult c = import(fixture("serology.json"), "2026-02-10", "c");
    EXPECT_EQ(record(c)["ecog"], 1);  // valueInteger
    EXPECT_EQ(skipped(c, "hiv_ab_positive"), (Strings{"result_not_usable Observation/c-hiv1", "superseded_by_unusable Observation/c-hiv"}));
    // A man reported pregnant: the record reader refuses it, in its own words.
    EXPECT_EQ(skipped(c, "pregnant_or_lactating"), (Strings{"rejected_by_record Observation/c-preg"}));
    expect_round_trip(c);
}

TEST(FhirImport, SeveralPatientsAreListedAndOneIsChosen)
{
    const std::string text = fixture("several_patients.json");
    const FhirImportResult none = import(text, "2026-02-10");
    ASSERT_EQ(none.errors.size(), 1u);
    EXPECT_EQ(none.errors[0].code, FhirErrorCode::several_patients);
    EXPECT_EQ(describe(none.errors[0]), "(file): several patients (1, 2, 3); choose one");
    ASSERT_EQ(none.patients.size(), 3u);
    EXPECT_TRUE(none.patients[0].in_file);
    EXPECT_FALSE(none.patients[2].in_file);  // Patient/3 is only referenced
    EXPECT_TRUE(none.record_json.empty());
    EXPECT_EQ(record(import(text, "2026-02-10", "2"))["weight_kg"], 80);  // w2's subject is an absolute URL of Patient/2
    const FhirImportResult three = import(text, "2026-02-10", "3");
    EXPECT_EQ(record(three)["weight_kg"], 90);  // a performer outside the file is no error
    EXPECT_FALSE(record(three).contains("birth_date"));
    EXPECT_EQ(skipped(three, "weight_kg"), (Strings{"no_subject Observation/w4"}));
    const FhirImportResult four = import(text, "2026-02-10", "4");
    ASSERT_EQ(four.errors.size(), 1u);
    EXPECT_EQ(four.errors[0].code, FhirErrorCode::unknown_patient);
    EXPECT_EQ(four.errors[0].message, "patient \"4\" is not in the file (patients: 1, 2, 3)");
}

TEST(FhirImport, NestedBundlesAndUrnReferences)
{
    const FhirImportResult r = import(fixture("nested.json"), "2026-02-10");
    ASSERT_TRUE(r.ok()) << describe(r.errors[0]);
    EXPECT_EQ(r.patient, "pt-uuid");  // urn:uuid:…0001 is the Patient in inner2
    EXPECT_EQ(record(r), json::parse(R"({"screening_date": "2026-02-10", "birth_date": "1982-07-30", "sex": "female",
        "hemoglobin": {"value": 11.8, "unit": "g/dL"}, "spo2": 95, "lvef": 58})"));
    EXPECT_EQ(filled(r, "spo2")->source.path, "/entry/1/resource/entry/1/resource/entry/0/resource");
}

TEST(FhirImport, StatusDatesAndValuesThatCannotBeUsed)
{
    const FhirImportResult r = import(fixture("edge.json"), "2026-02-10", "yo");
    ASSERT_TRUE(r.ok());
    const json rec = record(r);
    EXPECT_EQ(rec["weight_kg"], 69);  // wt 2025-12-24; wt-year "2026" may be after the as-of date, wt-later is
    EXPECT_EQ(skipped(r, "weight_kg"), (Strings{"imprecise_date Observation/wt-year", "after_as_of Observation/wt-later"}));
    EXPECT_EQ(rec["creatinine"], json::parse(R"({"value": 0.8, "unit": "mg/dL"})"));  // the cancelled one says nothing
    EXPECT_EQ(skipped(r, "creatinine"), (Strings{"status_no_result Observation/cancelled"}));
    EXPECT_EQ(skipped(r, "creatinine_uln"), (Strings{"ambiguous_reference_range Observation/cr"}));  // 1.2, and 1.0 for women
    EXPECT_FALSE(rec.contains("hemoglobin"));  // a newer preliminary result blocks the final one
    EXPECT_EQ(skipped(r, "hemoglobin"), (Strings{"status_not_final Observation/hb-prelim", "superseded_by_unusable Observation/hb"}));
    EXPECT_EQ(rec["ecog"], 2);  // LOINC answer LA9624-3
    EXPECT_EQ(skipped(r, "total_bilirubin"), (Strings{"comparator Observation/bili"}));
    EXPECT_EQ(skipped(r, "ast"), (Strings{"out_of_range Observation/ast"}));
    EXPECT_EQ(skipped(r, "lvef"), (Strings{"unusable_value_type Observation/lvef"}));
    EXPECT_EQ(skipped(r, "alt"), (Strings{"no_date Observation/alt"}));  // 2026-02-30
    EXPECT_EQ(skipped(r, "spo2"), (Strings{"no_value Observation/spo2"}));
    EXPECT_EQ(skipped(r, "birth_date"), (Strings{"partial_birth_date Patient/yo"}));
    EXPECT_EQ(skipped(r, "sex"), (Strings{"gender_unmapped Patient/yo"}));
    EXPECT_EQ(skipped(r, "hemoglobin").size(), 2u);  // the bare code 718-7 (no system) matched nothing
    const FhirImportResult future = import(fixture("edge.json"), "2026-02-10", "future");
    EXPECT_EQ(skipped(future, "birth_date"), (Strings{"rejected_by_record Patient/future"}));
    expect_round_trip(r);
    expect_round_trip(future);
}

TEST(FhirImport, BadInputIsAnErrorThatNamesWhatAndWhere)
{
    auto error = [](const std::string& text) {
        const FhirImportResult r = import(text, "2026-02-10");
        EXPECT_TRUE(r.record_json.empty());
        return r.errors.empty() ? std::string("(none)") : std::string(fhir_error_code(r.errors[0].code)) + " " + describe(r.errors[0]);
    };
    EXPECT_EQ(error("{\"resourceType\": \"Bundle\",\n \"entry\": [}"), "not_json (file): not valid JSON: line 2, column 12: unexpected character (expected a value: object, array, string, number, true, false or null)");
    EXPECT_EQ(error(R"({"lvef": 50})"), "not_fhir (file): not FHIR R4 JSON: expected a resource or a Bundle, an object with \"resourceType\"");
    EXPECT_EQ(error(R"({"resourceType": "Bundle", "entry": {}})"), "not_fhir /entry: not FHIR R4 JSON: a Bundle's entry must be an array");
    EXPECT_EQ(error(R"({"resourceType": "Bundle", "entry": [{"resource": {"id": "x"}}]})"), "not_fhir /entry/0/resource: not FHIR R4 JSON: a resource must be an object with \"resourceType\"");
    EXPECT_EQ(error(R"({"resourceType": "Condition", "id": "c", "subject": {"reference": "Patient/1"}})"),
              "nothing_to_import (file): nothing to import: the file holds 1 Condition; the importer reads Patient and Observation resources");
    EXPECT_EQ(error(R"({"resourceType": "Observation", "id": "o", "status": "final", "code": {"coding": [{"system": "http://loinc.org", "code": "718-7"}]}})"),
              "no_patient (file): no patient: no Patient resource, and no Observation names its subject (1 Observation)");
    EXPECT_EQ(error(R"({"resourceType": "Observation", "id": "o", "status": "final", "subject": {"reference": "Patient/9"}, "code": {"coding": [{"system": "http://loinc.org", "code": "8480-6"}]}})"),
              "nothing_to_import (file): nothing to import for patient \"9\": no Patient resource and no Observation with a code the mapping knows");
    // Which "resourceType" would be meant? Refused, as a record refuses a field given twice.
    EXPECT_EQ(error(R"({"resourceType": "Observation", "resourceType": "Patient"})"),
              "duplicate_member /resourceType: the member \"resourceType\" is given twice in its object");
    EXPECT_EQ(error(R"({"resourceType": "Bundle", "entry": [{"resource": {"resourceType": "Patient", "id": "1", "birthDate": "1970-01-01", "birthDate": "1980-01-01"}}]})"),
              "duplicate_member /entry/0/resource/birthDate: the member \"birthDate\" is given twice in its object");
}

// A hospital export of a long-treated patient: `count` haemoglobins in g/L,
// one every 2 hours back from 08:00 (UTC+8) on the as-of date, the i-th
// newest being 60 + (37 i mod 90) g/L; no reference range.
std::string long_history(int count, const char* as_of)
{
    const DayNumber day = *parse_iso_date(as_of);
    std::string text = R"({"resourceType": "Bundle", "type": "collection", "entry": [)"
                       R"({"fullUrl": "urn:uuid:p", "resource": {"resourceType": "Patient", "id": "p", "gender": "female", "birthDate": "1971-03-02"}})";
    for (int i = 0; i < count; ++i) {
        const int hours_back = 2 * i, back_days = (hours_back + 15) / 24;  // 08:00 minus hours_back, as a date and hour
        const int hour = (8 - hours_back % 24 + 24) % 24;
        char when[64];
        std::snprintf(when, sizeof when, "%sT%02d:00:00+08:00", format_iso_date(day - back_days).c_str(), hour);
        text += R"(, {"fullUrl": "urn:uuid:hb-)" + std::to_string(i) + R"(", "resource": {"resourceType": "Observation", "id": "hb-)" + std::to_string(i) +
                R"(", "status": "final", "code": {"coding": [{"system": "http://loinc.org", "code": "718-7"}]}, "subject": {"reference": "urn:uuid:p"}, )"
                R"("effectiveDateTime": ")" + when + R"(", "valueQuantity": {"value": )" + std::to_string(60 + (37 * i) % 90) +
                R"(, "unit": "g/L", "system": "http://unitsofmeasure.org", "code": "g/L"}}})";
    }
    return text + "]}";
}

TEST(FhirImport, ALongHistoryTakesTheNewestAndListsTheNextTwenty)
{
    const FhirImportResult r = import(long_history(100, "2027-01-10"), "2027-01-10");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(record(r)["hemoglobin"], 60);  // hb-0, 2027-01-10T08:00+08:00
    const FhirFilled* hb = filled(r, "hemoglobin");
    ASSERT_NE(hb, nullptr);
    EXPECT_EQ(hb->source.resource, "Observation/hb-0");
    EXPECT_EQ(hb->passed_over_count, 99u);      // every other reading
    ASSERT_EQ(hb->passed_over.size(), kPassedOverShown);  // the newest 20 of them, newest first
    EXPECT_EQ(hb->passed_over.front().resource, "Observation/hb-1");
    EXPECT_EQ(hb->passed_over.back().resource, "Observation/hb-20");
    EXPECT_EQ(hb->passed_over.back().date, "2027-01-08T16:00:00+08:00");  // 40 hours before hb-0
    const json provenance = json::parse(fhir_import_json(bundled_trial(), r))["provenance"]["hemoglobin"];
    EXPECT_EQ(provenance["passed_over"].size(), 20u);
    EXPECT_EQ(provenance["passed_over_count"], 99);
}

TEST(FhirImport, InSlicesItIsTheSameImport)
{
    FhirImportOptions options;
    options.as_of = *parse_iso_date("2027-01-10");
    std::vector<std::string> files = {long_history(300, "2027-01-10")};
    for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(ELIG_SOURCE_DIR) / "tests" / "fhir"))
        if (entry.path().extension() == ".json") files.push_back(read_text(entry.path()));
    for (const std::string& text : files) {
        const std::string whole = fhir_import_json(bundled_trial(), import_fhir(text, bundled_trial(), mapping(), options));
        FhirImportJob job(std::string(text), bundled_trial(), mapping(), options);
        double last = 0;
        int steps = 0;
        while (job.step(512)) {  // half a kilobyte at a time: many steps
            EXPECT_GE(job.progress(), last);
            last = job.progress();
            ++steps;
        }
        EXPECT_EQ(job.progress(), 1.0);
        EXPECT_GT(steps, 2);
        EXPECT_EQ(fhir_import_json(bundled_trial(), job.result()), whole);
    }
}

// ---- Properties ---------------------------------------------------------------

// Shuffles the entries of every Bundle, recursively.
void shuffle_entries(json& resource, std::mt19937& random)
{
    if (!resource.is_object() || resource.value("resourceType", "") != "Bundle" || !resource.contains("entry")) return;
    std::shuffle(resource["entry"].begin(), resource["entry"].end(), random);
    for (json& entry : resource["entry"])
        if (entry.contains("resource")) shuffle_entries(entry["resource"], random);
}

// Everything the import decided, without where the entries stand in the file.
std::string decisions(const FhirImportResult& r)
{
    std::string out = r.record_json + "\n";
    for (const FhirFilled& f : r.filled) {
        out += "filled " + std::to_string(f.field) + " " + f.value_json + " " + f.source.resource + " " + f.source.date + " passing over";
        for (const FhirSource& s : f.passed_over) out += " " + s.resource;
        out += "\n";
    }
    for (const FhirSkipped& s : r.skipped) out += "skipped " + s.message + "\n";
    for (const FhirConflict& c : r.conflicts) out += "conflict " + c.message + "\n";
    return out;
}

struct Case {
    std::string text;
    const char* as_of;
    std::string patient;
};

std::vector<Case> property_cases()
{
    std::vector<Case> cases = {{fixture("units.json"), "2026-02-10", ""},     {fixture("conflict.json"), "2026-03-02", ""},
                               {fixture("panel_dates.json"), "2026-02-20", ""}, {fixture("oxygen.json"), "2026-03-01", ""},
                               {fixture("serology.json"), "2026-02-10", "b"},  {fixture("edge.json"), "2026-02-10", "yo"},
                               {fixture("nested.json"), "2026-02-10", ""},     {fixture("several_patients.json"), "2026-02-10", "1"}};
    for (const char* real : {"synthea-smart/Jordan_Cruickshank_5de38439-d320-46d3-854d-3c098e88de4c.json", "synthea-smart/Michele_Wolf_9fd25274-3a7d-43d4-87af-a03849074b5a.json",
                             "hl7-r4-core/diagnosticreport-example-ghp.json"})
        if (std::filesystem::exists(shared_file(real))) cases.push_back({read_text(shared_file(real)), "2026-01-01", ""});
    if (std::filesystem::exists(shared_file("hl7-r4-core/diagnosticreport-examples-general.json")))
        cases.push_back({read_text(shared_file("hl7-r4-core/diagnosticreport-examples-general.json")), "2013-01-01", "1"});
    return cases;
}

TEST(FhirImportProperties, ShufflingTheEntriesChangesNothing)
{
    for (const Case& c : property_cases()) {
        const std::string expected = decisions(import(c.text, c.as_of, c.patient));
        for (unsigned seed = 1; seed <= 5; ++seed) {
            std::mt19937 random(seed);
            json doc = json::parse(c.text, nullptr, false);
            ASSERT_FALSE(doc.is_discarded());
            shuffle_entries(doc, random);
            EXPECT_EQ(decisions(import(doc.dump(), c.as_of, c.patient)), expected) << "seed " << seed << "\n" << expected.substr(0, 300);
        }
    }
}

TEST(FhirImportProperties, ImportSaveAndReReadChangesNoValue)
{
    for (const Case& c : property_cases()) expect_round_trip(import(c.text, c.as_of, c.patient));
}

// ---- The real files (../shared/external/fhir, read in place) ----------------

TEST(FhirImportRealFiles, SyntheaJordanCruickshank)
{
    SHARED_OR_SKIP(text, "synthea-smart/Jordan_Cruickshank_5de38439-d320-46d3-854d-3c098e88de4c.json");
    const FhirImportResult r = import(text, "2021-01-01");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.patient, "3afaeb2a-9f18-40b5-8fe7-dfd882de2f2b");
    const json rec = record(r);
    EXPECT_EQ(rec["birth_date"], "1965-07-05");  // Patient.birthDate
    EXPECT_EQ(rec["sex"], "female");             // Patient.gender
    // The latest of 9 body weights (29463-7): bf8a8217, 2020-11-30, 76.07982376349166 kg.
    EXPECT_EQ(rec["weight_kg"], 76.07982376349166);
    EXPECT_EQ(filled(r, "weight_kg")->source.resource, "Observation/bf8a8217-8199-49b2-af12-abfcf2e029a1");
    EXPECT_EQ(filled(r, "weight_kg")->source.date, "2020-11-30T13:09:09+00:00");
    EXPECT_EQ(filled(r, "weight_kg")->passed_over.size(), 8u);
    // Creatinine: 2160-0 once (f078d8c9, 2017-06-24) and 38483-4 nine times; the latest is 24c98358, 2020-11-30.
    EXPECT_EQ(rec["creatinine"], json::parse(R"({"value": 0.7630770376230118, "unit": "mg/dL"})"));
    EXPECT_EQ(filled(r, "creatinine")->source.code, "http://loinc.org|38483-4");
    EXPECT_EQ(filled(r, "creatinine")->passed_over.size(), 9u);
    // Hemoglobin 718-7: f026c901, 2017-06-24 (the latest of three), g/dL kept as written.
    EXPECT_EQ(rec["hemoglobin"], json::parse(R"({"value": 16.30561644473962, "unit": "g/dL"})"));
    EXPECT_EQ(filled(r, "hemoglobin")->days_before_as_of, 1287);  // 2017-06-24 -> 2021-01-01: a value 3.5 years old
    // ALT/AST in IU/L (33972fc6, 41a8b6eb) are U/L; bilirubin 42719-5 (2b9aca8f) in mg/dL; no referenceRange, so no ULN.
    EXPECT_EQ(rec["alt"], 142.266670665861);
    EXPECT_EQ(rec["ast"], 163.40549045276282);
    EXPECT_EQ(rec["total_bilirubin"], json::parse(R"({"value": 1.2468872654071044, "unit": "mg/dL"})"));
    for (const char* uln : {"alt_uln", "ast_uln", "total_bilirubin_uln", "creatinine_uln"}) {
        EXPECT_FALSE(rec.contains(uln));
        ASSERT_EQ(skipped(r, uln).size(), 1u);
        EXPECT_EQ(skipped(r, uln)[0].substr(0, 18), "no_reference_range");
    }
    // Nothing codes CD7, blasts, regimens...: never eligible by omission.
    EXPECT_EQ(rec.size(), 9u);
    const elig_test::Verdict v = elig_test::run(bundled_trial(), r.record_json);
    ASSERT_TRUE(v.valid);
    EXPECT_EQ(v.ev.overall, Status::unknown);
    expect_round_trip(r);

    // The day before the 2017-06-24 labs: creatinine and hemoglobin of 2016-11-07, no ALT.
    const json early = record(import(text, "2017-06-23"));
    EXPECT_EQ(early["creatinine"], json::parse(R"({"value": 0.8041971009367287, "unit": "mg/dL"})"));  // 6c5b0a5d
    EXPECT_EQ(early["hemoglobin"], json::parse(R"({"value": 15.614505334551568, "unit": "g/dL"})"));   // 2b25bf61
    EXPECT_EQ(early["weight_kg"], 76.39493668019327);                                                    // 7a7a21f5
    EXPECT_FALSE(early.contains("alt"));
}

TEST(FhirImportRealFiles, SyntheaMicheleWolfHasAnLvefConflict)
{
    SHARED_OR_SKIP(text, "synthea-smart/Michele_Wolf_9fd25274-3a7d-43d4-87af-a03849074b5a.json");
    const FhirImportResult r = import(text, "2026-01-01");
    ASSERT_TRUE(r.ok());
    // Two LVEF (10230-1) at 2015-10-06T06:58:56: 47.94… (a9c80825) and 39.95… (b17d4baa).
    EXPECT_FALSE(record(r).contains("lvef"));
    ASSERT_EQ(r.conflicts.size(), 1u);
    EXPECT_EQ(r.conflicts[0].field, field("lvef"));
    EXPECT_EQ(r.conflicts[0].candidates[0].resource, "Observation/a9c80825-f02c-48a7-9b22-eeb707b83be8");
    EXPECT_EQ(r.conflicts[0].candidates[1].resource, "Observation/b17d4baa-91b1-45c6-ae70-6a16976f92a5");
    // The eGFR 33914-3 (39543dba, labelled mL/min) never fills the measured clearance.
    EXPECT_EQ(skipped(r, "creatinine_clearance"), (Strings{"look_alike_code Observation/39543dba-f369-4ff2-8f38-385f7fee659a"}));
    // Two identical creatinines at 2016-04-03 (c57c564b, 420f7791): no conflict; the other is passed over.
    EXPECT_EQ(record(r)["creatinine"], json::parse(R"({"value": 0.5377604090120551, "unit": "mg/dL"})"));
    EXPECT_EQ(filled(r, "creatinine")->source.resource, "Observation/420f7791-c93b-425b-83ca-6361e37eff2e");
    EXPECT_EQ(filled(r, "creatinine")->passed_over[0].resource, "Observation/c57c564b-6b0a-4731-8b4c-fd12924c9714");
    EXPECT_EQ(record(r)["hemoglobin"], json::parse(R"({"value": 13.34642177826332, "unit": "g/dL"})"));  // c5df1ecf, 2014-07-13
    EXPECT_EQ(record(r)["weight_kg"], 67.83216190419554);                                                // 771ef14d, 2015-07-19
    ASSERT_EQ(r.patients.size(), 1u);
    EXPECT_EQ(r.patients[0].deceased, "2016-04-05T06:58:56+00:00");
    expect_round_trip(r);
}

TEST(FhirImportRealFiles, Hl7GeneralPanelDatedByTheReport)
{
    SHARED_OR_SKIP(text, "hl7-r4-core/diagnosticreport-example-ghp.json");
    const FhirImportResult r = import(text, "2016-01-01");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.patient, "pat2");  // only referenced (Patient/pat2)
    // Members without dates: their panels p1/p2 (hasMember) are dated 2015-08-16T06:40:17Z.
    EXPECT_EQ(record(r), json::parse(R"({"screening_date": "2016-01-01",
        "alt": 54, "alt_uln": 45, "ast": 30, "ast_uln": 41,
        "total_bilirubin": 7, "total_bilirubin_uln": 20,
        "creatinine": 90, "creatinine_uln": 110, "hemoglobin": 176})"));  // o8: 0.09 and 0.11 mmol/L x 1000; r1: 176 g/L
    EXPECT_EQ(filled(r, "hemoglobin")->source.date_source, "Observation/p2 effectiveDateTime");
    EXPECT_EQ(filled(r, "creatinine")->source.date_source, "Observation/p1 effectiveDateTime");
    // The day before, nothing is usable.
    const FhirImportResult before = import(text, "2015-08-15");
    EXPECT_EQ(record(before), json::parse(R"({"screening_date": "2015-08-15"})"));
    EXPECT_EQ(skipped(before, "hemoglobin"), (Strings{"after_as_of Observation/r1"}));
}

TEST(FhirImportRealFiles, Hl7DiagnosticReportsOfTenPatients)
{
    SHARED_OR_SKIP(text, "hl7-r4-core/diagnosticreport-examples-general.json");
    EXPECT_EQ(import(text, "2006-01-01").errors[0].code, FhirErrorCode::several_patients);
    // Patient 1: reports 3 (2005-01-27) and 18 (2004-12-22) and 27 (2012, CRP only); as of 2006 report 3 is the latest.
    const FhirImportResult one = import(text, "2006-01-01", "1");
    ASSERT_TRUE(one.ok());
    EXPECT_EQ(record(one), json::parse(R"({"screening_date": "2006-01-01",
        "alt": 54, "alt_uln": 45, "ast": 30, "ast_uln": 41, "total_bilirubin": 7, "total_bilirubin_uln": 20,
        "creatinine": 90, "creatinine_uln": 110})"));  // o14-3, o15-3, o10-3, o8-3 (0.09 mmol/L)
    EXPECT_EQ(filled(one, "creatinine")->source.date, "2005-01-27T06:40:17Z");
    ASSERT_EQ(filled(one, "creatinine")->passed_over.size(), 1u);
    EXPECT_EQ(filled(one, "creatinine")->passed_over[0].resource, "Observation/o8-18");  // 0.08 mmol/L, 2004-12-22
    // Patient 6: report 8 (2004-12-03) and the RPR of report 26 (2005-03-07), "Non-reactive".
    const FhirImportResult six = import(text, "2006-01-01", "6");
    const json rec = record(six);
    EXPECT_EQ(rec["total_bilirubin"], 50);  // o10-8, ULN 20: 2.5 x ULN
    EXPECT_EQ(rec["alt"], 466);             // o13-8
    EXPECT_EQ(rec["creatinine"], 60);       // o8-8: 0.06 mmol/L
    EXPECT_FALSE(rec.contains("syphilis_positive"));
    EXPECT_EQ(skipped(six, "syphilis_positive"), (Strings{"result_not_usable Observation/o1-26"}));
}

TEST(FhirImportRealFiles, SingleResources)
{
    {
        SHARED_OR_SKIP(text, "hl7-r4-core/patient-example.json");
        EXPECT_EQ(record(import(text, "2026-01-01")), json::parse(R"({"screening_date": "2026-01-01", "birth_date": "1974-12-25", "sex": "male"})"));
    }
    {
        SHARED_OR_SKIP(text, "hl7-r4-core/patient-examples-general.json");
        EXPECT_EQ(import(text, "2026-01-01").patients.size(), 12u);
        EXPECT_EQ(record(import(text, "2026-01-01", "1")), json::parse(R"({"screening_date": "2026-01-01", "birth_date": "1973-05-31", "sex": "female"})"));
        EXPECT_EQ(skipped(import(text, "2026-01-01", "9"), "sex"), (Strings{"gender_unmapped Patient/9"}));  // gender "other"
    }
    {
        SHARED_OR_SKIP(text, "hl7-r4-core/observation-example.json");  // 185 [lb_av] ("lbs"), 2016-03-28
        EXPECT_EQ(record(import(text, "2026-01-01"))["weight_kg"], json::parse(R"({"value": 185, "unit": "lb"})"));
    }
    {
        SHARED_OR_SKIP(text, "hl7-r4-core/observation-example-f005-hemoglobin.json");  // code g/dL, unit text g/dl
        const FhirImportResult r = import(text, "2026-01-01");
        EXPECT_EQ(record(r)["hemoglobin"], json::parse(R"({"value": 7.2, "unit": "g/dL"})"));
        EXPECT_EQ(filled(r, "hemoglobin")->source.date_source, "effectivePeriod.end");
    }
    {
        SHARED_OR_SKIP(text, "us-core/observation-serum-creatinine.json");  // 1 mg/dL, high 0.6 mg/dL, 2005-07-05
        EXPECT_EQ(record(import(text, "2026-01-01")), json::parse(R"({"screening_date": "2026-01-01",
            "creatinine": {"value": 1, "unit": "mg/dL"}, "creatinine_uln": {"value": 0.6, "unit": "mg/dL"}})"));
    }
    {
        SHARED_OR_SKIP(text, "hl7-r4-core/observation-example-satO2.json");  // 95 %, room air
        EXPECT_EQ(record(import(text, "2026-01-01"))["spo2"], 95);
    }
    {
        SHARED_OR_SKIP(text, "us-core/observation-satO2-fiO2.json");  // 95 % with a 3151-8 flow of 6 L/min
        const FhirImportResult r = import(text, "2026-01-01");
        EXPECT_FALSE(record(r).contains("spo2"));
        EXPECT_EQ(skipped(r, "spo2"), (Strings{"refused_component Observation/satO2-fiO2"}));
    }
    {
        SHARED_OR_SKIP(text, "hl7-r4-core/observation-example-f204-creatinine.json");  // a local code only
        EXPECT_EQ(import(text, "2026-01-01").errors[0].code, FhirErrorCode::nothing_to_import);
    }
}

} // namespace
