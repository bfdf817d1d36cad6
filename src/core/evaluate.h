// Evaluates a valid record against a trial: derived values first (age,
// multiples of ULN, creatinine clearance, implied values), then every rule
// node with Kleene three-valued logic, then each criterion and the overall
// verdict. An Evaluation is reusable: evaluating into the same one again
// allocates nothing.
#pragma once
#include "field_set.h"
#include "record.h"
#include "status.h"
#include "trial.h"

#include <vector>

namespace elig {

// A field's or derived value's value for one record, with the record fields
// it was read from and, while unknown, the fields whose absence keeps it so.
struct SlotValue {
    FieldValue::State state = FieldValue::State::absent;
    bool boolean = false;
    bool computed = false;     // cockcroft_gault_unless_measured: estimated, not measured
    int16_t enum_index = -1;
    DayNumber date = 0;
    double number = 0;
    FieldSet read;
    FieldSet missing;

    bool known() const { return state == FieldValue::State::known; }
};

struct NodeResult {
    Status status = Status::unknown;
    bool has_eligible_from = false;  // not_within: the earliest reference date that would pass
    DayNumber eligible_from = 0;
    FieldSet read;
    FieldSet missing;
};

struct Evaluation {
    std::vector<SlotValue> slots;
    std::vector<NodeResult> nodes;
    std::vector<Status> criteria;         // like Trial::criteria
    std::vector<FieldSet> criteria_missing;
    Status overall = Status::unknown;
    FieldSet missing;                     // union over unknown criteria
    FieldSet excluded;                    // fields that cannot be given: an alternative was
};

void evaluate(const Trial& trial, const Record& record, Evaluation& out);

// The two steps of evaluate(), also used to check a record's cross-field
// constraints: derive_slots() fills out.slots; evaluate_node() evaluates one
// rule (and its descendants) against them.
void derive_slots(const Trial& trial, const Record& record, Evaluation& out);
Status evaluate_node(const Trial& trial, int node, Evaluation& out);

} // namespace elig
