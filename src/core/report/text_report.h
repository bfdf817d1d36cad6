// A readable report of one verdict, for the terminal and for pasting into
// notes: the verdict, what decides it, what is missing, every criterion with
// its reason and protocol sentence, and the derived values. In the trial's
// language (trial.messages); a translated trial adds each sentence's
// translation below the verbatim English.
//
// Example:
//   evaluate(trial, record, ev);
//   std::fputs(text_report(trial, record, ev).c_str(), stdout);
//   // NCT07345780 — CD7-targeted CAR-T ...
//   // Verdict: NOT ELIGIBLE
//   // FAIL     inc_lvef — LVEF ≥45%
//   //          LVEF 40% is below the required 45%
#pragma once
#include "core/eval/evaluate.h"
#include "core/model/record.h"
#include "core/model/trial.h"

#include <string>
#include <vector>

namespace elig {

std::string text_report(const Trial& trial, const Record& record, const Evaluation& ev);

// The criteria in the order a reader takes them, what decides first:
// failures, reviews, unknowns, then passes, each in the trial's order.
// The text report, the app's panel and the page's mirror and print alike.
std::vector<size_t> criteria_in_reading_order(const Evaluation& ev);

// What is missing in words, as the report's missing line lists it: labels,
// with "or" between alternatives ("Hemoglobin, Measured creatinine
// clearance or Weight").
std::string missing_words(const Trial& trial, const Evaluation& ev);
std::string text_errors(const Messages& messages, const std::vector<InputError>& errors);

// "ELIGIBLE", "NOT ELIGIBLE", "INCOMPLETE: data missing", "NEEDS REVIEW: ...".
std::string_view overall_words(const Messages& messages, Status overall);

} // namespace elig
