// A record back to JSON in the contract's format: fields in dictionary
// order, only what is known or "none", numbers in the unit they were given
// (whole numbers without a decimal point). Reading the result gives the same
// record (the saved-record round trip). The one writer of field values:
// saved records, the FHIR import's record and provenance, the web form.
//
// Example:
//   std::vector<InputError> errors;
//   RecordReader(trial).read(R"({"lvef": 50, "hemoglobin": {"value": 7.2, "unit": "g/dL"}, "last_hsct_date": "none"})",
//                            record, errors);
//   write_record_json(trial, record);   // {"hemoglobin":{"value":7.2,"unit":"g/dL"},"lvef":50,"last_hsct_date":"none"}
//   std::string value;
//   append_value_json(value, trial.field(slot), record.value(slot));  // {"value":7.2,"unit":"g/dL"}
#pragma once
#include "core/model/record.h"
#include "core/model/trial.h"

#include <string>

namespace elig {

std::string write_record_json(const Trial& trial, const Record& record, bool pretty = false);

// One known (or "none") value as the record writes it. `indent` > 0 writes
// a quantity object over lines, its members indented by `indent` spaces.
void append_value_json(std::string& out, const FieldDef& field, const FieldValue& value, int indent = 0);

} // namespace elig
