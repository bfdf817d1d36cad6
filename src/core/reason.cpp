#include "reason.h"

#include "number_format.h"

namespace elig {

namespace {

// Appends the clauses of `part` that `out` does not have yet: the same
// value may be read by several branches of a rule.
void join(std::string& out, const std::string& part)
{
    size_t start = 0;
    while (start < part.size()) {
        size_t end = part.find("; ", start);
        if (end == std::string::npos) end = part.size();
        const std::string_view clause(part.data() + start, end - start);
        bool present = false;
        for (size_t at = 0; !present && (at = out.find(clause, at)) != std::string::npos; at += clause.size())
            present = (at == 0 || out.compare(at - 2, 2, "; ") == 0) &&
                      (at + clause.size() == out.size() || out.compare(at + clause.size(), 2, "; ") == 0);
        if (!present && !clause.empty()) {
            if (!out.empty()) out += "; ";
            out += clause;
        }
        start = end + 2;
    }
}

std::string lower_first(std::string text)
{
    if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z' && !(text.size() > 1 && text[1] >= 'A' && text[1] <= 'Z'))
        text[0] = static_cast<char>(text[0] - 'A' + 'a');
    return text;
}

class ReasonWriter {
public:
    ReasonWriter(const Trial& trial, const Record& record, const Evaluation& ev) : trial_(trial), record_(record), ev_(ev) {}

    std::string node(int index) const;

private:
    const Trial& trial_;
    const Record& record_;
    const Evaluation& ev_;

    Status status(int index) const { return ev_.nodes[static_cast<size_t>(index)].status; }
    const SlotValue& slot(int index) const { return ev_.slots[static_cast<size_t>(index)]; }
    std::string label(int slot_index) const { return trial_.slot_label(slot_index); }

    std::string enum_label(int slot_index, int16_t value) const
    {
        const FieldDef* source = trial_.enum_source(slot_index);
        if (!source || value < 0 || static_cast<size_t>(value) >= source->values.size()) return "?";
        return source->values[static_cast<size_t>(value)].label;
    }

