#include "core/report/reason.h"

#include "core/base/number_format.h"

#include <algorithm>

namespace elig {

namespace {

// Reason clauses are written straight into `out`, separated by the
// language's clause separator. A clause that repeats one already written
// (two criteria branches reading the same field) is taken back out.
class ClauseList {
public:
    ClauseList(std::string& out, std::string_view separator) : out_(out), separator_(separator) {}

    // Starts a clause; finish() ends it.
    size_t begin()
    {
        const size_t mark = out_.size();
        if (!out_.empty()) out_ += separator_;
        return mark;
    }
    void finish(size_t mark)
    {
        const size_t start = mark == 0 ? 0 : mark + separator_.size();
        if (out_.size() == start) {
            out_.resize(mark);
            return;
        }
        const std::string_view clause(out_.data() + start, out_.size() - start);
        if (repeats(std::string_view(out_.data(), mark), clause)) out_.resize(mark);
    }
    std::string& text() { return out_; }

private:
    std::string& out_;
    std::string_view separator_;

    bool repeats(std::string_view before, std::string_view clause) const
    {
        for (size_t at = 0; (at = before.find(clause, at)) != std::string_view::npos; at += clause.size()) {
            const bool starts = at == 0 || (at >= separator_.size() && before.substr(at - separator_.size(), separator_.size()) == separator_);
            const bool ends = at + clause.size() == before.size() || before.substr(at + clause.size(), separator_.size()) == separator_;
            if (starts && ends) return true;
        }
        return false;
    }
};

class ReasonWriter {
public:
    ReasonWriter(const Trial& trial, const Record& record, const Evaluation& ev)
        : trial_(trial), record_(record), ev_(ev), messages_(trial.messages)
    {
    }

    // Appends the node's reason clauses to `out`.
    void node(int index, std::string& out) const;

private:
    const Trial& trial_;
    const Record& record_;
    const Evaluation& ev_;
    const Messages& messages_;

    Status status(int index) const { return ev_.status(index); }
    const Value& value(int slot) const { return slot_value(trial_, record_, ev_, slot); }
    const std::string& label(int slot) const { return trial_.slot_label(slot); }
    std::string mid_sentence(int slot) const
    {
        std::string text;
        messages_.append_mid_sentence(text, label(slot));
        return text;
    }
    const std::string& enum_label(int slot, int16_t v) const;

    void combination(const Node& n, Status s, std::string& out) const;
    void if_then_else(const Node& n, std::string& out) const;
    void readings(const Node& n, Status s, std::string& out) const;

