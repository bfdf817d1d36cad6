#include "text_report.h"

#include "reason.h"

namespace elig {

const char* overall_words(Status overall)
{
    switch (overall) {
    case Status::pass: return "ELIGIBLE";
    case Status::fail: return "NOT ELIGIBLE";
    case Status::unknown: return "INCOMPLETE: data missing";
    case Status::review: return "NEEDS REVIEW: the trial's sources disagree";
    }
    return "";
}

static const char* status_tag(Status s)
{
    switch (s) {
    case Status::pass: return "pass   ";
    case Status::fail: return "FAIL   ";
    case Status::unknown: return "unknown";
    case Status::review: return "REVIEW ";
    }
    return "";
}

std::string text_report(const Trial& trial, const Record& record, const Evaluation& ev)
{
    std::string out;
    out += trial.info.nct_id + " — " + (trial.info.short_title.empty() ? trial.info.title : trial.info.short_title) + "\n";
    out += "Criteria version " + trial.version + ", registry record of " + trial.info.record_date + "\n";
    const int id_slot = trial.find_slot("id");
    if (trial.is_field(id_slot) && record.values[static_cast<size_t>(id_slot)].known())
        out += "Record: " + record.values[static_cast<size_t>(id_slot)].text + "\n";
    out += "\nVerdict: ";
    out += overall_words(ev.overall);
    out += "\n";

    int counts[4] = {0, 0, 0, 0};
    for (Status s : ev.criteria) ++counts[static_cast<int>(s)];
    out += "  " + std::to_string(counts[static_cast<int>(Status::fail)]) + " fail, " + std::to_string(counts[static_cast<int>(Status::unknown)]) +
           " unknown, " + std::to_string(counts[static_cast<int>(Status::review)]) + " review, " + std::to_string(counts[static_cast<int>(Status::pass)]) +
           " pass\n";
    if (!ev.missing.empty()) {
        out += "  Missing:";
        for_each_field(ev.missing, [&](size_t f) { out += " " + trial.fields[f].id; });
        out += "\n";
    }

    // What decides first: failures, then reviews, then unknowns; passes last.
    const Status order[4] = {Status::fail, Status::review, Status::unknown, Status::pass};
    for (Status wanted : order) {
        bool heading = false;
        for (size_t c = 0; c < trial.criteria.size(); ++c) {
            if (ev.criteria[c] != wanted) continue;
            if (!heading) {
                out += "\n";
                heading = true;
            }
            const Criterion& criterion = trial.criteria[c];
            out += std::string(status_tag(wanted)) + "  " + criterion.id + " — " + criterion.title + "\n";
            out += "         " + criterion_reason(trial, record, ev, c) + "\n";
            if (wanted != Status::pass)
                out += "         Protocol (" + std::string(criterion.kind == CriterionKind::inclusion ? "inclusion" : "exclusion") + "): \"" + criterion.source + "\"\n";
        }
    }

    std::string derived;
    for (size_t d = 0; d < trial.derived.size(); ++d) {
        const int slot = static_cast<int>(trial.fields.size() + d);
        if (!ev.derived[d].known() || trial.enum_source(slot) || trial.slot_type(slot) == FieldType::boolean) continue;
        derived += "  " + describe_value(trial, record, ev, slot) + "\n";
    }
    if (!derived.empty()) out += "\nDerived values:\n" + derived;
    out += "\nA pre-screening aid, not an enrolment decision: the study team confirms eligibility.\n";
    return out;
}

std::string text_errors(const std::vector<InputError>& errors)
{
    std::string out = "No verdict: the record has " + std::to_string(errors.size()) + (errors.size() == 1 ? " error" : " errors") + ":\n";
    for (const InputError& e : errors) out += "  " + e.message + "\n";
    return out;
}

} // namespace elig
