// A record back to JSON in the contract's format: fields in dictionary
// order, only what is known or "none", numbers in the unit they were given.
// Reading the result gives the same record (the saved-record round trip).
//
// Example:
//   RecordReader(trial).read(R"({"lvef": 50, "hemoglobin": {"value": 7.2, "unit": "g/dL"}, "last_hsct_date": "none"})",
//                            record, errors);
//   write_record_json(trial, record);   // {"hemoglobin":{"value":7.2,"unit":"g/dL"},"lvef":50,"last_hsct_date":"none"}
#pragma once
#include "core/model/record.h"
#include "core/model/trial.h"

#include <string>

namespace elig {

std::string write_record_json(const Trial& trial, const Record& record, bool pretty = false);

} // namespace elig
