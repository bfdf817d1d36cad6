#include "reason.h"

#include "number_format.h"

namespace elig {

namespace {

// A clause written straight into `out`: begin_clause() adds the separator;
// end_clause() takes the clause back out if `out` already had it.
size_t begin_clause(std::string& out)
{
    const size_t mark = out.size();
    if (!out.empty()) out += "; ";
    return mark;
}

void end_clause(std::string& out, size_t mark)
{
    const size_t start = mark == 0 ? 0 : mark + 2;
    if (out.size() == start) {
        out.resize(mark);
        return;
    }
    const std::string_view clause(out.data() + start, out.size() - start);
    const std::string_view before(out.data(), mark);
    for (size_t at = 0; (at = before.find(clause, at)) != std::string_view::npos; at += clause.size())
        if ((at == 0 || before.compare(at - 2, 2, "; ") == 0) &&
            (at + clause.size() == before.size() || before.compare(at + clause.size(), 2, "; ") == 0)) {
            out.resize(mark);
            return;
        }
}

void append_lower_first(std::string& out, std::string_view text)
{
    const size_t at = out.size();
    out += text;
    if (text.size() > 1 && text[0] >= 'A' && text[0] <= 'Z' && !(text[1] >= 'A' && text[1] <= 'Z'))
        out[at] = static_cast<char>(text[0] - 'A' + 'a');
}

class ReasonWriter {
public:
    ReasonWriter(const Trial& trial, const Record& record, const Evaluation& ev) : trial_(trial), record_(record), ev_(ev) {}

    // Appends the node's reason clauses to `out`.
    void node(int index, std::string& out) const;

private:
    const Trial& trial_;
    const Record& record_;
    const Evaluation& ev_;

    Status status(int index) const { return ev_.nodes[static_cast<size_t>(index)]; }
    const Value& value(int slot) const { return slot_value(trial_, record_, ev_, slot); }
    const std::string& label(int slot) const { return trial_.slot_label(slot); }

    const std::string& enum_label(int slot, int16_t v) const
    {
        static const std::string unknown = "?";
        const FieldDef* source = trial_.enum_source(slot);
        if (!source || v < 0 || static_cast<size_t>(v) >= source->values.size()) return unknown;
        return source->values[static_cast<size_t>(v)].label;
    }

