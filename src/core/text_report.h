// A readable report of one verdict, for the terminal and for pasting into
// notes: the verdict, what decides it, what is missing, every criterion.
#pragma once
#include "evaluate.h"
#include "record.h"
#include "trial.h"

#include <string>
#include <vector>

namespace elig {

std::string text_report(const Trial& trial, const Record& record, const Evaluation& ev);
std::string text_errors(const std::vector<InputError>& errors);

// "Eligible", "Not eligible", "Incomplete: data missing", "Needs review".
const char* overall_words(Status overall);

} // namespace elig
