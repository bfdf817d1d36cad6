// The second stage of a FHIR import: one reading of one field from one
// resource, and whether it can be used. From an Observation: its status,
// its date (effective[x], else the panel or report holding it, else
// `issued`), and its value by the mapping's rules (a Quantity converted
// only as the mapping says, an integer, a coded answer, or a qualitative
// result whose every carrier must agree); from a Patient: birthDate and
// gender. A reading that cannot be used says why, with a reason of the
// closed set (FhirSkipReason) and its parameters.
//
// A reading keeps where its value came from as indices into the document,
// not as copies: a chart of years holds hundreds of thousands of readings,
// and only the few the result shows become FhirSource strings (source()).
//
// Example:
//   FhirDocument doc;
//   std::vector<FhirImportError> errors;
//   doc.read(file_text, trial.messages, errors);
//   FhirReader reader(doc, trial, mapping, *parse_iso_date("2027-01-10"));
//   const uint32_t r = 1, coding = 12;                           // an Observation, its matching Coding's item
//   FhirReading hb = reader.observation(r, coding, mapping.fields[0], false);
//   if (hb.use == FhirUse::usable) hb.value.number;              // 72, in g/L (the field's canonical unit)
//   else fhir_skip_code(hb.reason);                              // "unknown_unit", hb.params(): {"unit", "mmol/L"}, …
//   reader.source(hb).date;                                      // "2027-01-03T08:00:00+08:00"
#pragma once
#include "core/fhir/fhir_document.h"
#include "core/fhir/fhir_import.h"
#include "core/fhir/fhir_mapping.h"
#include "core/fhir/fhir_time.h"
#include "core/model/record.h"
#include "core/model/trial.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace elig {

enum class FhirUse : uint8_t {
    usable,
    blocking,  // carries the field's information, unusably: older values are not current
    ignored,   // says nothing about the field's current value
};

// What few readings need besides their indices: the value as shown when
// it is not one JSON item ("<5 (referenceRange.high 5)"), and why a
// reading cannot be used, in words (English) and parameters.
struct FhirReadingNote {
    std::string shown_value;
    std::string detail;
    std::vector<std::pair<std::string, std::string>> params;
};

// A value as a reading gives it: FieldValue without the text (no mapped
// field is text), so that a long history stays small.
struct FhirValue : Value {
    int16_t unit = 0;   // index into FieldDef::units
    double given = 0;   // in `unit`
    FieldValue field_value() const
    {
        FieldValue out;
        static_cast<Value&>(out) = *this;
        out.unit = unit;
        out.given = given;
        return out;
    }
};

struct FhirReading {
    uint32_t resource = 0;
    uint32_t coding = 0;            // the Coding that matched (0: a Patient element)
    const char* element = "";       // "valueQuantity", "referenceRange.high", "birthDate", ...
    uint32_t value_item = 0;        // the value as written, when it is one JSON string or number
    uint32_t unit = 0, unit_code = 0;  // Quantity.unit and Quantity.code
    uint32_t sent_unit = 0;         // the one of them the mapping looked up (0: none, or `unitless_as`)
    uint32_t date = 0;              // the date used
    int32_t date_holder = -1;       // the panel or report it was dated by (-1: itself)
    const char* date_element = "";  // "effectiveDateTime", "effectivePeriod.end", "issued"
    FhirTime time;
    FhirUse use = FhirUse::usable;
    FhirSkipReason reason = FhirSkipReason::no_value;
    bool converted = false;         // shown with its conversion (from the sent unit, by `factor`)
    double factor = 1;
    FhirValue value;                // what the record would hold
    std::shared_ptr<const FhirReadingNote> note;  // a shown value, a refusal: rare

    void refuse(FhirSkipReason why, std::string detail, std::vector<std::pair<std::string, std::string>> params = {});
    void show_value(std::string text);
    const std::string& detail() const;
    const std::vector<std::pair<std::string, std::string>>& params() const;
};

class FhirReader {
public:
    FhirReader(const FhirDocument& doc, const Trial& trial, const FhirMapping& mapping, DayNumber as_of)
        : doc_(doc), trial_(trial), mapping_(mapping), as_of_(as_of) {}

    // Observation r's reading for `map`, by the Coding that matched it.
    FhirReading observation(uint32_t r, uint32_t coding, const FhirFieldMap& map, bool look_alike) const;
    // A Patient's birthDate or gender, or nothing when it has none.
    bool patient(uint32_t r, const FhirFieldMap& map, FhirReading& out) const;
    // The ULN of a chosen reading: the referenceRange.high values of the
    // very Observation it came from (another sample's range may be another
    // lab's), each checked as the ULN field's value.
    std::vector<FhirReading> reference_highs(const FhirReading& chosen, const FhirFieldMap& map, const FieldDef& uln) const;
    // The ULN's reading with no value yet, dated as the chosen one (for
    // "no referenceRange.high" and "several different ones").
    FhirReading uln_of(const FhirReading& chosen) const;

    // Where a reading came from, as the result shows it.
    FhirSource source(const FhirReading& reading) const;
    // The unit the record gets for a converted reading.
    std::string_view sent_unit(const FhirReading& reading) const;

private:
    const FhirDocument& doc_;
    const Trial& trial_;
    const FhirMapping& mapping_;
    DayNumber as_of_;

    bool date(FhirReading& reading) const;
    void read_quantity(const FhirFieldMap& map, FhirNode obs, FhirReading& reading) const;
    bool quantity_value(const FhirFieldMap& map, FhirNode quantity, FhirReading& reading, const char* element, uint32_t unitless_as = 0) const;
    void read_finding(const FhirFieldMap& map, FhirNode obs, FhirReading& reading) const;
    int finding_above_high(FhirNode obs, FhirReading& reading) const;
    int verdict(const FhirResultSet& set, FhirNode obs, FhirReading& reading, std::string& seen) const;
    void check_value(const FieldDef& field, FhirReading& reading) const;
};

} // namespace elig