    std::string not_known(int slot_index) const;
    // " (sex: Male)" when an implied_value stands in for an absent field.
    std::string implied_note(int slot_index) const
    {
        if (trial_.is_field(slot_index)) return {};
        const DerivedDef& def = trial_.derived_at(slot_index);
        if (def.function != DerivedFunction::implied_value || !record_.values[static_cast<size_t>(def.field)].absent()) return {};
        return " (implied: " + lower_first(node(def.condition)) + ")";
    }
    std::string leaf(const Node& n, Status s) const;
    std::string window(const Node& n, int index, Status s) const;
};

std::string ReasonWriter::not_known(int slot_index) const
{
    if (trial_.is_field(slot_index)) return label(slot_index) + ": not recorded";
    // A derived value: name what it still needs.
    std::string needs;
    for_each_field(slot(slot_index).missing.without(ev_.excluded), [&](size_t f) {
        needs += (needs.empty() ? "" : ", ") + lower_first(trial_.fields[f].label);
    });
    if (needs.empty() || needs == lower_first(label(slot_index))) return label(slot_index) + ": not recorded";
    return label(slot_index) + ": not known (needs " + needs + ")";
}

std::string ReasonWriter::window(const Node& n, int index, Status s) const
{
    const SlotValue& date = slot(n.slot);
    const NodeResult& result = ev_.nodes[static_cast<size_t>(index)];
    const std::string span = std::to_string(n.window) + (n.window_unit == WindowUnit::weeks ? " week" : " month") + (n.window == 1 ? "" : "s");
    if (date.state == FieldValue::State::none) return label(n.slot) + ": none";
    if (!date.known()) return label(n.slot) + ": not recorded";
    const std::string what = label(n.slot) + " " + format_iso_date(date.date);
    const SlotValue& reference = slot(n.reference);
    const std::string from = result.has_eligible_from ? format_iso_date(result.eligible_from) : "";
    if (reference.known()) {
        const std::string ref = lower_first(label(n.reference)) + " " + format_iso_date(reference.date);
        if (s == Status::pass) return what + " is " + span + " or more before " + ref;
        return what + " is within " + span + " before " + ref + " (" + lower_first(label(n.reference)) + " from " + from + " would pass)";
    }
    const SlotValue* floor = n.reference_floor >= 0 ? &slot(n.reference_floor) : nullptr;
    if (s == Status::pass && floor)
        return what + " is " + span + " or more before " + lower_first(label(n.reference_floor)) + " " + format_iso_date(floor->date) +
               ", so before any " + lower_first(label(n.reference));
    std::string text = what + ": " + lower_first(label(n.reference)) + " not recorded";
    if (floor && floor->known())
        text += " (it is less than " + span + " before " + lower_first(label(n.reference_floor)) + " " + format_iso_date(floor->date) + ")";
    return text + "; " + lower_first(label(n.reference)) + " from " + from + " would pass";
}

std::string ReasonWriter::leaf(const Node& n, Status s) const
{
    const SlotValue& value = slot(n.slot);
    if (n.kind == NodeKind::is_none) {
        if (value.state == FieldValue::State::absent) return not_known(n.slot);
        return label(n.slot) + ": " + (value.state == FieldValue::State::none ? "none" : format_iso_date(value.date));
    }
    if (!value.known()) return not_known(n.slot);
    switch (n.kind) {
    case NodeKind::is_bool: {
        const std::string said = label(n.slot) + ": " + (value.boolean ? "yes" : "no") + implied_note(n.slot);
        if (s == Status::pass) return said;
        return said + (n.boolean ? " (required)" : " (excludes)");
    }
    case NodeKind::is_enum:
        if (s == Status::pass) return label(n.slot) + ": " + enum_label(n.slot, value.enum_index) + implied_note(n.slot);
        return label(n.slot) + ": " + enum_label(n.slot, value.enum_index) + implied_note(n.slot) + ", not " + enum_label(n.slot, n.enum_index);
    case NodeKind::in_enum: {
        if (s == Status::pass) return label(n.slot) + ": " + enum_label(n.slot, value.enum_index);
        std::string list;
        const FieldDef* source = trial_.enum_source(n.slot);
        for (size_t v = 0; source && v < source->values.size(); ++v)
            if ((n.enum_mask >> v) & 1u) list += (list.empty() ? "" : ", ") + source->values[v].label;
        return label(n.slot) + ": " + enum_label(n.slot, value.enum_index) + ", not one of " + list;
    }
    case NodeKind::earlier_than:
    case NodeKind::later_than: {
        const SlotValue& reference = slot(n.reference);
        if (!reference.known()) return not_known(n.reference);
        return label(n.slot) + " " + format_iso_date(value.date) + (s == Status::pass ? " is " : " is not ") +
               (n.kind == NodeKind::earlier_than ? "before " : "after ") + lower_first(label(n.reference)) + " " + format_iso_date(reference.date);
    }
    default: break;
    }
    const char* verb = "";
    const bool pass = s == Status::pass;
    switch (n.kind) {
    case NodeKind::at_least: verb = pass ? " meets the minimum of " : " is below the required "; break;
    case NodeKind::at_most: verb = pass ? " is within the limit of " : " exceeds "; break;
    case NodeKind::above: verb = pass ? " is above " : " is not above "; break;
    case NodeKind::below: verb = pass ? " is below " : " is not below "; break;
    default: break;
    }
    return describe_value(trial_, record_, ev_, n.slot, &n.number) + verb + with_unit(format_number(n.number), trial_.slot_unit(n.slot));
}

std::string ReasonWriter::node(int index) const
{
    const Node& n = trial_.node(index);
    const Status s = status(index);
    std::string out;
    switch (n.kind) {
    case NodeKind::constant:
        return {};
    case NodeKind::all:
    case NodeKind::any:
        // Name what decided: the failing parts of a failed AND, the passing
        // parts of a passed OR, and otherwise everything not settled.
        for (int i = 0; i < n.child_count; ++i) {
            const int child = trial_.child(n, i);
            const Status cs = status(child);
            bool show;
            if (s == Status::pass) show = n.kind == NodeKind::all || cs == Status::pass;
            else if (s == Status::fail) show = n.kind == NodeKind::any || cs == Status::fail;
            else show = cs != Status::pass && (n.kind == NodeKind::any || cs == s);
            if (show) join(out, node(child));
            if (show && s == Status::pass && n.kind == NodeKind::any) break;
        }
        return out;
    case NodeKind::negate:
        return node(trial_.child(n, 0));
    case NodeKind::if_then_else: {
        const int condition = trial_.child(n, 0);
        const Status c = status(condition);
        if (c == Status::pass || c == Status::fail) {
            join(out, node(condition));
            join(out, node(trial_.child(n, c == Status::pass ? 1 : 2)));
            return out;
        }
        const int then_branch = trial_.child(n, 1), else_branch = trial_.child(n, 2);
        if (status(then_branch) == status(else_branch))
            return s == Status::unknown ? node(condition) : node(else_branch);
        join(out, node(status(else_branch) == Status::pass ? then_branch : else_branch));
        join(out, node(condition));
        return out;
    }
    case NodeKind::readings: {
        if (s == Status::review) out = "The trial's sources disagree: ";
        std::string parts;
        for (int i = 0; i < n.child_count; ++i) {
            const int child = trial_.child(n, i);
            if (s == Status::review) join(parts, trial_.node(child).reading_source + ": " + lower_first(node(child)));
            else if (s != Status::unknown || status(child) == Status::unknown) {
                join(parts, node(child));
                if (s != Status::unknown) break;  // they agree: one reason says it
            }
        }
        return out + parts;
    }
    case NodeKind::not_within:
        return window(n, index, s);
    default:
        return leaf(n, s);
    }
}

} // namespace

std::string describe_value(const Trial& trial, const Record& record, const Evaluation& ev, int slot_index, const double* threshold)
{
    const SlotValue& value = ev.slots[static_cast<size_t>(slot_index)];
    const std::string unit = trial.slot_unit(slot_index);
    const std::string number = threshold ? format_number_against(value.number, *threshold) : format_number(value.number);
    std::string text = trial.slot_label(slot_index) + " " + with_unit(number, unit);
    if (trial.is_field(slot_index)) {
        const FieldDef& field = trial.fields[static_cast<size_t>(slot_index)];
        const FieldValue& given = record.values[static_cast<size_t>(slot_index)];
        if (given.unit > 0 && static_cast<size_t>(given.unit) < field.units.size())
            text += " (" + with_unit(format_number(given.given), field.units[static_cast<size_t>(given.unit)].name) + ")";
        return text;
    }
    const DerivedDef& def = trial.derived_at(slot_index);
    auto quantity = [&](int field_slot) {
        const FieldDef& field = trial.fields[static_cast<size_t>(field_slot)];
        const FieldValue& given = record.values[static_cast<size_t>(field_slot)];
        if (given.unit > 0) return with_unit(format_number(given.given), field.units[static_cast<size_t>(given.unit)].name);
        return with_unit(format_number(given.number), field.unit);
    };
    switch (def.function) {
    case DerivedFunction::multiple_of_uln:
        if (!record.values[static_cast<size_t>(def.multiple)].known())
            text += " (" + quantity(def.value) + ", ULN " + quantity(def.uln) + ")";
        break;
    case DerivedFunction::cockcroft_gault_unless_measured:
        text += value.computed ? " (Cockcroft–Gault estimate)" : " (measured)";
        break;
    case DerivedFunction::completed_years:
        if (!record.values[static_cast<size_t>(def.years)].known()) text += " (from birth date)";
        break;
    case DerivedFunction::implied_value:
        break;
    }
    return text;
}

std::string rule_reason(const Trial& trial, const Record& record, const Evaluation& ev, int node)
{
    return ReasonWriter(trial, record, ev).node(node);
}

std::string criterion_reason(const Trial& trial, const Record& record, const Evaluation& ev, size_t criterion)
{
    std::string text = rule_reason(trial, record, ev, trial.criteria[criterion].rule);
    if (text.empty()) text = ev.criteria[criterion] == Status::pass ? "Does not apply" : "Not decided";
    return text;
}

bool criterion_eligible_from(const Trial& trial, const Evaluation& ev, size_t criterion, DayNumber& out)
{
    if (ev.criteria[criterion] == Status::pass) return false;
    bool found = false;
    // Walk the rule's nodes (an explicit stack: rules may be deep).
    std::vector<int> stack{trial.criteria[criterion].rule};
    while (!stack.empty()) {
        const int index = stack.back();
        stack.pop_back();
        const Node& n = trial.node(index);
        const NodeResult& r = ev.nodes[static_cast<size_t>(index)];
        if (n.kind == NodeKind::not_within && r.status != Status::pass && r.has_eligible_from) {
            if (!found || r.eligible_from > out) out = r.eligible_from;
            found = true;
        }
        for (int i = 0; i < n.child_count; ++i) stack.push_back(trial.child(n, i));
    }
    return found;
}

} // namespace elig