    void not_known(int slot, std::string& clause) const;
    void implied_note(int slot, std::string& clause) const;
    void leaf(const Node& n, Status s, std::string& clause) const;
    void enum_leaf(const Node& n, Status s, const Value& v, std::string& clause) const;
    void date_order(const Node& n, Status s, const Value& v, std::string& clause) const;
    void comparison(const Node& n, Status s, std::string& clause) const;
    void window(const Node& n, int index, Status s, std::string& clause) const;
    void window_without_reference(const Node& n, Status s, const std::string& date, const std::string& span, DayNumber from,
                                  std::string& clause) const;
    void would_pass(const Node& n, DayNumber from, std::string& clause) const;
    std::string span(const Node& n) const;
};

const std::string& ReasonWriter::enum_label(int slot, int16_t v) const
{
    static const std::string unknown = "?";
    const FieldDef* source = trial_.enum_source(slot);
    if (!source || v < 0 || static_cast<size_t>(v) >= source->values.size()) return unknown;
    return source->value_at(v).label;
}

void ReasonWriter::not_known(int slot, std::string& clause) const
{
    if (trial_.is_field(slot)) return messages_.append(clause, Msg::reason_not_recorded, {label(slot)});
    // A derived value: name what it still needs, and say "or" between
    // what would each settle it (a measurement, or an estimate's inputs).
    const DerivedValue& value = ev_.derived_value(trial_, slot);
    auto labels = [&](const FieldSet& set) {
        std::string out;
        for_each_field(set, [&](size_t f) {
            if (!out.empty()) messages_.append(out, Msg::list_separator);
            messages_.append_mid_sentence(out, trial_.fields[f].label);
        });
        return out;
    };
    const FieldSet missing = value.missing.without(ev_.excluded), instead = value.instead.without(ev_.excluded);
    const FieldSet rest = missing.without(instead);
    if (!instead.empty() && !rest.empty()) return messages_.append(clause, Msg::reason_not_known_needs_or, {label(slot), labels(instead), labels(rest)});
    const std::string needs = labels(missing);
    if (needs.empty() || needs == mid_sentence(slot)) return messages_.append(clause, Msg::reason_not_recorded, {label(slot)});
    messages_.append(clause, Msg::reason_not_known_needs, {label(slot), needs});
}

// " (implied: sex: Male)" when an implied_value stands in for an absent field.
void ReasonWriter::implied_note(int slot, std::string& clause) const
{
    if (trial_.is_field(slot)) return;
    const DerivedDef& def = trial_.derived_at(slot);
    if (def.function != DerivedFunction::implied_value || !record_.value(def.field).absent()) return;
    std::string condition, said;
    node(def.condition, condition);
    messages_.append_mid_sentence(said, condition);
    messages_.append(clause, Msg::reason_implied, {said});
}

std::string ReasonWriter::span(const Node& n) const
{
    const std::string count = std::to_string(n.window);
    const bool one = n.window == 1;
    if (n.window_unit == WindowUnit::weeks) return messages_.format(one ? Msg::span_weeks_one : Msg::span_weeks_other, {count});
    return messages_.format(one ? Msg::span_months_one : Msg::span_months_other, {count});
}

void ReasonWriter::would_pass(const Node& n, DayNumber from, std::string& clause) const
{
    messages_.append(clause, Msg::clause_separator);
    messages_.append(clause, Msg::reason_window_would_pass, {mid_sentence(n.reference), format_iso_date(from)});
}

void ReasonWriter::window(const Node& n, int index, Status s, std::string& clause) const
{
    const Value& date = value(n.slot);
    if (date.state == Value::State::none) return messages_.append(clause, Msg::reason_none, {label(n.slot)});
    if (!date.known()) return messages_.append(clause, Msg::reason_not_recorded, {label(n.slot)});
    const std::string when = format_iso_date(date.date), length = span(n);
    const DayNumber from = ev_.eligible_from_at(index);
    const Value& reference = value(n.reference);
    if (!reference.known()) return window_without_reference(n, s, when, length, from, clause);
    const std::string reference_label = mid_sentence(n.reference), reference_date = format_iso_date(reference.date);
    if (date.date > reference.date)  // counts as within the window
        messages_.append(clause, Msg::reason_window_after, {label(n.slot), when, reference_label, reference_date});
    else
        messages_.append(clause, s == Status::pass ? Msg::reason_window_outside : Msg::reason_window_within,
                         {label(n.slot), when, length, reference_label, reference_date});
    if (s != Status::pass) would_pass(n, from, clause);
}

// The reference date is unknown: measured from its floor where that is
// known and far enough, else undecided with the date that would pass.
void ReasonWriter::window_without_reference(const Node& n, Status s, const std::string& date, const std::string& length, DayNumber from,
                                            std::string& clause) const
{
    const Value* floor = n.reference_floor >= 0 ? &value(n.reference_floor) : nullptr;
    if (s == Status::pass && floor) {
        messages_.append(clause, Msg::reason_window_before_any,
                         {label(n.slot), date, length, mid_sentence(n.reference_floor), format_iso_date(floor->date), mid_sentence(n.reference)});
        return;
    }
    messages_.append(clause, Msg::reason_window_reference_missing, {label(n.slot), date, mid_sentence(n.reference)});
    if (floor && floor->known())
        messages_.append(clause, Msg::reason_window_reference_missing_floor, {length, mid_sentence(n.reference_floor), format_iso_date(floor->date)});
    would_pass(n, from, clause);
}

void ReasonWriter::enum_leaf(const Node& n, Status s, const Value& v, std::string& clause) const
{
    messages_.append(clause, Msg::reason_enum, {label(n.slot), enum_label(n.slot, v.enum_index)});
    if (n.kind == NodeKind::is_enum) {
        implied_note(n.slot, clause);
        if (s != Status::pass) messages_.append(clause, Msg::reason_enum_not, {enum_label(n.slot, n.enum_index)});
        return;
    }
    if (s == Status::pass) return;
    std::string values;
    const FieldDef* source = trial_.enum_source(n.slot);
    for (size_t e = 0; source && e < source->values.size(); ++e)
        if ((n.enum_mask >> e) & 1u) {
            if (!values.empty()) messages_.append(values, Msg::list_separator);
            values += source->values[e].label;
        }
    messages_.append(clause, Msg::reason_enum_not_one_of, {values});
}

void ReasonWriter::date_order(const Node& n, Status s, const Value& v, std::string& clause) const
{
    const Value& reference = value(n.reference);
    if (!reference.known()) return not_known(n.reference, clause);
    const bool pass = s == Status::pass;
    const Msg id = n.kind == NodeKind::earlier_than ? (pass ? Msg::reason_date_before : Msg::reason_date_not_before)
                                                    : (pass ? Msg::reason_date_after : Msg::reason_date_not_after);
    messages_.append(clause, id, {label(n.slot), format_iso_date(v.date), mid_sentence(n.reference), format_iso_date(reference.date)});
}

void ReasonWriter::comparison(const Node& n, Status s, std::string& clause) const
{
    const bool pass = s == Status::pass;
    Msg id = Msg::reason_at_least_pass;
    switch (n.kind) {
    case NodeKind::at_least: id = pass ? Msg::reason_at_least_pass : Msg::reason_at_least_fail; break;
    case NodeKind::at_most: id = pass ? Msg::reason_at_most_pass : Msg::reason_at_most_fail; break;
    case NodeKind::above: id = pass ? Msg::reason_above_pass : Msg::reason_above_fail; break;
    case NodeKind::below: id = pass ? Msg::reason_below_pass : Msg::reason_below_fail; break;
    case NodeKind::constant: case NodeKind::all: case NodeKind::any: case NodeKind::negate: case NodeKind::if_then_else:
    case NodeKind::readings: case NodeKind::is_bool: case NodeKind::is_enum: case NodeKind::in_enum: case NodeKind::is_none:
    case NodeKind::not_within: case NodeKind::earlier_than: case NodeKind::later_than: break;  // not comparisons
    }
    std::string shown, threshold;
    append_value(trial_, record_, ev_, n.slot, &n.number, shown);
    trial_.append_quantity(threshold, n.slot, n.number);
    messages_.append(clause, id, {shown, threshold});
}

void ReasonWriter::leaf(const Node& n, Status s, std::string& clause) const
{
    const Value& v = value(n.slot);
    if (n.kind == NodeKind::is_none) {
        if (v.absent()) return not_known(n.slot, clause);
        if (v.state == Value::State::none) return messages_.append(clause, Msg::reason_none, {label(n.slot)});
        return messages_.append(clause, Msg::reason_date, {label(n.slot), format_iso_date(v.date)});
    }
    // An event that never happened has no date to compare: "none", not
    // "not recorded".
    if (v.state == Value::State::none) return messages_.append(clause, Msg::reason_none, {label(n.slot)});
    if (!v.known()) return not_known(n.slot, clause);
    switch (n.kind) {
    case NodeKind::is_bool:
        messages_.append(clause, v.boolean ? Msg::reason_yes : Msg::reason_no, {label(n.slot)});
        return implied_note(n.slot, clause);
    case NodeKind::is_enum:
    case NodeKind::in_enum: return enum_leaf(n, s, v, clause);
    case NodeKind::earlier_than:
    case NodeKind::later_than: return date_order(n, s, v, clause);
    case NodeKind::at_least:
    case NodeKind::at_most:
    case NodeKind::above:
    case NodeKind::below: return comparison(n, s, clause);
    case NodeKind::constant: case NodeKind::all: case NodeKind::any: case NodeKind::negate: case NodeKind::if_then_else:
    case NodeKind::readings: case NodeKind::is_none: case NodeKind::not_within: return;  // not leaves with a value (node() and above)
    }
}

// Name what decided: the failing parts of a failed AND, the passing part of
// a passed OR, and otherwise everything not settled.
void ReasonWriter::combination(const Node& n, Status s, std::string& out) const
{
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
}

void ReasonWriter::if_then_else(const Node& n, std::string& out) const
{
    const int condition = trial_.child(n, 0), then_branch = trial_.child(n, 1), else_branch = trial_.child(n, 2);
    const Status c = status(condition);
    if (c == Status::pass || c == Status::fail) {
        // The condition explains a chosen "then", or an "else" that does not
        // pass (why the exception did not apply); a passing "else" speaks
        // for itself.
        if (c == Status::pass || status(else_branch) != Status::pass) node(condition, out);
        node(c == Status::pass ? then_branch : else_branch, out);
    } else if (status(then_branch) == status(else_branch)) {
        node(else_branch, out);  // agreeing branches: the usual one speaks (and names what is missing)
    } else {
        node(status(else_branch) == Status::pass ? then_branch : else_branch, out);
        node(condition, out);
    }
}

void ReasonWriter::readings(const Node& n, Status s, std::string& out) const
{
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
    std::string list;  // one clause per source, as written
    for (int i = 0; i < n.child_count; ++i) {
        const int child = trial_.child(n, i);
        std::string reading, said;
        node(child, reading);
        messages_.append_mid_sentence(said, reading);
        if (i) messages_.append(list, Msg::clause_separator);
        messages_.append(list, Msg::reason_reading, {trial_.node(child).reading_source, said});
    }
    if (!out.empty()) messages_.append(out, Msg::clause_separator);
    messages_.append(out, Msg::reason_sources_disagree, {list});
}

void ReasonWriter::node(int index, std::string& out) const
{
    const Node& n = trial_.node(index);
    const Status s = status(index);
    switch (n.kind) {
    case NodeKind::constant: return;
    case NodeKind::all:
    case NodeKind::any: return combination(n, s, out);
    case NodeKind::negate: return node(trial_.child(n, 0), out);
    case NodeKind::if_then_else: return if_then_else(n, out);
    case NodeKind::readings: return readings(n, s, out);
    case NodeKind::not_within: {
        ClauseList clauses(out, messages_.text(Msg::clause_separator));
        const size_t mark = clauses.begin();
        window(n, index, s, out);
        return clauses.finish(mark);
    }
    case NodeKind::is_bool: case NodeKind::is_enum: case NodeKind::in_enum: case NodeKind::is_none:
    case NodeKind::at_least: case NodeKind::at_most: case NodeKind::above: case NodeKind::below:
    case NodeKind::earlier_than: case NodeKind::later_than: {
        ClauseList clauses(out, messages_.text(Msg::clause_separator));
        const size_t mark = clauses.begin();
        leaf(n, s, out);
        return clauses.finish(mark);
    }
    }
}

// The value as the user gave it, when that differs from how it is read.
void append_as_given(const Trial& trial, const Record& record, int field_slot, std::string& out)
{
    const FieldDef& field = trial.field(field_slot);
    const FieldValue& given = record.value(field_slot);
    append_number(out, given.unit > 0 ? given.given : given.number);
    append_unit(out, given.unit > 0 ? field.unit_at(given.unit).label : field.unit_label);
}

// What a value came from: " (7.2 g/dL)", " (136 U/L, ULN 40 U/L)", " (measured)".
void append_origin(const Trial& trial, const Record& record, const Evaluation& ev, int slot, std::string& out)
{
    const Messages& messages = trial.messages;
    if (trial.is_field(slot)) {
        if (record.value(slot).unit <= 0) return;
        std::string given;
        append_as_given(trial, record, slot, given);
        return messages.append(out, Msg::value_as_given, {given});
    }
    const DerivedDef& def = trial.derived_at(slot);
    switch (def.function) {
    case DerivedFunction::multiple_of_uln:
        if (!record.value(def.multiple).known()) {
            std::string value, uln;
            append_as_given(trial, record, def.value, value);
            append_as_given(trial, record, def.uln, uln);
            messages.append(out, Msg::value_from_value_and_uln, {value, uln});
        }
        break;
    case DerivedFunction::cockcroft_gault_unless_measured:
        messages.append(out, ev.derived_value(trial, slot).computed ? Msg::value_estimated : Msg::value_measured);
        break;
    case DerivedFunction::completed_years:
        if (!record.value(def.years).known()) messages.append(out, Msg::value_from_birth_date);
        break;
    case DerivedFunction::implied_value:
        break;
    }
}

} // namespace

void append_value(const Trial& trial, const Record& record, const Evaluation& ev, int slot, const double* threshold, std::string& out)
{
    const Value& v = slot_value(trial, record, ev, slot);
    std::string quantity;
    trial.append_quantity(quantity, slot, v.number, threshold);
    trial.messages.append(out, Msg::value, {trial.slot_label(slot), quantity});
    append_origin(trial, record, ev, slot, out);
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
    if (target.empty()) trial.messages.append(target, ev.criteria[criterion] == Status::pass ? Msg::reason_does_not_apply : Msg::reason_not_decided);
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
    if (node.kind == NodeKind::not_within && ev.eligible_from_at(index) != kNoDate) return Status::pass;
    if (node.child_count == 0) return ev.status(index);
    return combine(node, [&](int i) { return status_after_waiting(trial, ev, trial.child(node, i)); });
}

} // namespace

