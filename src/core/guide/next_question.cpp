#include "core/guide/next_question.h"

#include <algorithm>
#include <cmath>

namespace elig {

std::string_view guide_state_name(GuideState state)
{
    switch (state) {
    case GuideState::ask: return "ask";
    case GuideState::ineligible: return "ineligible";
    case GuideState::eligible: return "eligible";
    case GuideState::review: return "review";
    case GuideState::referable: return "referable";
    case GuideState::unanswered: return "unanswered";
    }
    return "ask";
}

namespace {

bool is_comparison(NodeKind kind)
{
    return kind == NodeKind::at_least || kind == NodeKind::at_most || kind == NodeKind::above || kind == NodeKind::below;
}

void add_unique(std::vector<int>& list, int value)
{
    if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

} // namespace

Guide::Guide(const Trial& trial) : trial_(trial)
{
    const int fields = static_cast<int>(trial.fields.size());
    groups_.assign(trial.fields.size(), Group{});
    member_of_.resize(trial.fields.size());
    for (int f = 0; f < fields; ++f) {
        member_of_[static_cast<size_t>(f)] = f;
        groups_[static_cast<size_t>(f)] = Group{f, {}, f, f};
    }
    // Fields that make one value together are one question: a lab value
    // with its upper limit of normal or its multiple; age or birth date.
    auto join = [&](int leader, std::initializer_list<int> members, int answer_field, int answer_slot) {
        if (!trial.is_field(leader)) return;
        Group& group = groups_[static_cast<size_t>(leader)];
        group.answer_field = answer_field;
        group.answer_slot = answer_slot;
        for (int m : members) {
            if (!trial.is_field(m) || m == leader) continue;
            group.with.push_back(m);
            member_of_[static_cast<size_t>(m)] = leader;
            groups_[static_cast<size_t>(m)].field = -1;
        }
    };
    for (size_t d = 0; d < trial.derived.size(); ++d) {
        const DerivedDef& def = trial.derived[d];
        const int slot = trial.derived_slot(d);
        switch (def.function) {
        case DerivedFunction::completed_years: join(def.years, {def.birth_date}, def.years, slot); break;
        case DerivedFunction::multiple_of_uln:
            if (trial.is_field(def.multiple)) join(def.value, {def.uln, def.multiple}, def.multiple, slot);
            break;
        case DerivedFunction::cockcroft_gault_unless_measured:
            if (trial.is_field(def.measured)) groups_[static_cast<size_t>(def.measured)].answer_slot = slot;
            break;
        case DerivedFunction::implied_value: break;
        }
    }
    // A derived value that prefers one field over what it has otherwise (a
    // measured clearance over the estimate, a field over the value a
    // condition implies) can change a decided criterion when that field comes.
    overrides_.resize(trial.criteria.size());
    for (size_t c = 0; c < trial.criteria.size(); ++c) {
        const Criterion& criterion = trial.criteria[c];
        for (int n = criterion.first_node; n <= criterion.rule; ++n) {
            for (int slot : {trial.node(n).slot, trial.node(n).reference}) {
                if (!trial.is_derived(slot)) continue;
                const DerivedDef& def = trial.derived_at(slot);
                if (def.function == DerivedFunction::cockcroft_gault_unless_measured && trial.is_field(def.measured))
                    overrides_[c].insert_field(def.measured);
                if (def.function == DerivedFunction::implied_value && trial.is_field(def.field)) overrides_[c].insert_field(def.field);
            }
        }
    }
}

// The verdict with the answer in the record (scratch_ holds the record);
// false for an answer the record may not hold with what it has (a
// cross-field constraint forbids it: a pregnant man, donor cells without a
// transplant).
bool Guide::outcome(GuideAnswer& answer)
{
    FieldValue& slot = scratch_.value(answer.field);
    const FieldValue kept = slot;
    slot = answer.value;
    evaluate_statuses(trial_, scratch_, trial_ev_);
    bool allowed = true;
    for (const Constraint& constraint : trial_.constraints)
        if (evaluate_node(trial_, scratch_, constraint.forbid, trial_ev_) == Status::pass) allowed = false;
    slot = kept;
    if (!allowed) return false;
    answer.overall = trial_ev_.overall;
    answer.fails.clear();
    answer.settles.clear();
    answer.changes.clear();
    for (size_t c = 0; c < trial_.criteria.size(); ++c) {
        const Status before = now_.criteria[c], after = trial_ev_.criteria[c];
        if (after != before) answer.changes.push_back(static_cast<int>(c));
        if (after == Status::fail && before != Status::fail) answer.fails.push_back(static_cast<int>(c));
        if ((before == Status::unknown || before == Status::review) && (after == Status::pass || after == Status::fail))
            answer.settles.push_back(static_cast<int>(c));
    }
    return true;
}

// Number answers: the ranges between the thresholds the rules compare the
// value with (in `field`'s canonical unit), each tried at a value inside
// it; neighbours that do the same are one answer. Where two neighbours
// differ with no threshold between them (the value feeds another derived
// value too: age, the clearance estimate) nobody can say where the change
// is, and they become one answer that promises only what both do.
void Guide::add_number_answers(int answer_field, std::vector<double> thresholds, bool whole, std::vector<GuideAnswer>& answers)
{
    const FieldDef& field = trial_.field(answer_field);
    std::sort(thresholds.begin(), thresholds.end());
    thresholds.erase(std::unique(thresholds.begin(), thresholds.end()), thresholds.end());
    auto plausible = [&](double v) {
        if (!field.has_range) return true;
        return (field.min_exclusive ? v > field.min : v >= field.min) && v <= field.max;
    };
    std::vector<double> tried;
    for (double t : thresholds) {
        const double step = whole ? 1.0 : std::max(std::fabs(t) * 0.01, 0.01);
        for (double v : {t - step, t, t + step})
            if (plausible(v)) tried.push_back(v);
    }
    if (thresholds.empty() && field.has_range)
        for (double share : {0.25, 0.5, 0.75}) tried.push_back(field.min + (field.max - field.min) * share);
    std::sort(tried.begin(), tried.end());
    tried.erase(std::unique(tried.begin(), tried.end()), tried.end());
    auto same_effect = [](const GuideAnswer& a, const GuideAnswer& b) {
        return a.overall == b.overall && a.fails == b.fails && a.settles == b.settles && a.changes == b.changes;
    };
    auto threshold_between = [&](double low, double high) {
        return std::any_of(thresholds.begin(), thresholds.end(), [&](double t) { return low <= t && t <= high; });
    };
    const size_t first = answers.size();
    for (double v : tried) {
        GuideAnswer answer;
        answer.kind = GuideAnswer::Kind::range;
        answer.field = answer_field;
        answer.value.state = Value::State::known;
        answer.value.number = v;
        answer.value.given = v;
        if (!outcome(answer)) continue;
        answer.low = answer.high = v;  // for now: the first and last value tried
        GuideAnswer* last = answers.size() > first ? &answers.back() : nullptr;
        if (last && (same_effect(*last, answer) || !threshold_between(last->high, v))) {
            if (!same_effect(*last, answer)) {
                // Only what both do is promised.
                auto keep_common = [](std::vector<int>& mine, const std::vector<int>& theirs) {
                    mine.erase(std::remove_if(mine.begin(), mine.end(), [&](int c) { return std::find(theirs.begin(), theirs.end(), c) == theirs.end(); }),
                               mine.end());
                };
                if (last->overall != answer.overall) last->overall = Status::unknown;
                keep_common(last->fails, answer.fails);
                keep_common(last->settles, answer.settles);
                for (int c : answer.changes) add_unique(last->changes, c);
            }
            last->high = v;  // its value stays the first tried: inside the range
            continue;
        }
        answers.push_back(std::move(answer));
    }
    // Each answer's ends are the thresholds around the values it was tried
    // at: a threshold tried is on the side where it was tried.
    for (size_t i = first; i < answers.size(); ++i) {
        GuideAnswer& a = answers[i];
        const double lowest = a.low, highest = a.high;
        a.has_low = a.has_high = false;
        for (double t : thresholds) {
            if (t <= lowest && i > first) {
                a.has_low = true;
                a.low = t;
                a.low_inclusive = t == lowest;
            }
            if (t >= highest && !a.has_high && i + 1 < answers.size()) {
                a.has_high = true;
                a.high = t;
                a.high_inclusive = t == highest;
            }
        }
        // Whole years: "at most 85" is everything below 86 (85.9 is 85).
        if (whole && field.type != FieldType::integer) {
            if (a.has_high && a.high_inclusive) a.high += 1, a.high_inclusive = false;
            if (a.has_low && !a.low_inclusive) a.low += 1, a.low_inclusive = true;
        }
    }
}

void Guide::add_date_answers(const Group& group, const Record& record, std::vector<GuideAnswer>& answers)
{
    const FieldDef& field = trial_.field(group.answer_field);
    if (field.allow_none) {
        GuideAnswer none;
        none.kind = GuideAnswer::Kind::none;
        none.field = group.answer_field;
        none.value.state = Value::State::none;
        if (outcome(none)) answers.push_back(std::move(none));
    }
    for (int n = 0; n < static_cast<int>(trial_.nodes.size()); ++n) {
        const Node& node = trial_.node(n);
        if (node.kind != NodeKind::not_within || node.slot != group.answer_field) continue;
        const Value& reference = slot_value(trial_, record, now_, node.reference);
        if (!reference.known()) continue;
        const DayNumber start =
            node.window_unit == WindowUnit::weeks ? reference.date - 7 * node.window : add_months(reference.date, -node.window);
        for (GuideAnswer::Kind kind : {GuideAnswer::Kind::within, GuideAnswer::Kind::before}) {
            GuideAnswer answer;
            answer.kind = kind;
            answer.field = group.answer_field;
            answer.window_node = n;
            answer.value.state = Value::State::known;
            answer.value.date = kind == GuideAnswer::Kind::within ? reference.date - 1 : start - 1;
            if (outcome(answer)) answers.push_back(std::move(answer));
        }
    }
}

void Guide::enumerate_answers(const Group& group, const Record& record, GuideQuestion& question)
{
    const FieldDef& field = trial_.field(group.answer_field);
    switch (field.type) {
    case FieldType::boolean:
        for (bool yes : {true, false}) {
            GuideAnswer answer;
            answer.kind = yes ? GuideAnswer::Kind::yes : GuideAnswer::Kind::no;
            answer.field = group.answer_field;
            answer.value.state = Value::State::known;
            answer.value.boolean = yes;
            if (outcome(answer)) question.answers.push_back(std::move(answer));
        }
        break;
    case FieldType::enumeration:
        for (size_t v = 0; v < field.values.size(); ++v) {
            GuideAnswer answer;
            answer.kind = GuideAnswer::Kind::choice;
            answer.field = group.answer_field;
            answer.choice = static_cast<int16_t>(v);
            answer.value.state = Value::State::known;
            answer.value.enum_index = static_cast<int16_t>(v);
            if (outcome(answer)) question.answers.push_back(std::move(answer));
        }
        break;
    case FieldType::number:
    case FieldType::integer: {
        std::vector<double> thresholds;
        for (const Node& node : trial_.nodes)
            if (is_comparison(node.kind) && (node.slot == group.answer_slot || node.slot == group.answer_field)) thresholds.push_back(node.number);
        // Completed years count whole years: 17.5 is 17.
        const bool years = trial_.is_derived(group.answer_slot) && trial_.derived_at(group.answer_slot).function == DerivedFunction::completed_years;
        int answer_field = group.answer_field;
        // A lab whose value (or ULN) is given is answered with the other of
        // the pair, not its multiple (which the record may not hold beside them).
        if (trial_.is_derived(group.answer_slot) && trial_.derived_at(group.answer_slot).function == DerivedFunction::multiple_of_uln) {
            const DerivedDef& def = trial_.derived_at(group.answer_slot);
            const Value &value = record.value(def.value), &uln = record.value(def.uln);
            if (value.known() && uln.absent()) {
                answer_field = def.uln;
                for (double& t : thresholds) t = value.number / t;
            } else if (uln.known() && value.absent()) {
                answer_field = def.value;
                for (double& t : thresholds) t *= uln.number;
            }
        }
        add_number_answers(answer_field, std::move(thresholds), years || trial_.field(answer_field).type == FieldType::integer, question.answers);
        break;
    }
    case FieldType::date: add_date_answers(group, record, question.answers); break;
    case FieldType::text: break;
    }
}

// Whether a field still to come could change a decided criterion: only
// those a derived value prefers to what it has (overrides_) can.
bool Guide::could_change(const Record& record, const FieldSet& skipped, size_t criterion)
{
    for (int f = 0; f < static_cast<int>(trial_.fields.size()); ++f) {
        if (!overrides_[criterion].contains_field(f) || !record.value(f).absent() || skipped.contains_field(f)) continue;
        GuideQuestion probe;
        Group alone = groups_[static_cast<size_t>(member_of_[static_cast<size_t>(f)])];
        alone.answer_field = f;
        enumerate_answers(alone, record, probe);
        for (const GuideAnswer& a : probe.answers)
            if (std::find(a.changes.begin(), a.changes.end(), static_cast<int>(criterion)) != a.changes.end()) return true;
    }
    return false;
}

// The stop, or the fields whose questions come next (their groups'
// leaders, in `leaders`): false when there is nothing to ask.
bool Guide::stop_or_leaders(const Record& record, const FieldSet& skipped, std::vector<int>& leaders)
{
    // Decided criteria that a coming field could still change stay open.
    FieldSet candidates;
    bool all_pass_final = true;
    for (size_t c = 0; c < trial_.criteria.size(); ++c) {
        const Status s = now_.criteria[c];
        if (s == Status::fail || s == Status::pass) {
            if (overrides_[c].empty() || !could_change(record, skipped, c)) {
                if (s == Status::fail) out_.deciding.push_back(static_cast<int>(c));
                continue;
            }
            all_pass_final &= s != Status::pass;
            candidates |= overrides_[c];
        } else if (s == Status::unknown) {
            candidates |= now_.criteria_missing[c];
        }
    }
    if (!out_.deciding.empty()) {
        out_.state = GuideState::ineligible;
        return false;
    }
    if (now_.overall == Status::pass && all_pass_final) {
        out_.state = GuideState::eligible;
        return false;
    }

    // The questions: each group with a field still to come that is not skipped.
    bool waits_on_skipped = false;
    for (int f = 0; f < static_cast<int>(trial_.fields.size()); ++f) {
        if (!candidates.contains_field(f) || !record.value(f).absent()) continue;
        const FieldDef& def = trial_.field(f);
        const int leader = member_of_[static_cast<size_t>(f)];
        if (skipped.contains_field(f) || skipped.contains_field(leader)) {
            waits_on_skipped = true;
            continue;
        }
        if (def.known_at == KnownAt::visit) {
            add_unique(out_.visit, f);
            continue;
        }
        add_unique(leaders, leader);
    }
    std::sort(out_.visit.begin(), out_.visit.end());
    if (leaders.empty()) {
        bool any_unknown = false;
        for (Status s : now_.criteria) any_unknown |= s == Status::unknown;
        if (!out_.visit.empty() && !waits_on_skipped) out_.state = GuideState::referable;
        else if (any_unknown) out_.state = waits_on_skipped ? GuideState::unanswered : GuideState::referable;
        else out_.state = GuideState::review;
        return false;
    }
    out_.state = GuideState::ask;
    return true;
}

const Guidance& Guide::next(const Record& record, const FieldSet& skipped, size_t max_questions)
{
    out_.questions.clear();
    out_.visit.clear();
    out_.deciding.clear();
    evaluate(trial_, record, now_);
    scratch_ = record;
    out_.overall = now_.overall;
    std::vector<int> leaders;
    if (!stop_or_leaders(record, skipped, leaders)) return out_;
    for (int leader : leaders) {
        const Group& group = groups_[static_cast<size_t>(leader)];
        GuideQuestion question;
        question.field = group.field;
        question.with = group.with;
        question.known_at = trial_.field(group.field).known_at;
        enumerate_answers(group, record, question);
        std::vector<int> excluded;
        for (const GuideAnswer& a : question.answers) {
            question.can_end |= a.overall == Status::fail && !a.fails.empty();
            for (int c : a.fails) add_unique(excluded, c);
            for (int c : a.settles) add_unique(question.settles, c);
        }
        for (int c : excluded) question.exclusion_weight += trial_.criteria[static_cast<size_t>(c)].screen_failure_weight;
        std::sort(question.settles.begin(), question.settles.end());
        out_.questions.push_back(std::move(question));
    }
    auto most_settled = [](const GuideQuestion& q) {
        size_t most = 0;
        for (const GuideAnswer& a : q.answers) most = std::max(most, a.settles.size());
        return most;
    };
    std::stable_sort(out_.questions.begin(), out_.questions.end(), [&](const GuideQuestion& a, const GuideQuestion& b) {
        if (a.can_end != b.can_end) return a.can_end;
        if (a.known_at != b.known_at) return a.known_at < b.known_at;
        if (a.exclusion_weight != b.exclusion_weight) return a.exclusion_weight > b.exclusion_weight;
        const size_t sa = most_settled(a), sb = most_settled(b);
        if (sa != sb) return sa > sb;
        return a.field < b.field;
    });
    if (out_.questions.size() > max_questions) out_.questions.resize(max_questions);
    return out_;
}

} // namespace elig
