// Evaluates a valid record against a trial: derived values first (age,
// multiples of ULN, creatinine clearance, implied values), then every rule
// node with Kleene three-valued logic, then each criterion and the overall
// verdict, with the fields still missing. An Evaluation is reusable:
// evaluating into the same one again allocates nothing.
//
// The fields each criterion read are not collected here (nothing decides
// on them); fields_read() walks the evaluated rule when a verdict is shown.
#pragma once
#include "field_set.h"
#include "record.h"
#include "status.h"
#include "trial.h"

#include <climits>
#include <vector>

namespace elig {

// A derived value for one record, with the record fields it came from and,
// while unknown, the fields whose absence keeps it so.
struct DerivedValue : Value {
    bool computed = false;  // cockcroft_gault_unless_measured: estimated, not measured
    FieldSet read;
    FieldSet missing;
};

inline constexpr DayNumber kNoDate = INT32_MIN;

struct Evaluation {
    std::vector<DerivedValue> derived;     // like Trial::derived
    std::vector<Status> nodes;             // like Trial::nodes
    std::vector<DayNumber> eligible_from;  // not_within nodes: the earliest reference date that passes
    std::vector<Status> criteria;          // like Trial::criteria
    std::vector<FieldSet> criteria_missing;
    Status overall = Status::unknown;
    FieldSet missing;                      // union over unknown criteria
    FieldSet excluded;                     // fields that cannot be given: an alternative was
};

void evaluate(const Trial& trial, const Record& record, Evaluation& out);

// The value a rule sees in a slot: a record field's, or a derived value.
inline const Value& slot_value(const Trial& trial, const Record& record, const Evaluation& ev, int slot)
{
    if (trial.is_field(slot)) return record.values[static_cast<size_t>(slot)];
    return ev.derived[static_cast<size_t>(slot) - trial.fields.size()];
}

// The record fields an evaluated rule node read (derived values name the
// fields they came from), and the fields whose absence keeps it unknown.
FieldSet fields_read(const Trial& trial, const Record& record, const Evaluation& ev, int node);
FieldSet fields_missing(const Trial& trial, const Record& record, const Evaluation& ev, int node);

// The two steps of evaluate(), also used to check a record's cross-field
// constraints: derive_values() fills out.derived; evaluate_node() evaluates
// one rule (and its descendants) against them.
void derive_values(const Trial& trial, const Record& record, Evaluation& out);
Status evaluate_node(const Trial& trial, const Record& record, int node, Evaluation& out);

} // namespace elig
