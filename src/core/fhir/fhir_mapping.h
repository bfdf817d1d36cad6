// The FHIR import mapping (format "fhir-mapping/1", described by
// criteria/schema/fhir-mapping.schema.json): which FHIR R4 data fill which
// record field, as data beside the criteria. Each field lists the codes
// that carry it (always "system|code"; a bare code never matches), the
// units it converts and by which factor, where its ULN comes from, codes
// that look alike but must never fill it, and results that must not fill
// it. The loader checks the mapping against the trial it serves: every
// field exists with a compatible type, every conversion ends in a unit the
// field accepts. A broken mapping yields errors with JSON pointers and no
// mapping at all.
//
// Example:
//   FhirMappingLoadResult loaded = load_fhir_mapping(bundled_fhir_mapping(), trial);
//   if (!loaded.ok())
//       for (const LoadError& e : loaded.errors)
//           report(describe(e));  // "/fields/3/units/mmol~1L/to: \"mmol/L\" is not a unit creatinine accepts ..."
#pragma once
#include "core/base/load_error.h"
#include "core/model/trial.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace elig {

enum class FhirFieldKind : uint8_t {
    birth_date,  // Patient.birthDate -> a date field
    gender,      // Patient.gender -> an enum field
    quantity,    // Observation value (Quantity, integer, coded answer) -> a number field
    finding,     // Observation qualitative result -> a yes/no field
};

// A unit as FHIR sends it (Quantity.code in UCUM, or else Quantity.unit)
// and what it becomes in the record.
struct FhirUnitRule {
    std::string from;
    int16_t to = 0;      // index into FieldDef::units (0 for a field without units)
    double factor = 1;   // record value = sent value * factor
};

// A code with the reason it is special (a look-alike never fills the
// field; a refused component disqualifies the reading).
struct FhirCodeNote {
    std::string code;
    std::string why;
};

// A result that must not fill the field: `positive` or negative, from one
// code (or any of the field's codes when `code` is empty).
struct FhirLimit {
    std::string code;
    bool positive = false;
    std::string why;
};

// A vocabulary of qualitative results: [0] negative, [1] positive.
struct FhirResultSet {
    std::string name;
    std::vector<std::string> codes[2];
    std::vector<std::string> words[2];  // lower case, single spaces
};

struct FhirFieldMap {
    std::string field;
    int field_index = -1;   // into Trial::fields
    FhirFieldKind kind = FhirFieldKind::quantity;
    std::string pointer;    // "/fields/4", for messages
    std::vector<std::string> codes;
    std::vector<FhirUnitRule> units;
    int uln_field = -1;     // into Trial::fields: receives referenceRange.high
    std::vector<std::pair<std::string, double>> answers;
    std::vector<FhirCodeNote> refuse_components;
    std::vector<FhirCodeNote> look_alikes;
    int result_set = -1;    // into FhirMapping::result_sets
    bool above_reference_high = false;  // a quantity is positive above referenceRange.high
    std::vector<FhirLimit> limits;
    std::vector<std::pair<std::string, int16_t>> gender_values;  // Patient.gender -> enum index

    const FhirUnitRule* unit(std::string_view sent) const;
    const FhirCodeNote* look_alike(std::string_view code) const;
};

// Where a code is used: the field map, and whether as a look-alike.
struct FhirCodeUse {
    int field_map = -1;
    bool look_alike = false;
};

struct FhirMapping {
    std::string version;
    std::string trial;  // NCT id
    std::vector<std::string> accepted_status;
    std::vector<FhirResultSet> result_sets;
    std::vector<FhirFieldMap> fields;
    std::map<std::string, std::vector<FhirCodeUse>, std::less<>> by_code;  // "system|code"

    const std::vector<FhirCodeUse>* uses(std::string_view code) const
    {
        auto it = by_code.find(code);
        return it == by_code.end() ? nullptr : &it->second;
    }
};

struct FhirMappingLoadResult {
    std::optional<FhirMapping> mapping;
    std::vector<LoadError> errors;
    bool ok() const { return mapping.has_value(); }
};

FhirMappingLoadResult load_fhir_mapping(std::string_view json_text, const Trial& trial);

} // namespace elig
