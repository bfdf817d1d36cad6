#include "core/report/text_report.h"

#include "core/report/reason.h"

namespace elig {

std::string_view overall_words(const Messages& messages, Status overall)
{
    switch (overall) {
    case Status::pass: return messages.text(Msg::overall_eligible);
    case Status::fail: return messages.text(Msg::overall_ineligible);
    case Status::unknown: return messages.text(Msg::overall_incomplete);
    case Status::review: return messages.text(Msg::overall_review);
    }
    return {};
}

namespace {

std::string_view status_tag(const Messages& messages, Status s)
{
    switch (s) {
    case Status::pass: return messages.text(Msg::report_tag_pass);
    case Status::fail: return messages.text(Msg::report_tag_fail);
    case Status::unknown: return messages.text(Msg::report_tag_unknown);
    case Status::review: return messages.text(Msg::report_tag_review);
    }
    return {};
}

void line(std::string& out, const Messages& messages, Msg id, std::initializer_list<std::string_view> args = {})
{
    messages.append(out, id, args);
    out += '\n';
}

void missing_line(const Trial& trial, const Evaluation& ev, std::string& out)
{
    if (ev.missing.empty()) return;
    line(out, trial.messages, Msg::report_missing, {missing_words(trial, ev)});
}

void header(const Trial& trial, const Record& record, const Evaluation& ev, std::string& out)
{
    const Messages& m = trial.messages;
    line(out, m, Msg::report_title, {trial.info.nct_id, trial.info.short_title.empty() ? trial.info.title : trial.info.short_title});
    line(out, m, Msg::report_version, {trial.version, trial.info.record_date});
    const int id_slot = trial.find_slot("id");
    if (trial.is_field(id_slot) && record.value(id_slot).known()) line(out, m, Msg::report_record, {record.value(id_slot).text});
    out += '\n';
    line(out, m, Msg::report_verdict, {overall_words(m, ev.overall)});

    int counts[4] = {0, 0, 0, 0};
    for (Status s : ev.criteria) ++counts[static_cast<int>(s)];
    const auto count = [&](Status s) { return std::to_string(counts[static_cast<int>(s)]); };
    line(out, m, Msg::report_counts, {count(Status::fail), count(Status::unknown), count(Status::review), count(Status::pass)});
    if (const AfterTheWindows after = after_the_windows(trial, ev); after.from != kNoDate)
        line(out, m, after.verdict == Status::pass ? Msg::report_earliest : Msg::report_after_windows, {format_iso_date(after.from)});
    missing_line(trial, ev, out);
    // Once, before the criteria: what "pass" says of an exclusion.
    for (const Criterion& c : trial.criteria)
        if (c.kind == CriterionKind::exclusion) return line(out, m, Msg::report_exclusion_pass);
}


void criterion_lines(const Trial& trial, const Record& record, const Evaluation& ev, size_t c, std::string& out)
{
    const Messages& m = trial.messages;
    const Criterion& criterion = trial.criteria[c];
    const Status status = ev.criteria[c];
    line(out, m, Msg::report_criterion, {status_tag(m, status), criterion.id, criterion.title});
    line(out, m, Msg::report_reason, {criterion_reason(trial, record, ev, c)});
    if (status == Status::pass) return;
    const Msg kind = criterion.kind == CriterionKind::inclusion ? Msg::report_kind_inclusion : Msg::report_kind_exclusion;
    line(out, m, Msg::report_protocol, {m.text(kind), criterion.source});
    if (!criterion.source_translation.empty())
        line(out, m, Msg::report_translation, {criterion.source_translation, trial.translation_notice});
}

} // namespace

std::string text_report(const Trial& trial, const Record& record, const Evaluation& ev)
{
    std::string out;
    header(trial, record, ev, out);
    Status group = Status::pass;
    bool first = true;
    for (size_t c : criteria_in_reading_order(ev)) {
        if (first || ev.criteria[c] != group) out += '\n';  // a blank line before each group
        first = false;
        group = ev.criteria[c];
        criterion_lines(trial, record, ev, c, out);
    }
    std::string derived;
    for (size_t d = 0; d < trial.derived.size(); ++d) {
        const int slot = trial.derived_slot(d);
        if (!ev.derived[d].known() || trial.enum_source(slot) || trial.slot_type(slot) == FieldType::boolean) continue;
        line(derived, trial.messages, Msg::report_derived_item, {describe_value(trial, record, ev, slot)});
    }
    if (!derived.empty()) {
        out += '\n';
        line(out, trial.messages, Msg::report_derived_heading);
        out += derived;
    }
    out += '\n';
    line(out, trial.messages, Msg::report_disclaimer);
    return out;
}

std::string missing_words(const Trial& trial, const Evaluation& ev)
{
    const Messages& m = trial.messages;
    // Each missing field, or a pair of which either would do: the same
    // words in every language.
    auto labels = [&](const FieldSet& set) {
        std::string out;
        for_each_field(set, [&](size_t f) {
            if (!out.empty()) m.append(out, Msg::list_separator);
            m.append(out, Msg::report_missing_field, {trial.fields[f].id, trial.fields[f].label});
        });
        return out;
    };
    std::string words;
    for (const MissingItem& item : missing_items(trial, ev)) {
        if (!words.empty()) m.append(words, Msg::report_missing_separator);
        if (item.or_else.empty()) words += labels(item.either);
        else m.append(words, Msg::report_missing_or, {labels(item.either), labels(item.or_else)});
    }
    return words;
}

std::vector<size_t> criteria_in_reading_order(const Evaluation& ev)
{
    std::vector<size_t> order;
    order.reserve(ev.criteria.size());
    for (Status wanted : {Status::fail, Status::review, Status::unknown, Status::pass})
        for (size_t c = 0; c < ev.criteria.size(); ++c)
            if (ev.criteria[c] == wanted) order.push_back(c);
    return order;
}

std::string text_errors(const Messages& messages, const std::vector<InputError>& errors)
{
    std::string out;
    line(out, messages, errors.size() == 1 ? Msg::errors_heading_one : Msg::errors_heading_other, {std::to_string(errors.size())});
    for (const InputError& e : errors) line(out, messages, Msg::errors_item, {e.message});
    return out;
}

} // namespace elig
