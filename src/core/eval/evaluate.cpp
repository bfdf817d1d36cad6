#include "core/eval/evaluate.h"

#include "core/base/number_format.h"

#include <cmath>

namespace elig {

namespace {

using State = Value::State;

// The fields a slot was read from, and those keeping it unknown.
FieldSet slot_read(const Trial& trial, const Evaluation& ev, int slot)
{
    if (trial.is_field(slot)) return FieldSet::of_field(slot);
    return ev.derived_value(trial, slot).read;
}

FieldSet slot_missing(const Trial& trial, const Record& record, const Evaluation& ev, int slot)
{
    if (trial.is_field(slot))
        return record.value(slot).absent() ? FieldSet::of_field(slot) : FieldSet{};
    return ev.derived_value(trial, slot).missing;
}

// ---- Derived values ----------------------------------------------------

struct Deriver {
    const Trial& trial;
    const Record& record;
    Evaluation& ev;

    const Value& value(int slot) const { return slot_value(trial, record, ev, slot); }
    FieldSet read(int slot) const { return slot_read(trial, ev, slot); }
    FieldSet missing(int slot) const { return slot_missing(trial, record, ev, slot); }

    void completed_years(const DerivedDef& def, DerivedValue& out) const
    {
        const Value& years = value(def.years);
        const Value& birth = value(def.birth_date);
        const Value& at = value(def.at);
        if (years.known()) {
            out.state = State::known;
            out.number = std::floor(years.number);  // eligibility counts completed years
            out.read = read(def.years);
        } else if (birth.known() && at.known()) {
            out.state = State::known;
            out.number = elig::completed_years(birth.date, at.date);
            out.read = read(def.birth_date);
            out.read |= read(def.at);
        } else if (birth.known()) {
            out.read = read(def.birth_date);
            out.read |= read(def.at);
            out.missing = missing(def.at);
        } else {
            out.read = read(def.years);
            out.missing = missing(def.years);
        }
    }

    // A multiple and its value/ULN pair are alternatives: while one is
    // given, the other cannot be, so it is never reported missing.
    void exclude_alternatives(const DerivedDef& def) const
    {
        if (!record.value(def.multiple).absent()) {
            ev.excluded.insert_field(def.value);
            ev.excluded.insert_field(def.uln);
        } else if (!record.value(def.value).absent() || !record.value(def.uln).absent()) {
            ev.excluded.insert_field(def.multiple);
        }
    }

    void multiple_of_uln(const DerivedDef& def, DerivedValue& out) const
    {
        const Value& multiple = value(def.multiple);
        if (multiple.known()) {
            out.state = State::known;
            out.number = multiple.number;
            out.read = read(def.multiple);
        } else {
            const Value& v = value(def.value);
            const Value& uln = value(def.uln);
            out.read = read(def.value);
            out.read |= read(def.uln);
            if (v.known() && uln.known()) {
                out.state = State::known;
                out.number = v.number / uln.number;
            } else {
                out.missing = missing(def.value);
                out.missing |= missing(def.uln);
            }
        }
    }

    void creatinine_clearance(const DerivedDef& def, DerivedValue& out) const
    {
        const Value& measured = value(def.measured);
        if (measured.known()) {
            out.state = State::known;
            out.number = measured.number;
            out.read = read(def.measured);
            return;
        }
        const int inputs[4] = {def.age, def.weight_kg, def.sex, def.creatinine};
        out.read = read(def.measured);
        bool all_known = true;
        for (int slot : inputs) {
            out.read |= read(slot);
            all_known &= value(slot).known();
        }
        if (all_known) {
            // Cockcroft–Gault, with serum creatinine in mg/dL.
            const double creatinine_mg_dl = value(def.creatinine).number / def.creatinine_per_mg_dl;
            const double female_factor = value(def.sex).enum_index == def.female_value ? 0.85 : 1.0;
            out.state = State::known;
            out.computed = true;
            out.number = (140.0 - value(def.age).number) * value(def.weight_kg).number * female_factor / (72.0 * creatinine_mg_dl);
            return;
        }
        out.missing = missing(def.measured);
        // With the creatinine given only as a multiple of ULN, no estimate
        // is possible: only a measurement can help.
        if (trial.is_field(def.creatinine) && ev.excluded.contains_field(def.creatinine)) return;
        out.instead = out.missing;  // the measurement, or the estimate's inputs
        for (int slot : inputs)
            if (!value(slot).known()) out.missing |= missing(slot);
    }

