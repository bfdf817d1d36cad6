// FHIR R4 JSON -> a patient record of the contract (docs/patient-record.md),
// with the provenance of every value it fills. Reads a Bundle of any type
// (nested Bundles too) or a single resource; uses Patient (birthDate,
// gender) and Observation (by the codes of the mapping, see
// fhir_mapping.h); DiagnosticReport.result and Observation.hasMember only
// date the values they hold. No I/O, no exceptions.
//
// The rules, each one a decision a person can audit (docs/fhir-import.md):
//  - As of a date (the screening date, which the record receives): per
//    field, the latest value on or before it. A value's date is its
//    effective[x], else that of the panel or report holding it, else its
//    own `issued`; a value without a date is reported, never used.
//  - Two different values at the same latest time leave the field unknown
//    (a conflict, both shown). The latest reading that cannot be read
//    (unknown unit, "<5", a result the mapping refuses...) also leaves the
//    field unknown: an older value is not the patient's current one.
//  - Units convert only as the mapping says, into a unit the field accepts;
//    the record reads back through RecordReader unchanged.
//  - Fields without a coded source stay unknown: an imported record is
//    never eligible by omission.
//
// Every value passed over is reported in `skipped` with a reason from the
// closed set FhirSkipReason (a stable code, parameters, an English
// message); the web app translates by code.
//
// Example:
//   FhirImportOptions options;
//   options.as_of = *parse_iso_date("2027-01-10");
//   FhirImportResult imported = import_fhir(file_text, trial, mapping, options);
//   if (!imported.ok()) {
//       for (const FhirImportError& e : imported.errors) report(describe(e));  // the form stays as it was
//   } else {
//       load_record(imported.record_json);  // {"screening_date": "2027-01-10", "hemoglobin": ...}
//       show(fhir_import_json(trial, imported));  // {"record":…,"provenance":…,"skipped":[…],"conflicts":[…]}
//   }
#pragma once
#include "core/base/date.h"
#include "core/fhir/fhir_mapping.h"
#include "core/model/trial.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace elig {

struct FhirImportOptions {
    DayNumber as_of = 0;   // the screening date: nothing after it is used
    std::string patient;   // a Patient id; empty: the file's only patient
};

// Why a value was not used: a closed set, one table. Each reason has a
// stable code (fhir_skip_code: its name), words in the app's language
// files ("import.skip.<code>"), and a use: `blocking` reasons mean the
// reading carries the field's information in a form that cannot be used,
// so an older value is not the patient's current one; `ignored` ones say
// nothing about the field's current value.
#define ELIG_FHIR_SKIP_REASONS(X)                                                                                   \
    X(look_alike_code, ignored)        /* a code the mapping knows as another quantity (eGFR, anti-HBs, HBc IgM) */ \
    X(no_subject, ignored)             /* the Observation names no patient */                                       \
    X(status_no_result, ignored)       /* registered, cancelled, entered-in-error: no result */                      \
    X(status_not_final, blocking)      /* preliminary, unknown: a result that may change */                          \
    X(no_date, ignored)                /* no effective[x], no dated panel or report, no issued (or unreadable) */    \
    X(ambiguous_date, ignored)         /* the panels or reports holding it disagree on the date */                   \
    X(after_as_of, ignored)            /* dated after the as-of date */                                              \
    X(imprecise_date, ignored)         /* "2027" or "2027-01" around the as-of date: maybe after it */               \
    X(no_value, ignored)               /* no value (or a dataAbsentReason) */                                        \
    X(unusable_value_type, blocking)   /* a value of a type the field cannot take (a string for a number) */         \
    X(unknown_unit, blocking)          /* a unit the mapping does not convert */                                     \
    X(comparator, blocking)            /* "<5", ">200": not a value */                                               \
    X(out_of_range, blocking)          /* outside the field's plausible range (the record would be refused) */       \
    X(unrecognized_result, blocking)   /* a qualitative result the mapping does not know */                          \
    X(contradictory_result, blocking)  /* the value and its interpretation disagree */                               \
    X(result_not_usable, blocking)     /* a result the mapping says must not fill the field ("not pregnant") */      \
    X(refused_component, blocking)     /* a component that disqualifies it (SpO2 with an oxygen flow) */             \
    X(no_reference_range, blocking)    /* no referenceRange.high to compare with, or for the ULN */                  \
    X(ambiguous_reference_range, blocking) /* several different referenceRange.high */                               \
    X(superseded_by_unusable, ignored) /* an older value, not used because the latest could not be read */           \
    X(partial_birth_date, blocking)    /* birthDate "1974" or "1974-12" */                                           \
    X(gender_unmapped, blocking)       /* Patient.gender other/unknown: not a sex the field knows */                 \
    X(rejected_by_record, blocking)    /* the record reader refused it (e.g. birth_date after the screening date) */

enum class FhirSkipReason : uint8_t {
#define ELIG_FHIR_SKIP_ENUM(name, use) name,
    ELIG_FHIR_SKIP_REASONS(ELIG_FHIR_SKIP_ENUM)
#undef ELIG_FHIR_SKIP_ENUM
};
const char* fhir_skip_code(FhirSkipReason reason);
bool fhir_skip_blocks(FhirSkipReason reason);  // the reason's use is `blocking`

