// The reason sentence of a criterion, with the actual values and
// thresholds: "ALT 3.4× ULN (136 U/L, ULN 40 U/L) exceeds 3× ULN".
// Built from the evaluated rule tree, only when a verdict is shown.
#pragma once
#include "evaluate.h"
#include "record.h"
#include "trial.h"

#include <string>

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

} // namespace elig
