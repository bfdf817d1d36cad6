// A record back to JSON in the contract's format: fields in dictionary
// order, only what is known or "none", numbers in the unit they were given.
// Reading the result gives the same record (the saved-record round trip).
#pragma once
#include "record.h"
#include "trial.h"

#include <string>

namespace elig {

std::string write_record_json(const Trial& trial, const Record& record, bool pretty = false);

} // namespace elig
