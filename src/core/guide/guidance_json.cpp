#include "core/guide/guidance_json.h"

namespace elig {

namespace {

const char* overall_word(Status status)
{
    switch (status) {
    case Status::pass: return "eligible";
    case Status::fail: return "ineligible";
    case Status::unknown: return "incomplete";
    case Status::review: return "review";
    }
    return "incomplete";
}

const char* known_at_word(KnownAt known_at)
{
    switch (known_at) {
    case KnownAt::chart: return "chart";
    case KnownAt::tests: return "tests";
    case KnownAt::visit: return "visit";
    }
    return "chart";
}

void criterion_ids(const Trial& trial, const std::vector<int>& criteria, JsonWriter& out)
{
    out.begin_array();
    for (int c : criteria) out.value(trial.criteria[static_cast<size_t>(c)].id);
    out.end_array();
}

void field_ids(const Trial& trial, const std::vector<int>& fields, JsonWriter& out)
{
    out.begin_array();
    for (int f : fields) out.value(trial.field(f).id);
    out.end_array();
}

void answer_value(const Trial& trial, const GuideAnswer& answer, JsonWriter& out)
{
    switch (answer.kind) {
    case GuideAnswer::Kind::yes: out.value(true); break;
    case GuideAnswer::Kind::no: out.value(false); break;
    case GuideAnswer::Kind::choice: out.value(trial.field(answer.field).value_at(answer.choice).id); break;
    case GuideAnswer::Kind::none: out.value("none"); break;
    case GuideAnswer::Kind::range:
        out.begin_object();
        if (answer.has_low) out.key(answer.low_inclusive ? "at_least" : "above").value(answer.low);
        if (answer.has_high) out.key(answer.high_inclusive ? "at_most" : "below").value(answer.high);
        out.end_object();
        break;
    case GuideAnswer::Kind::within:
    case GuideAnswer::Kind::before: {
        const Node& node = trial.node(answer.window_node);
        out.begin_object().key(answer.kind == GuideAnswer::Kind::within ? "within" : "not_within");
        out.begin_object().key(node.window_unit == WindowUnit::weeks ? "weeks" : "months").value(node.window).end_object();
        out.key("before").value(trial.slot_id(node.reference));
        out.end_object();
        break;
    }
    }
}

const char* then_word(Status overall)
{
    switch (overall) {
    case Status::pass: return "eligible";
    case Status::fail: return "ineligible";
    case Status::review: return "review";
    case Status::unknown: return "continue";
    }
    return "continue";
}

} // namespace

void write_guidance_json(const Trial& trial, const Guidance& guidance, JsonWriter& out)
{
    out.begin_object();
    out.key("state").value(guide_state_name(guidance.state));
    out.key("overall").value(overall_word(guidance.overall));
    if (guidance.state == GuideState::ineligible) {
        out.key("deciding");
        criterion_ids(trial, guidance.deciding, out);
    }
    out.key("questions").begin_array();
    for (const GuideQuestion& q : guidance.questions) {
        out.begin_object();
        out.key("field").value(trial.field(q.field).id);
        out.key("with");
        field_ids(trial, q.with, out);
        out.key("known_at").value(known_at_word(q.known_at));
        out.key("can_end").value(q.can_end);
        out.key("settles");
        criterion_ids(trial, q.settles, out);
        out.key("answers").begin_array();
        for (const GuideAnswer& a : q.answers) {
            out.begin_object();
            if (a.field != q.field) out.key("field").value(trial.field(a.field).id);
            out.key("answer");
            answer_value(trial, a, out);
            out.key("then").value(then_word(a.overall));
            out.key("fails");
            criterion_ids(trial, a.fails, out);
            out.key("settles");
            criterion_ids(trial, a.settles, out);
            out.end_object();
        }
        out.end_array();
        out.end_object();
    }
    out.end_array();
    out.key("visit");
    field_ids(trial, guidance.visit, out);
    out.end_object();
}

} // namespace elig