namespace {

// The alternatives a criterion's missing fields hold: for each derived value
// its rule reads that is still unknown and could be settled by `instead`,
// the pair (those fields, or the rest), kept to what the criterion misses.
void add_pairs(const Trial& trial, const Evaluation& ev, size_t criterion, const FieldSet& missing, std::vector<int>& slots,
               std::vector<MissingItem>& pairs)
{
    for (int n = trial.criteria[criterion].first_node; n <= trial.criteria[criterion].rule; ++n) {
        const int slot = trial.node(n).slot;
        if (!trial.is_derived(slot) || std::find(slots.begin(), slots.end(), slot) != slots.end()) continue;
        const DerivedValue& d = ev.derived_value(trial, slot);
        if (d.known() || d.instead.empty()) continue;
        MissingItem pair;
        for_each_field(d.instead.without(ev.excluded), [&](size_t f) { if (missing.contains(f)) pair.either.insert(f); });
        for_each_field(d.missing.without(d.instead).without(ev.excluded), [&](size_t f) { if (missing.contains(f)) pair.or_else.insert(f); });
        if (pair.either.empty() || pair.or_else.empty()) continue;
        slots.push_back(slot);
        pairs.push_back(pair);
    }
}

// Dictionary order: each single field where it stands, each pair where its first field does.
std::vector<MissingItem> ordered(const FieldSet& singles, const std::vector<MissingItem>& pairs, const FieldSet& all)
{
    std::vector<MissingItem> items;
    std::vector<bool> said(pairs.size(), false);
    for_each_field(all, [&](size_t f) {
        if (singles.contains(f)) {
            MissingItem single;
            single.either.insert(f);
            items.push_back(single);
        }
        for (size_t p = 0; p < pairs.size(); ++p)
            if (!said[p] && (pairs[p].either.contains(f) || pairs[p].or_else.contains(f))) {
                said[p] = true;
                items.push_back(pairs[p]);
            }
    });
    return items;
}

} // namespace