    void implied_value(const DerivedDef& def, DerivedValue& out) const
    {
        const Value& field = value(def.field);
        out.read = read(def.field);
        if (field.known()) {
            static_cast<Value&>(out) = field;
            return;
        }
        const Status condition = evaluate_node(trial, record, def.condition, ev);
        out.read |= fields_read(trial, record, ev, def.condition);
        if (condition == Status::pass) {
            out.state = State::known;
            out.enum_index = def.implied_enum;
            out.boolean = def.implied_bool;
            return;
        }
        out.missing = missing(def.field);
        if (condition != Status::fail) out.missing |= fields_missing(trial, record, ev, def.condition);
    }
};

// ---- Rule nodes --------------------------------------------------------

bool compare(NodeKind kind, double value, double threshold)
{
    const bool equal = nearly_equal(value, threshold);
    switch (kind) {
    case NodeKind::at_least: return equal || value > threshold;
    case NodeKind::at_most: return equal || value < threshold;
    case NodeKind::above: return !equal && value > threshold;
    case NodeKind::below: return !equal && value < threshold;
    case NodeKind::constant: case NodeKind::all: case NodeKind::any: case NodeKind::negate: case NodeKind::if_then_else:
    case NodeKind::readings: case NodeKind::is_bool: case NodeKind::is_enum: case NodeKind::in_enum: case NodeKind::is_none:
    case NodeKind::not_within: case NodeKind::earlier_than: case NodeKind::later_than: break;  // not comparisons
    }
    return false;
}

// Start of the window "within N weeks/months before `reference`": a date
// after it is within the window.
DayNumber window_start(const Node& node, DayNumber reference)
{
    return node.window_unit == WindowUnit::weeks ? reference - 7 * node.window : add_months(reference, -node.window);
}

// The earliest reference date for which `date` is no longer within the window.
DayNumber earliest_reference(const Node& node, DayNumber date)
{
    if (node.window_unit == WindowUnit::weeks) return date + 7 * node.window;
    DayNumber reference = add_months(date, node.window);
    while (window_start(node, reference) < date) ++reference;  // month-end clamping
    return reference;
}

Status evaluate_not_within(const Trial& trial, const Record& record, const Node& node, Evaluation& ev, DayNumber& eligible_from)
{
    const Value& date = slot_value(trial, record, ev, node.slot);
    if (date.state == State::none) return Status::pass;
    if (!date.known()) return Status::unknown;
    eligible_from = earliest_reference(node, date.date);
    const Value& reference = slot_value(trial, record, ev, node.reference);
    if (reference.known()) return status_from_bool(date.date <= window_start(node, reference.date));
    // The reference is never before its floor: far enough before the floor
    // is far enough before the reference.
    if (node.reference_floor >= 0) {
        const Value& floor = slot_value(trial, record, ev, node.reference_floor);
        if (floor.known() && date.date <= window_start(node, floor.date)) return Status::pass;
    }
    return Status::unknown;
}

Status evaluate_leaf(const Value& value, const Node& node)
{
    if (node.kind == NodeKind::is_none)
        return value.absent() ? Status::unknown : status_from_bool(value.state == State::none);
    if (!value.known()) return Status::unknown;
    switch (node.kind) {
    case NodeKind::is_bool: return status_from_bool(value.boolean == node.boolean);
    case NodeKind::is_enum: return status_from_bool(value.enum_index == node.enum_index);
    case NodeKind::in_enum: return status_from_bool(value.enum_index >= 0 && ((node.enum_mask >> value.enum_index) & 1u));
    case NodeKind::at_least:
    case NodeKind::at_most:
    case NodeKind::above:
    case NodeKind::below: return status_from_bool(compare(node.kind, value.number, node.number));
    case NodeKind::constant: case NodeKind::all: case NodeKind::any: case NodeKind::negate: case NodeKind::if_then_else:
    case NodeKind::readings: case NodeKind::is_none: case NodeKind::not_within: case NodeKind::earlier_than:
    case NodeKind::later_than: break;  // evaluated by evaluate_node()
    }
    return Status::unknown;
}

} // namespace

Status evaluate_node(const Trial& trial, const Record& record, int index, Evaluation& ev)
{
    const Node& node = trial.node(index);
    Status status = Status::unknown;
    switch (node.kind) {
    case NodeKind::constant:
        status = node.constant;
        break;
    case NodeKind::all:
    case NodeKind::any:
    case NodeKind::readings:
    case NodeKind::negate:
    case NodeKind::if_then_else:
        // Every child is evaluated (no short cut): reasons and missing
        // fields read their statuses.
        status = combine(node, [&](int i) { return evaluate_node(trial, record, trial.child(node, i), ev); });
        break;
    case NodeKind::not_within: {
        DayNumber from = kNoDate;
        status = evaluate_not_within(trial, record, node, ev, from);
        ev.set_eligible_from(index, from);
        break;
    }
    case NodeKind::earlier_than:
    case NodeKind::later_than: {
        const Value& date = slot_value(trial, record, ev, node.slot);
        const Value& reference = slot_value(trial, record, ev, node.reference);
        if (date.known() && reference.known())
            status = status_from_bool(node.kind == NodeKind::earlier_than ? date.date < reference.date : date.date > reference.date);
        else if (date.state == State::none)
            status = Status::fail;  // an event that never happened has no date to compare
        break;
    }
    case NodeKind::is_bool:
    case NodeKind::is_enum:
    case NodeKind::in_enum:
    case NodeKind::is_none:
    case NodeKind::at_least:
    case NodeKind::at_most:
    case NodeKind::above:
    case NodeKind::below:
        status = evaluate_leaf(slot_value(trial, record, ev, node.slot), node);
        break;
    }
    ev.set_status(index, status);
    return status;
}

namespace {

// Both walks only ever add fields, so they accumulate into one set.
void add_reads(const Trial& trial, const Record& record, const Evaluation& ev, int index, FieldSet& read)
{
    const Node& node = trial.node(index);
    if (node.reads_fixed_fields) {
        read |= node.fixed_reads;
        return;
    }
    switch (node.kind) {
    case NodeKind::constant:
        break;
    case NodeKind::if_then_else: {
        const int condition = trial.child(node, 0);
        const Status c = ev.status(condition);
        add_reads(trial, record, ev, condition, read);
        if (c != Status::fail) add_reads(trial, record, ev, trial.child(node, 1), read);
        if (c != Status::pass) add_reads(trial, record, ev, trial.child(node, 2), read);
        break;
    }
    case NodeKind::not_within:
        read |= slot_read(trial, ev, node.slot);
        if (slot_value(trial, record, ev, node.slot).state == State::none) break;
        read |= slot_read(trial, ev, node.reference);
        if (node.reference_floor >= 0) read |= slot_read(trial, ev, node.reference_floor);
        break;
    case NodeKind::earlier_than:
    case NodeKind::later_than:
        read |= slot_read(trial, ev, node.slot);
        read |= slot_read(trial, ev, node.reference);
        break;
    case NodeKind::all:
    case NodeKind::any:
    case NodeKind::negate:
    case NodeKind::readings:
        for (int i = 0; i < node.child_count; ++i) add_reads(trial, record, ev, trial.child(node, i), read);
        break;
    case NodeKind::is_bool:
    case NodeKind::is_enum:
    case NodeKind::in_enum:
    case NodeKind::is_none:
    case NodeKind::at_least:
    case NodeKind::at_most:
    case NodeKind::above:
    case NodeKind::below:
        read |= slot_read(trial, ev, node.slot);
        break;
    }
}

void add_missing(const Trial& trial, const Record& record, const Evaluation& ev, int index, FieldSet& missing)
{
    if (ev.status(index) != Status::unknown) return;
    const Node& node = trial.node(index);
    switch (node.kind) {
    case NodeKind::constant:
        break;
    case NodeKind::if_then_else: {
        const int condition = trial.child(node, 0), then_branch = trial.child(node, 1), else_branch = trial.child(node, 2);
        const Status c = ev.status(condition);
        if (c == Status::pass) return add_missing(trial, record, ev, then_branch, missing);
        if (c == Status::fail) return add_missing(trial, record, ev, else_branch, missing);
        // Undecided condition: supplying it decides unless both branches agree.
        add_missing(trial, record, ev, then_branch, missing);
        add_missing(trial, record, ev, else_branch, missing);
        if (ev.status(then_branch) != ev.status(else_branch))
            add_missing(trial, record, ev, condition, missing);
        break;
    }
    case NodeKind::not_within: {
        const Value& date = slot_value(trial, record, ev, node.slot);
        const bool reference_known = slot_value(trial, record, ev, node.reference).known();
        const bool floor_known = node.reference_floor >= 0 && slot_value(trial, record, ev, node.reference_floor).known();
        if (!date.known()) missing |= slot_missing(trial, record, ev, node.slot);
        else missing |= slot_missing(trial, record, ev, node.reference);  // the date is too recent for the floor
        // The window is measured from the reference, or while that is
        // unknown, from its floor: whichever is there, the other is not needed.
        if (!reference_known && !floor_known)
            missing |= slot_missing(trial, record, ev, node.reference_floor >= 0 ? node.reference_floor : node.reference);
        break;
    }
    case NodeKind::earlier_than:
    case NodeKind::later_than:
        missing |= slot_missing(trial, record, ev, node.slot);
        missing |= slot_missing(trial, record, ev, node.reference);
        break;
    case NodeKind::all:
    case NodeKind::any:
    case NodeKind::negate:
    case NodeKind::readings:
        for (int i = 0; i < node.child_count; ++i) add_missing(trial, record, ev, trial.child(node, i), missing);
        break;
    case NodeKind::is_bool:
    case NodeKind::is_enum:
    case NodeKind::in_enum:
    case NodeKind::is_none:
    case NodeKind::at_least:
    case NodeKind::at_most:
    case NodeKind::above:
    case NodeKind::below:
        if (trial.is_field(node.slot)) missing.insert_field(node.slot);  // unknown: the field is absent
        else missing |= slot_missing(trial, record, ev, node.slot);
        break;
    }
}

} // namespace

FieldSet fields_read(const Trial& trial, const Record& record, const Evaluation& ev, int node)
{
    FieldSet read;
    add_reads(trial, record, ev, node, read);
    return read;
}

FieldSet fields_missing(const Trial& trial, const Record& record, const Evaluation& ev, int node)
{
    FieldSet missing;
    add_missing(trial, record, ev, node, missing);
    return missing;
}

void derive_values(const Trial& trial, const Record& record, Evaluation& ev)
{
    ev.derived.resize(trial.derived.size());
    ev.nodes.resize(trial.nodes.size());
    ev.eligible_from.resize(trial.nodes.size());
    ev.excluded = FieldSet{};
    const Deriver deriver{trial, record, ev};
    for (const DerivedDef& def : trial.derived)
        if (def.function == DerivedFunction::multiple_of_uln) deriver.exclude_alternatives(def);
    for (size_t d = 0; d < trial.derived.size(); ++d) {
        const DerivedDef& def = trial.derived[d];
        DerivedValue& out = ev.derived[d];
        out = DerivedValue{};
        switch (def.function) {
        case DerivedFunction::completed_years: deriver.completed_years(def, out); break;
        case DerivedFunction::multiple_of_uln: deriver.multiple_of_uln(def, out); break;
        case DerivedFunction::cockcroft_gault_unless_measured: deriver.creatinine_clearance(def, out); break;
        case DerivedFunction::implied_value: deriver.implied_value(def, out); break;
        }
    }
}

namespace {

void evaluate_criteria(const Trial& trial, const Record& record, Evaluation& ev, bool with_missing)
{
    ev.criteria.resize(trial.criteria.size());
    ev.criteria_missing.resize(trial.criteria.size());
    ev.overall = Status::pass;
    ev.missing = FieldSet{};
    for (size_t c = 0; c < trial.criteria.size(); ++c) {
        const int rule = trial.criteria[c].rule;
        const Status status = evaluate_node(trial, record, rule, ev);
        ev.criteria[c] = status;
        ev.criteria_missing[c] = with_missing && status == Status::unknown ? fields_missing(trial, record, ev, rule).without(ev.excluded) : FieldSet{};
        ev.missing |= ev.criteria_missing[c];
        ev.overall = status_and(ev.overall, status);
    }
}

} // namespace

void evaluate(const Trial& trial, const Record& record, Evaluation& ev)
{
    derive_values(trial, record, ev);
    evaluate_criteria(trial, record, ev, true);
}

void evaluate_statuses(const Trial& trial, const Record& record, Evaluation& ev)
{
    derive_values(trial, record, ev);
    evaluate_criteria(trial, record, ev, false);
}

void evaluate_statuses_derived(const Trial& trial, const Record& record, Evaluation& ev) { evaluate_criteria(trial, record, ev, false); }

} // namespace elig
