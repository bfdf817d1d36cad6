// The reason sentence of a criterion, with the actual values and
// thresholds: "ALT 3.4× ULN (136 U/L, ULN 40 U/L) exceeds 3× ULN".
// Built from the evaluated rule tree; only called when a verdict is shown.
#pragma once
#include "evaluate.h"
#include "record.h"
#include "trial.h"

#include <string>

namespace elig {

std::string criterion_reason(const Trial& trial, const Record& record, const Evaluation& ev, size_t criterion);

// The node's reason (for rules outside criteria, and tests).
std::string rule_reason(const Trial& trial, const Record& record, const Evaluation& ev, int node);

// "ALT 3.4× ULN (136 U/L, ULN 40 U/L)", "Hemoglobin 72 g/L (7.2 g/dL)":
// a known value as read, with what it came from.
std::string describe_value(const Trial& trial, const Record& record, const Evaluation& ev, int slot, const double* threshold = nullptr);

// The earliest reference date at which the criterion's time windows would
// no longer exclude (returns false when no window is open).
bool criterion_eligible_from(const Trial& trial, const Evaluation& ev, size_t criterion, DayNumber& out);

} // namespace elig