std::vector<MissingItem> missing_items(const Trial& trial, const Evaluation& ev, size_t criterion)
{
    std::vector<int> slots;
    std::vector<MissingItem> pairs;
    const FieldSet& missing = ev.criteria_missing[criterion];
    add_pairs(trial, ev, criterion, missing, slots, pairs);
    FieldSet singles = missing;
    for (const MissingItem& p : pairs) singles = singles.without(p.either).without(p.or_else);
    return ordered(singles, pairs, missing);
}

std::vector<MissingItem> missing_items(const Trial& trial, const Evaluation& ev)
{
    // A field another criterion needs by itself is listed by itself too: a
    // pair never hides what is needed anyway (the age an age criterion waits
    // for, though it is also one of the estimate's inputs).
    std::vector<int> slots;
    std::vector<MissingItem> pairs;
    FieldSet singles;
    for (size_t c = 0; c < trial.criteria.size(); ++c) {
        if (ev.criteria[c] != Status::unknown) continue;
        std::vector<MissingItem> own;
        std::vector<int> own_slots;
        add_pairs(trial, ev, c, ev.criteria_missing[c], own_slots, own);
        FieldSet alone = ev.criteria_missing[c];
        for (const MissingItem& p : own) alone = alone.without(p.either).without(p.or_else);
        singles |= alone;
        for (size_t i = 0; i < own.size(); ++i)
            if (std::find(slots.begin(), slots.end(), own_slots[i]) == slots.end()) {
                slots.push_back(own_slots[i]);
                pairs.push_back(own[i]);
            }
    }
    return ordered(singles, pairs, ev.missing);
}

