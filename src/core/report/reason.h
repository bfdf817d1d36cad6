// The reason sentence of a criterion, with the actual values and
// thresholds: "ALT 3.4× ULN (136 U/L, ULN 40 U/L) exceeds 3× ULN".
// Built from the evaluated rule tree, only when a verdict is shown.
//
// Example (record {"alt": 136, "alt_uln": 40}; criterion inc_alt reads
// {"field": "alt_multiple", "at_most": 3}, and the disease-related judgment):
//   evaluate(trial, record, ev);
//   criterion_reason(trial, record, ev, c);
//   // "ALT 3.4× ULN (136 U/L, ULN 40 U/L) exceeds 3× ULN; Liver abnormality disease-related: not recorded"
//   describe_value(trial, record, ev, trial.find_slot("alt_multiple"));  // "ALT 3.4× ULN (136 U/L, ULN 40 U/L)"
//
//   // {"last_live_vaccine_date": "2026-12-14", "screening_date": "2027-01-10"}, criterion exc_live_vaccine:
//   // "Last live-virus vaccine 2026-12-14 is within 4 weeks before screening date 2027-01-10;
//   //  screening date from 2027-01-11 would pass"
//   DayNumber from;
//   if (criterion_eligible_from(trial, ev, c, from)) format_iso_date(from);  // "2027-01-11"
#pragma once
#include "core/eval/evaluate.h"
#include "core/model/record.h"
#include "core/model/trial.h"

#include <string>
#include <vector>

namespace elig {

// Appends the criterion's reason to `out`.
void append_criterion_reason(const Trial& trial, const Record& record, const Evaluation& ev, size_t criterion, std::string& out);
std::string criterion_reason(const Trial& trial, const Record& record, const Evaluation& ev, size_t criterion);

// "ALT 3.4× ULN (136 U/L, ULN 40 U/L)", "Hemoglobin 72 g/L (7.2 g/dL)":
// a known value as read, with what it came from. With a threshold, the
// value shows enough decimals not to read as the threshold it differs from.
std::string describe_value(const Trial& trial, const Record& record, const Evaluation& ev, int slot, const double* threshold = nullptr);
void append_value(const Trial& trial, const Record& record, const Evaluation& ev, int slot, const double* threshold, std::string& out);

// The earliest reference date at which the criterion's time windows would
// no longer exclude (false when no window stands in the way).
bool criterion_eligible_from(const Trial& trial, const Evaluation& ev, size_t criterion, DayNumber& out);

// What is missing as a reader takes it: a field, or two groups of fields
// of which either settles what they stand for ("measured creatinine
// clearance, or weight to estimate it"), in dictionary order. `or_else`
// is empty for a field alone (then `either` holds it).
struct MissingItem {
    FieldSet either;
    FieldSet or_else;
};
// Of the whole verdict (a field another criterion needs by itself is also
// listed by itself), and of one unknown criterion.
std::vector<MissingItem> missing_items(const Trial& trial, const Evaluation& ev);
std::vector<MissingItem> missing_items(const Trial& trial, const Evaluation& ev, size_t criterion);

// When what rules the patient out is only time windows: the day the last of
// them ends, and the verdict the record has from that day if nothing else
// changes. That verdict is eligible only when every other criterion passes;
// with unknowns it is still incomplete, and saying "eligible from" then
// would promise what the record cannot. `from` is kNoDate when waiting
// cannot help. One rule for the verdict JSON, the text report and the app.
struct AfterTheWindows {
    DayNumber from = kNoDate;
    Status verdict = Status::fail;
};
AfterTheWindows after_the_windows(const Trial& trial, const Evaluation& ev);

} // namespace elig