    void not_known(int slot, std::string& clause) const;
    void implied_note(int slot, std::string& clause) const;
    void leaf(const Node& n, Status s, std::string& clause) const;
    void window(const Node& n, int index, Status s, std::string& clause) const;
};

void ReasonWriter::not_known(int slot, std::string& clause) const
{
    clause += label(slot);
    if (trial_.is_field(slot)) {
        clause += ": not recorded";
        return;
    }
    // A derived value: name what it still needs.
    std::string needs;
    for_each_field(ev_.derived[static_cast<size_t>(slot) - trial_.fields.size()].missing.without(ev_.excluded), [&](size_t f) {
        if (!needs.empty()) needs += ", ";
        append_lower_first(needs, trial_.fields[f].label);
    });
    std::string own;
    append_lower_first(own, label(slot));
    if (needs.empty() || needs == own) clause += ": not recorded";
    else clause += ": not known (needs " + needs + ")";
}

// " (implied: sex: Male)" when an implied_value stands in for an absent field.
void ReasonWriter::implied_note(int slot, std::string& clause) const
{
    if (trial_.is_field(slot)) return;
    const DerivedDef& def = trial_.derived_at(slot);
    if (def.function != DerivedFunction::implied_value || !record_.values[static_cast<size_t>(def.field)].absent()) return;
    std::string condition;
    node(def.condition, condition);
    clause += " (implied: ";
    append_lower_first(clause, condition);
    clause += ')';
}

void ReasonWriter::window(const Node& n, int index, Status s, std::string& clause) const
{
    const Value& date = value(n.slot);
    clause += label(n.slot);
    if (date.state == Value::State::none) {
        clause += ": none";
        return;
    }
    if (!date.known()) {
        clause += ": not recorded";
        return;
    }
    const std::string span = std::to_string(n.window) + (n.window_unit == WindowUnit::weeks ? " week" : " month") + (n.window == 1 ? "" : "s");
    const DayNumber from = ev_.eligible_from[static_cast<size_t>(index)];
    clause += ' ';
    clause += format_iso_date(date.date);
    const Value& reference = value(n.reference);
    auto reference_at = [&](int slot, DayNumber day) {
        append_lower_first(clause, label(slot));
        clause += ' ';
        clause += format_iso_date(day);
    };
    auto would_pass = [&] {
        clause += "; ";
        append_lower_first(clause, label(n.reference));
        clause += " from " + format_iso_date(from) + " would pass";
    };
    if (reference.known()) {
        if (date.date > reference.date) clause += " is after ";  // counts as within the window
        else clause += s == Status::pass ? " is " + span + " or more before " : " is within " + span + " before ";
        reference_at(n.reference, reference.date);
        if (s != Status::pass) would_pass();
        return;
    }
    const Value* floor = n.reference_floor >= 0 ? &value(n.reference_floor) : nullptr;
    if (s == Status::pass && floor) {
        clause += " is " + span + " or more before ";
        reference_at(n.reference_floor, floor->date);
        clause += ", so before any ";
        append_lower_first(clause, label(n.reference));
        return;
    }
    clause += ": ";
    append_lower_first(clause, label(n.reference));
    clause += " not recorded";
    if (floor && floor->known()) {
        clause += " (it is less than " + span + " before ";
        reference_at(n.reference_floor, floor->date);
        clause += ')';
    }
    would_pass();
}

void ReasonWriter::leaf(const Node& n, Status s, std::string& clause) const
{
    const Value& v = value(n.slot);
    if (n.kind == NodeKind::is_none) {
        if (v.absent()) return not_known(n.slot, clause);
        clause += label(n.slot);
        clause += ": ";
        clause += v.state == Value::State::none ? "none" : format_iso_date(v.date);
        return;
    }
    if (!v.known()) return not_known(n.slot, clause);
    const bool pass = s == Status::pass;
    switch (n.kind) {
    case NodeKind::is_bool:
        clause += label(n.slot);
        clause += v.boolean ? ": yes" : ": no";
        implied_note(n.slot, clause);
        return;
    case NodeKind::is_enum:
        clause += label(n.slot);
        clause += ": ";
        clause += enum_label(n.slot, v.enum_index);
        implied_note(n.slot, clause);
        if (!pass) clause += ", not " + enum_label(n.slot, n.enum_index);
        return;
    case NodeKind::in_enum: {
        clause += label(n.slot);
        clause += ": ";
        clause += enum_label(n.slot, v.enum_index);
        if (pass) return;
        clause += ", not one of ";
        const FieldDef* source = trial_.enum_source(n.slot);
        bool first = true;
        for (size_t e = 0; source && e < source->values.size(); ++e)
            if ((n.enum_mask >> e) & 1u) {
                if (!first) clause += ", ";
                clause += source->values[e].label;
                first = false;
            }
        return;
    }
    case NodeKind::earlier_than:
    case NodeKind::later_than: {
        const Value& reference = value(n.reference);
        if (!reference.known()) return not_known(n.reference, clause);
        clause += label(n.slot) + " " + format_iso_date(v.date) + (pass ? " is " : " is not ") + (n.kind == NodeKind::earlier_than ? "before " : "after ");
        append_lower_first(clause, label(n.reference));
        clause += " " + format_iso_date(reference.date);
        return;
    }
    default:
        break;
    }
    const char* verb = "";
    switch (n.kind) {
    case NodeKind::at_least: verb = pass ? " meets the minimum of " : " is below the required "; break;
    case NodeKind::at_most: verb = pass ? " is within the limit of " : " exceeds "; break;
    case NodeKind::above: verb = pass ? " is above " : " is not above "; break;
    case NodeKind::below: verb = pass ? " is below " : " is not below "; break;
    default: break;
    }
    append_value(trial_, record_, ev_, n.slot, &n.number, clause);
    clause += verb;
    append_number(clause, n.number);
    append_unit(clause, trial_.slot_unit(n.slot));
}

void ReasonWriter::node(int index, std::string& out) const
{
    const Node& n = trial_.node(index);
    const Status s = status(index);
    switch (n.kind) {
    case NodeKind::constant:
        return;
    case NodeKind::all:
    case NodeKind::any:
        // Name what decided: the failing parts of a failed AND, the passing
        // part of a passed OR, and otherwise everything not settled.
        for (int i = 0; i < n.child_count; ++i) {
            const int child = trial_.child(n, i);
            const Status cs = status(child);
            bool show;
            if (s == Status::pass) show = n.kind == NodeKind::all || cs == Status::pass;
            else if (s == Status::fail) show = n.kind == NodeKind::any || cs == Status::fail;
            else show = cs != Status::pass && (n.kind == NodeKind::any || cs == s);
            if (show) node(child, out);
            if (show && s == Status::pass && n.kind == NodeKind::any) break;
        }
        return;
    case NodeKind::negate:
        return node(trial_.child(n, 0), out);
    case NodeKind::if_then_else: {
        const int condition = trial_.child(n, 0), then_branch = trial_.child(n, 1), else_branch = trial_.child(n, 2);
        const Status c = status(condition);
        if (c == Status::pass || c == Status::fail) {
            // The condition explains a chosen "then", or an "else" that does
            // not pass (why the exception did not apply); a passing "else"
            // speaks for itself.
            if (c == Status::pass || status(else_branch) != Status::pass) node(condition, out);
            node(c == Status::pass ? then_branch : else_branch, out);
        } else if (status(then_branch) == status(else_branch)) {
            node(else_branch, out);  // agreeing branches: the usual one speaks (and names what is missing)
        } else {
            node(status(else_branch) == Status::pass ? then_branch : else_branch, out);
            node(condition, out);
        }
        return;
    }
    case NodeKind::readings: {
        if (s != Status::review) {
            // They agree (one reason says it), or some are still unknown.
            for (int i = 0; i < n.child_count; ++i) {
                const int child = trial_.child(n, i);
                if (s != Status::unknown || status(child) == Status::unknown) {
                    node(child, out);
                    if (s != Status::unknown) break;
                }
            }
            return;
        }
        std::string text = "The trial's sources disagree: ";
        for (int i = 0; i < n.child_count; ++i) {
            const int child = trial_.child(n, i);
            std::string reading;
            node(child, reading);
            if (i) text += "; ";
            text += trial_.node(child).reading_source + ": ";
            append_lower_first(text, reading);
        }
        if (!out.empty()) out += "; ";
        out += text;  // one clause per source, as written
        return;
    }
    case NodeKind::not_within: {
        const size_t mark = begin_clause(out);
        window(n, index, s, out);
        return end_clause(out, mark);
    }
    default: {
        const size_t mark = begin_clause(out);
        leaf(n, s, out);
        return end_clause(out, mark);
    }
    }
}

} // namespace

void append_value(const Trial& trial, const Record& record, const Evaluation& ev, int slot, const double* threshold, std::string& out)
{
    const Value& v = slot_value(trial, record, ev, slot);
    out += trial.slot_label(slot);
    out += ' ';
    if (threshold) append_number_against(out, v.number, *threshold);
    else append_number(out, v.number);
    append_unit(out, trial.slot_unit(slot));
    auto as_given = [&](int field_slot) {
        const FieldDef& field = trial.fields[static_cast<size_t>(field_slot)];
        const FieldValue& given = record.values[static_cast<size_t>(field_slot)];
        append_number(out, given.unit > 0 ? given.given : given.number);
        append_unit(out, given.unit > 0 ? field.units[static_cast<size_t>(given.unit)].name : field.unit);
    };
    if (trial.is_field(slot)) {
        if (record.values[static_cast<size_t>(slot)].unit > 0) {
            out += " (";
            as_given(slot);
            out += ')';
        }
        return;
    }
    const DerivedDef& def = trial.derived_at(slot);
    switch (def.function) {
    case DerivedFunction::multiple_of_uln:
        if (!record.values[static_cast<size_t>(def.multiple)].known()) {
            out += " (";
            as_given(def.value);
            out += ", ULN ";
            as_given(def.uln);
            out += ')';
        }
        break;
    case DerivedFunction::cockcroft_gault_unless_measured:
        out += ev.derived[static_cast<size_t>(slot) - trial.fields.size()].computed ? " (Cockcroft–Gault estimate)" : " (measured)";
        break;
    case DerivedFunction::completed_years:
        if (!record.values[static_cast<size_t>(def.years)].known()) out += " (from birth date)";
        break;
    case DerivedFunction::implied_value:
        break;
    }
}

std::string describe_value(const Trial& trial, const Record& record, const Evaluation& ev, int slot, const double* threshold)
{
    std::string out;
    append_value(trial, record, ev, slot, threshold, out);
    return out;
}

void append_criterion_reason(const Trial& trial, const Record& record, const Evaluation& ev, size_t criterion, std::string& out)
{
    // Clauses are compared only with this reason's own, never with what
    // `out` held before.
    std::string reason;
    std::string& target = out.empty() ? out : reason;
    ReasonWriter(trial, record, ev).node(trial.criteria[criterion].rule, target);
    if (target.empty()) target = ev.criteria[criterion] == Status::pass ? "Does not apply" : "Not decided";
    if (&target == &reason) out += reason;
}

std::string criterion_reason(const Trial& trial, const Record& record, const Evaluation& ev, size_t criterion)
{
    std::string out;
    append_criterion_reason(trial, record, ev, criterion, out);
    return out;
}

namespace {

// The node's status if every time window in it had run out.
Status status_after_waiting(const Trial& trial, const Evaluation& ev, int index)
{
    const Node& node = trial.node(index);
    if (node.kind == NodeKind::not_within && ev.eligible_from[static_cast<size_t>(index)] != kNoDate) return Status::pass;
    if (node.child_count == 0) return ev.nodes[static_cast<size_t>(index)];
    return combine(node, [&](int i) { return status_after_waiting(trial, ev, trial.child(node, i)); });
}

} // namespace

bool criterion_eligible_from(const Trial& trial, const Evaluation& ev, size_t criterion, DayNumber& out)
{
    if (ev.criteria[criterion] == Status::pass) return false;
    // Only a date that would help: not when something else fails too.
    if (status_after_waiting(trial, ev, trial.criteria[criterion].rule) != Status::pass) return false;
    bool found = false;
    for (int index = trial.criteria[criterion].first_node; index <= trial.criteria[criterion].rule; ++index) {
        const Node& n = trial.node(index);
        const DayNumber from = ev.eligible_from[static_cast<size_t>(index)];
        if (n.kind == NodeKind::not_within && ev.nodes[static_cast<size_t>(index)] != Status::pass && from != kNoDate) {
            if (!found || from > out) out = from;
            found = true;
        }
    }
    return found;
}

} // namespace elig
