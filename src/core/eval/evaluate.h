// Evaluates a valid record against a trial: derived values first (age,
// multiples of ULN, creatinine clearance, implied values), then every rule
// node with Kleene three-valued logic, then each criterion and the overall
// verdict, with the fields still missing. An Evaluation is reusable:
// evaluating into the same one again allocates nothing.
//
// The fields each criterion read are not collected here (nothing decides
// on them); fields_read() walks the evaluated rule when a verdict is shown.
//
// Example (record in, verdict out):
//   RecordReader reader(trial);
//   Record record;
//   std::vector<InputError> errors;
//   if (!reader.read(R"({"lvef": 40, "screening_date": "2027-01-10"})", record, errors)) return report(errors);
//   Evaluation ev;
//   evaluate(trial, record, ev);
//   ev.overall;                                    // Status::fail: LVEF 40% is below 45%
//   ev.criteria[c];                                // each criterion's status
//   criterion_reason(trial, record, ev, c);        // "LVEF 40% is below the required 45%" (reason.h)
//   for_each_field(ev.missing, [&](size_t f) { ask_for(trial.fields[f]); });
#pragma once
#include "core/base/field_set.h"
#include "core/base/status.h"
#include "core/model/record.h"
#include "core/model/trial.h"

#include <climits>
#include <vector>

namespace elig {

// A derived value for one record, with the record fields it came from and,
// while unknown, the fields whose absence keeps it so.
struct DerivedValue : Value {
    bool computed = false;  // cockcroft_gault_unless_measured: estimated, not measured
    FieldSet read;
    FieldSet missing;
    // Of `missing`, the fields that settle the value by themselves, instead
    // of all the others (a measured clearance, instead of weight and the rest
    // for an estimate): what is missing is "these, or those".
    FieldSet instead;
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

    Status status(int node) const
    {
        ELIG_ASSERT(node >= 0 && static_cast<size_t>(node) < nodes.size());
        return nodes[static_cast<size_t>(node)];
    }
    void set_status(int node, Status status)
    {
        ELIG_ASSERT(node >= 0 && static_cast<size_t>(node) < nodes.size());
        nodes[static_cast<size_t>(node)] = status;
    }
    DayNumber eligible_from_at(int node) const
    {
        ELIG_ASSERT(node >= 0 && static_cast<size_t>(node) < eligible_from.size());
        return eligible_from[static_cast<size_t>(node)];
    }
    void set_eligible_from(int node, DayNumber date)
    {
        ELIG_ASSERT(node >= 0 && static_cast<size_t>(node) < eligible_from.size());
        eligible_from[static_cast<size_t>(node)] = date;
    }
    const DerivedValue& derived_value(const Trial& trial, int slot) const { return derived[trial.derived_index(slot)]; }
};

void evaluate(const Trial& trial, const Record& record, Evaluation& out);
// The statuses alone (each criterion's and the overall), for what-if
// questions that ask only what an answer decides: `criteria_missing` and
// `missing` stay empty, which saves a fifth of the time.
void evaluate_statuses(const Trial& trial, const Record& record, Evaluation& out);
// The same for a record whose derived values `out` already holds
// (derive_values() ran on this record into it, as RecordReader's
// cross-field checks do: see RecordReader::evaluation()).
void evaluate_statuses_derived(const Trial& trial, const Record& record, Evaluation& out);

// The value a rule sees in a slot: a record field's, or a derived value.
inline const Value& slot_value(const Trial& trial, const Record& record, const Evaluation& ev, int slot)
{
    if (trial.is_field(slot)) return record.value(slot);
    return ev.derived_value(trial, slot);
}

// The record fields an evaluated rule node read (derived values name the
// fields they came from), and the fields whose absence keeps it unknown.
FieldSet fields_read(const Trial& trial, const Record& record, const Evaluation& ev, int node);
FieldSet fields_missing(const Trial& trial, const Record& record, const Evaluation& ev, int node);

// A combining node's status from its children's (all, any, not, if,
// readings): `child(i)` gives the status of child i. Shared by evaluation
// and by what-if questions such as "would waiting out the windows help?".
template <typename ChildStatus>
Status combine(const Node& node, ChildStatus&& child)
{
    switch (node.kind) {
    case NodeKind::all: {
        Status status = Status::pass;
        for (int i = 0; i < node.child_count; ++i) status = status_and(status, child(i));
        return status;
    }
    case NodeKind::any: {
        Status status = Status::fail;
        for (int i = 0; i < node.child_count; ++i) status = status_or(status, child(i));
        return status;
    }
    case NodeKind::readings: {
        const Status first = child(0);
        bool agree = true, any_unknown = first == Status::unknown;
        for (int i = 1; i < node.child_count; ++i) {
            const Status s = child(i);
            agree &= s == first;
            any_unknown |= s == Status::unknown;
        }
        return any_unknown ? Status::unknown : agree ? first : Status::review;
    }
    case NodeKind::negate:
        return status_not(child(0));
    case NodeKind::if_then_else: {
        const Status c = child(0), t = child(1), e = child(2);
        if (c == Status::pass) return t;
        if (c == Status::fail) return e;
        if (t == e) return t;  // undecided condition, but both branches agree
        return c == Status::review ? Status::review : Status::unknown;
    }
    case NodeKind::constant: case NodeKind::is_bool: case NodeKind::is_enum: case NodeKind::in_enum: case NodeKind::is_none:
    case NodeKind::at_least: case NodeKind::at_most: case NodeKind::above: case NodeKind::below: case NodeKind::not_within:
    case NodeKind::earlier_than: case NodeKind::later_than: break;  // no children to combine
    }
    return Status::unknown;
}

// The two steps of evaluate(), also used to check a record's cross-field
// constraints: derive_values() fills out.derived; evaluate_node() evaluates
// one rule (and its descendants) against them.
void derive_values(const Trial& trial, const Record& record, Evaluation& out);
Status evaluate_node(const Trial& trial, const Record& record, int node, Evaluation& out);

} // namespace elig
