#include "evaluate.h"

#include "number_format.h"

#include <cmath>

namespace elig {

namespace {

using State = FieldValue::State;

// ---- Derived values ----------------------------------------------------

void derive_completed_years(const DerivedDef& def, Evaluation& ev, SlotValue& out)
{
    const SlotValue& years = ev.slots[static_cast<size_t>(def.years)];
    const SlotValue& birth = ev.slots[static_cast<size_t>(def.birth_date)];
    const SlotValue& at = ev.slots[static_cast<size_t>(def.at)];
    if (years.known()) {
        out.state = State::known;
        out.number = std::floor(years.number);  // eligibility counts completed years
        out.read = years.read;
    } else if (birth.known() && at.known()) {
        out.state = State::known;
        out.number = completed_years(birth.date, at.date);
        out.read = birth.read;
        out.read |= at.read;
    } else if (birth.known()) {
        out.read = birth.read;
        out.read |= at.read;
        out.missing = at.missing;
    } else {
        out.read = years.read;
        out.missing = years.missing;
    }
}

void derive_multiple_of_uln(const DerivedDef& def, Evaluation& ev, SlotValue& out)
{
    const SlotValue& multiple = ev.slots[static_cast<size_t>(def.multiple)];
    const SlotValue& value = ev.slots[static_cast<size_t>(def.value)];
    const SlotValue& uln = ev.slots[static_cast<size_t>(def.uln)];
    if (multiple.known()) {
        out.state = State::known;
        out.number = multiple.number;
        out.read = multiple.read;
        return;
    }
    out.read = value.read;
    out.read |= uln.read;
    if (value.known() && uln.known()) {
        out.state = State::known;
        out.number = value.number / uln.number;
    } else {
        out.missing = value.missing;
        out.missing |= uln.missing;
    }
}

void derive_creatinine_clearance(const DerivedDef& def, Evaluation& ev, SlotValue& out)
{
    const SlotValue& measured = ev.slots[static_cast<size_t>(def.measured)];
    if (measured.known()) {
        out.state = State::known;
        out.number = measured.number;
        out.read = measured.read;
        return;
    }
    const SlotValue& age = ev.slots[static_cast<size_t>(def.age)];
    const SlotValue& weight = ev.slots[static_cast<size_t>(def.weight_kg)];
    const SlotValue& sex = ev.slots[static_cast<size_t>(def.sex)];
    const SlotValue& creatinine = ev.slots[static_cast<size_t>(def.creatinine)];
    out.read = measured.read;
    for (const SlotValue* input : {&age, &weight, &sex, &creatinine})
        out.read |= input->read;
    if (age.known() && weight.known() && sex.known() && creatinine.known()) {
        // Cockcroft–Gault, with serum creatinine in mg/dL.
        const double creatinine_mg_dl = creatinine.number / def.creatinine_per_mg_dl;
        const double female_factor = sex.enum_index == def.female_value ? 0.85 : 1.0;
        out.state = State::known;
        out.computed = true;
        out.number = (140.0 - age.number) * weight.number * female_factor / (72.0 * creatinine_mg_dl);
        return;
    }
    out.missing = measured.missing;
    for (const SlotValue* input : {&age, &weight, &sex, &creatinine})
        if (!input->known()) out.missing |= input->missing;
}

void derive_implied_value(const Trial& trial, const DerivedDef& def, Evaluation& ev, SlotValue& out)
{
    const SlotValue& field = ev.slots[static_cast<size_t>(def.field)];
    if (field.known()) {
        out = field;
        return;
    }
    const Status condition = evaluate_node(trial, def.condition, ev);
    const NodeResult& result = ev.nodes[static_cast<size_t>(def.condition)];
    out.read = field.read;
    out.read |= result.read;
    if (condition == Status::pass) {
        out.state = State::known;
        out.enum_index = def.implied_enum;
        out.boolean = def.implied_bool;
        return;
    }
    out.missing = field.missing;
    if (condition != Status::fail) out.missing |= result.missing;
}

// ---- Rule nodes --------------------------------------------------------

bool compare(NodeKind kind, double value, double threshold)
{
    const bool equal = nearly_equal(value, threshold);
    switch (kind) {
    case NodeKind::at_least: return equal || value > threshold;
    case NodeKind::at_most: return equal || value < threshold;
    case NodeKind::above: return !equal && value > threshold;
    case NodeKind::below: return !equal && value < threshold;
    default: return false;
    }
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
    if (node.window_unit == WindowUnit::weeks)
        return date + 7 * node.window;
    DayNumber reference = add_months(date, node.window);
    while (window_start(node, reference) < date) ++reference;  // month-end clamping
    return reference;
}

void evaluate_not_within(const Node& node, Evaluation& ev, NodeResult& out)
{
    const SlotValue& date = ev.slots[static_cast<size_t>(node.slot)];
    const SlotValue& reference = ev.slots[static_cast<size_t>(node.reference)];
    const SlotValue* floor = node.reference_floor >= 0 ? &ev.slots[static_cast<size_t>(node.reference_floor)] : nullptr;
    out.read = date.read;
    if (date.state == State::none) {
        out.status = Status::pass;
        return;
    }
    out.read |= reference.read;
    if (floor) out.read |= floor->read;
    // The reference this window is measured from, if known: the reference
    // itself, else (for a floor) whether the floor already settles it.
    if (!date.known()) {
        out.status = Status::unknown;
        out.missing = date.missing;
        if (!reference.known() && !(floor && floor->known()))
            out.missing |= floor ? floor->missing : reference.missing;
        return;
    }
    out.has_eligible_from = true;
    out.eligible_from = earliest_reference(node, date.date);
    if (reference.known()) {
        out.status = status_from_bool(date.date <= window_start(node, reference.date));
        return;
    }
    // The reference is never before its floor: far enough before the floor
    // is far enough before the reference; otherwise it takes the reference.
    if (floor && floor->known() && date.date <= window_start(node, floor->date)) {
        out.status = Status::pass;
        return;
    }
    out.status = Status::unknown;
    out.missing = reference.missing;
    if (floor && !floor->known()) out.missing |= floor->missing;
}

void evaluate_date_order(const Node& node, Evaluation& ev, NodeResult& out)
{
    const SlotValue& date = ev.slots[static_cast<size_t>(node.slot)];
    const SlotValue& reference = ev.slots[static_cast<size_t>(node.reference)];
    out.read = date.read;
    out.read |= reference.read;
    if (date.known() && reference.known()) {
        out.status = status_from_bool(node.kind == NodeKind::earlier_than ? date.date < reference.date : date.date > reference.date);
        return;
    }
    if (date.state == State::none) {
        out.status = Status::fail;  // an event that never happened has no date to compare
        return;
    }
    out.status = Status::unknown;
    if (!date.known()) out.missing |= date.missing;
    if (!reference.known()) out.missing |= reference.missing;
}

void evaluate_leaf(const Node& node, Evaluation& ev, NodeResult& out)
{
    const SlotValue& value = ev.slots[static_cast<size_t>(node.slot)];
    out.read = value.read;
    if (node.kind == NodeKind::is_none) {
        if (value.state == State::absent) {
            out.status = Status::unknown;
            out.missing = value.missing;
        } else {
            out.status = status_from_bool(value.state == State::none);
        }
        return;
    }
    if (!value.known()) {
        out.status = Status::unknown;
        out.missing = value.missing;
        return;
    }
    switch (node.kind) {
    case NodeKind::is_bool: out.status = status_from_bool(value.boolean == node.boolean); break;
    case NodeKind::is_enum: out.status = status_from_bool(value.enum_index == node.enum_index); break;
    case NodeKind::in_enum: out.status = status_from_bool(value.enum_index >= 0 && ((node.enum_mask >> value.enum_index) & 1u)); break;
    default: out.status = status_from_bool(compare(node.kind, value.number, node.number)); break;
    }
}

} // namespace

Status evaluate_node(const Trial& trial, int index, Evaluation& ev)
{
    const Node& node = trial.node(index);
    NodeResult result;
    switch (node.kind) {
    case NodeKind::constant:
        result.status = node.constant;
        break;
    case NodeKind::all:
    case NodeKind::any:
    case NodeKind::readings: {
        const bool all = node.kind == NodeKind::all;
        Status status = all ? Status::pass : Status::fail;
        Status first = Status::pass;
        bool agree = true, any_unknown = false;
        for (int i = 0; i < node.child_count; ++i) {
            const int child = trial.child(node, i);
            const Status s = evaluate_node(trial, child, ev);
            const NodeResult& r = ev.nodes[static_cast<size_t>(child)];
            result.read |= r.read;
            if (s == Status::unknown) {
                result.missing |= r.missing;
                any_unknown = true;
            }
            if (i == 0) first = s;
            else agree &= s == first;
            status = node.kind == NodeKind::all ? status_and(status, s) : status_or(status, s);
        }
        if (node.kind == NodeKind::readings)
            status = any_unknown ? Status::unknown : agree ? first : Status::review;
        result.status = status;
        break;
    }
    case NodeKind::negate: {
        const int child = trial.child(node, 0);
        result.status = status_not(evaluate_node(trial, child, ev));
        result.read = ev.nodes[static_cast<size_t>(child)].read;
        result.missing = ev.nodes[static_cast<size_t>(child)].missing;
        break;
    }
    case NodeKind::if_then_else: {
        const int condition = trial.child(node, 0), then_branch = trial.child(node, 1), else_branch = trial.child(node, 2);
        const Status c = evaluate_node(trial, condition, ev);
        const Status t = evaluate_node(trial, then_branch, ev);
        const Status e = evaluate_node(trial, else_branch, ev);
        const NodeResult& cr = ev.nodes[static_cast<size_t>(condition)];
        const NodeResult& tr = ev.nodes[static_cast<size_t>(then_branch)];
        const NodeResult& er = ev.nodes[static_cast<size_t>(else_branch)];
        result.read = cr.read;
        if (c == Status::pass || c == Status::fail) {
            const NodeResult& chosen = c == Status::pass ? tr : er;
            result.status = chosen.status;
            result.read |= chosen.read;
            result.missing = chosen.missing;
            break;
        }
        // Condition undecided: settled only if both branches agree.
        result.read |= tr.read;
        result.read |= er.read;
        if (t == Status::unknown) result.missing |= tr.missing;
        if (e == Status::unknown) result.missing |= er.missing;
        if (t == e) {
            result.status = t;
        } else {
            result.status = c == Status::review ? Status::review : Status::unknown;
            result.missing |= cr.missing;
        }
        break;
    }
    case NodeKind::not_within:
        evaluate_not_within(node, ev, result);
        break;
    case NodeKind::earlier_than:
    case NodeKind::later_than:
        evaluate_date_order(node, ev, result);
        break;
    default:
        evaluate_leaf(node, ev, result);
        break;
    }
    if (result.status != Status::unknown) result.missing = FieldSet{};
    ev.nodes[static_cast<size_t>(index)] = result;
    return result.status;
}

void derive_slots(const Trial& trial, const Record& record, Evaluation& ev)
{
    ev.slots.resize(static_cast<size_t>(trial.slot_count()));
    ev.nodes.resize(trial.nodes.size());
    ev.excluded = FieldSet{};
    for (size_t i = 0; i < trial.fields.size(); ++i) {
        const FieldValue& value = record.values[i];
        SlotValue& slot = ev.slots[i];
        slot.state = value.state;
        slot.boolean = value.boolean;
        slot.computed = false;
        slot.enum_index = value.enum_index;
        slot.date = value.date;
        slot.number = value.number;
        slot.read = FieldSet::of(i);
        slot.missing = value.absent() ? FieldSet::of(i) : FieldSet{};
    }
    for (size_t d = 0; d < trial.derived.size(); ++d) {
        const DerivedDef& def = trial.derived[d];
        SlotValue out;
        switch (def.function) {
        case DerivedFunction::completed_years: derive_completed_years(def, ev, out); break;
        case DerivedFunction::multiple_of_uln: {
            derive_multiple_of_uln(def, ev, out);
            // A multiple and its value/ULN pair are alternatives: while one is
            // given, the other cannot be, so it is never reported missing.
            const size_t multiple = static_cast<size_t>(def.multiple);
            if (!record.values[multiple].absent()) {
                ev.excluded.insert(static_cast<size_t>(def.value));
                ev.excluded.insert(static_cast<size_t>(def.uln));
            } else if (!record.values[static_cast<size_t>(def.value)].absent() || !record.values[static_cast<size_t>(def.uln)].absent()) {
                ev.excluded.insert(multiple);
            }
            break;
        }
        case DerivedFunction::cockcroft_gault_unless_measured: derive_creatinine_clearance(def, ev, out); break;
        case DerivedFunction::implied_value: derive_implied_value(trial, def, ev, out); break;
        }
        ev.slots[trial.fields.size() + d] = out;
    }
}

void evaluate(const Trial& trial, const Record& record, Evaluation& ev)
{
    derive_slots(trial, record, ev);
    ev.criteria.resize(trial.criteria.size());
    ev.criteria_missing.resize(trial.criteria.size());
    ev.overall = Status::pass;
    ev.missing = FieldSet{};
    for (size_t c = 0; c < trial.criteria.size(); ++c) {
        const int rule = trial.criteria[c].rule;
        const Status status = evaluate_node(trial, rule, ev);
        ev.criteria[c] = status;
        ev.criteria_missing[c] = ev.nodes[static_cast<size_t>(rule)].missing.without(ev.excluded);
        ev.missing |= ev.criteria_missing[c];
        ev.overall = status_and(ev.overall, status);
    }
}

} // namespace elig