// Why nothing was imported: a closed set, stable codes (fhir_error_code),
// words in the app's language files ("import.error.<code>").
#define ELIG_FHIR_ERRORS(X)                                                                  \
    X(not_json)          /* not valid JSON */                                                \
    X(not_fhir)          /* not a FHIR R4 resource or Bundle */                              \
    X(duplicate_member)  /* an object gives a member twice: which one is meant? */           \
    X(no_patient)        /* no Patient and no Observation naming one */                      \
    X(several_patients)  /* several patients and none chosen (see `patients`) */             \
    X(unknown_patient)   /* the chosen patient is not in the file */                         \
    X(nothing_to_import) /* no Patient and no Observation the mapping knows, for that patient */

enum class FhirErrorCode : uint8_t {
#define ELIG_FHIR_ERROR_ENUM(name) name,
    ELIG_FHIR_ERRORS(ELIG_FHIR_ERROR_ENUM)
#undef ELIG_FHIR_ERROR_ENUM
};
const char* fhir_error_code(FhirErrorCode code);

// One FHIR value, as written in the file.
struct FhirSource {
    std::string resource;     // "Observation/f001" (the fullUrl when there is no id)
    std::string full_url;
    std::string path;         // where in the file: "/entry/3/resource"
    std::string code;         // the coding that matched: "http://loinc.org|718-7"
    std::string display;
    std::string element;      // "valueQuantity", "referenceRange.high", "birthDate", ...
    std::string value;        // as written: "7.2", "Non-reactive", "http://snomed.info/sct|260385009"
    std::string unit;         // Quantity.unit as written
    std::string unit_code;    // Quantity.code as written
    std::string date;         // the date used, as written ("" when none)
    std::string date_source;  // "effectiveDateTime", "Observation/p1 effectiveDateTime", "issued"
};

// A field the import filled.
struct FhirFilled {
    int field = -1;             // into Trial::fields
    std::string value_json;     // what the record holds: {"value":90,"unit":"µmol/L"}, true, "1974-12-25"
    FhirSource source;
    std::string from_unit;      // a conversion: from_unit * factor -> to_unit ("" when none)
    double factor = 1;
    std::string to_unit;
    int days_before_as_of = -1; // how old the value is (-1: undated, Patient fields)
    // Older (or identical) values of the same field: the newest
    // kPassedOverShown of them, and how many there were in all (a chart of
    // years holds thousands of haemoglobins).
    std::vector<FhirSource> passed_over;
    size_t passed_over_count = 0;
};
inline constexpr size_t kPassedOverShown = 20;

struct FhirSkipped {
    FhirSkipReason reason = FhirSkipReason::no_value;
    int field = -1;
    FhirSource source;
    std::vector<std::pair<std::string, std::string>> params;  // {"unit", "mmol/L"}, ...
    std::string message;        // English, names the field and the resource
};

// Different values at the same latest time: the field stays unknown.
struct FhirConflict {
    int field = -1;
    std::vector<FhirSource> candidates;
    std::vector<std::string> values_json;  // what each would have given the record
    std::string message;
};

struct FhirPatient {
    std::string id;
    bool in_file = false;       // a Patient resource (not only a subject reference)
    std::string name, birth_date, gender, deceased;
};

struct FhirImportError {
    FhirErrorCode code = FhirErrorCode::not_fhir;
    std::string path;           // JSON pointer ("" for the whole file)
    std::string message;
};

struct FhirImportResult {
    std::string record_json;    // the contract's format; empty on error
    std::string patient;        // the patient imported
    DayNumber as_of = 0;
    std::vector<FhirFilled> filled;        // in field order
    std::vector<FhirSkipped> skipped;      // in field order
    std::vector<FhirConflict> conflicts;   // in field order
    std::vector<FhirPatient> patients;     // every patient of the file, by id
    std::vector<FhirImportError> errors;
    bool ok() const { return errors.empty(); }
};

FhirImportResult import_fhir(std::string_view fhir_json, const Trial& trial, const FhirMapping& mapping, const FhirImportOptions& options);

// The same import a slice at a time, for a page that must keep drawing (a
// 100 MB export takes seconds in a browser): each step does about `work`
// bytes' worth of it. The trial and mapping must outlive the job; so must
// the text, unless the job is given it to keep.
//   FhirImportJob job(std::move(text), trial, mapping, options);
//   while (job.step(1 << 20)) draw_progress(job.progress());
//   show(job.result());
class FhirImporter;
class FhirImportJob {
public:
    FhirImportJob(std::string text, const Trial& trial, const FhirMapping& mapping, FhirImportOptions options);
    FhirImportJob(std::string_view text, const Trial& trial, const FhirMapping& mapping, FhirImportOptions options);
    ~FhirImportJob();
    FhirImportJob(FhirImportJob&&) noexcept;
    FhirImportJob& operator=(FhirImportJob&&) noexcept;

    bool step(size_t work);       // false once done
    double progress() const;      // 0 to 1
    FhirImportResult& result();   // once done

private:
    std::unique_ptr<std::string> text_;  // kept where it does not move
    std::unique_ptr<FhirImporter> importer_;
    bool done_ = false;
};

// {"record": {...}, "as_of": "...", "patient": "...", "provenance": {field: {...}},
//  "skipped": [...], "conflicts": [...], "patients": [...]} (see docs/fhir-import.md).
std::string fhir_import_json(const Trial& trial, const FhirImportResult& result, bool pretty = false);

// "/entry/2: several patients (1, 2); choose one".
std::string describe(const FhirImportError& error);

} // namespace elig