AfterTheWindows after_the_windows(const Trial& trial, const Evaluation& ev)
{
    if (ev.overall != Status::fail) return {};
    AfterTheWindows after{kNoDate, Status::pass};
    for (size_t c = 0; c < trial.criteria.size(); ++c) {
        DayNumber from;
        if (criterion_eligible_from(trial, ev, c, from)) {
            after.from = std::max(after.from, from);
            continue;
        }
        if (ev.criteria[c] == Status::fail) return {};  // something waiting cannot help
        after.verdict = status_and(after.verdict, ev.criteria[c]);
    }
    return after;
}

bool criterion_eligible_from(const Trial& trial, const Evaluation& ev, size_t criterion, DayNumber& out)
{
    if (ev.criteria[criterion] == Status::pass) return false;
    // Only a date that would help: not when something else fails too.
    if (status_after_waiting(trial, ev, trial.criteria[criterion].rule) != Status::pass) return false;
    bool found = false;
    for (int index = trial.criteria[criterion].first_node; index <= trial.criteria[criterion].rule; ++index) {
        const Node& n = trial.node(index);
        const DayNumber from = ev.eligible_from_at(index);
        if (n.kind == NodeKind::not_within && ev.status(index) != Status::pass && from != kNoDate) {
            if (!found || from > out) out = from;
            found = true;
        }
    }
    return found;
}

} // namespace elig
