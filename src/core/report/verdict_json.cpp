#include "core/report/verdict_json.h"

#include "core/base/number_format.h"
#include "core/json/json_reader.h"
#include "core/report/reason.h"

namespace elig {

VerdictWriter::VerdictWriter(const Trial& trial) : trial_(trial)
{
    header_ = "{\"trial\":";
    append_json_string(header_, trial.info.nct_id);
    header_ += ",\"criteria_version\":";
    append_json_string(header_, trial.version);
    for (const Criterion& c : trial.criteria) {
        std::string head = "{\"id\":";
        append_json_string(head, c.id);
        head += c.kind == CriterionKind::inclusion ? ",\"kind\":\"inclusion\"" : ",\"kind\":\"exclusion\"";
        head += ",\"title\":";
        append_json_string(head, c.title);
        criterion_head_.push_back(std::move(head));
        std::string tail = ",\"source\":";
        append_json_string(tail, c.source);
        tail += '}';
        criterion_tail_.push_back(std::move(tail));
    }
    for (const FieldDef& f : trial.fields) {
        std::string id;
        append_json_string(id, f.id);
        field_ids_.push_back(std::move(id));
    }
    for (const Criterion& c : trial.criteria) {
        std::string fields;
        const Node& rule = trial.node(c.rule);
        if (rule.reads_fixed_fields) append_fields(fields, rule.fixed_reads);
        fixed_fields_.push_back(std::move(fields));
    }
}

void VerdictWriter::append_fields(std::string& out, const FieldSet& set) const
{
    out += '[';
    bool first = true;
    for_each_field(set, [&](size_t f) {
        if (!first) out += ',';
        first = false;
        out += field_ids_[f];
    });
    out += ']';
}

// Which of the missing fields are alternatives: "alternatives":
// [{"either": ["creatinine_clearance"], "or": ["weight_kg"]}], either
// group settling what both stand for. Absent when there are none.
void VerdictWriter::append_alternatives(std::string& out, const std::vector<MissingItem>& items) const
{
    bool first = true;
    for (const MissingItem& item : items) {
        if (item.or_else.empty()) continue;
        out += first ? ",\"alternatives\":[" : ",";
        first = false;
        out += "{\"either\":";
        append_fields(out, item.either);
        out += ",\"or\":";
        append_fields(out, item.or_else);
        out += '}';
    }
    if (!first) out += ']';
}

void VerdictWriter::write(const Record& record, const Evaluation& ev, std::string& out)
{
    out += header_;
    const int id_slot = trial_.find_slot("id");
    if (trial_.is_field(id_slot) && record.values[static_cast<size_t>(id_slot)].known()) {
        out += ",\"record_id\":";
        append_json_string(out, record.values[static_cast<size_t>(id_slot)].text);
    }
    out += ",\"overall\":\"";
    switch (ev.overall) {
    case Status::pass: out += "eligible"; break;
    case Status::fail: out += "ineligible"; break;
    case Status::unknown: out += "incomplete"; break;
    case Status::review: out += "review"; break;
    }
    out += "\",\"missing\":";
    append_fields(out, ev.missing);
    append_alternatives(out, missing_items(trial_, ev));
    if (const AfterTheWindows after = after_the_windows(trial_, ev); after.from != kNoDate) {
        const std::string date = format_iso_date(after.from);
        out += ",\"windows_end\":\"" + date + '"';
        if (after.verdict == Status::pass) out += ",\"eligible_from\":\"" + date + '"';
    }
    out += ",\"criteria\":[";
    for (size_t c = 0; c < trial_.criteria.size(); ++c) {
        if (c) out += ',';
        out += criterion_head_[c];
        out += ",\"status\":\"";
        out += status_name(ev.criteria[c]);
        out += "\",\"reason\":";
        reason_.clear();
        append_criterion_reason(trial_, record, ev, c, reason_);
        append_json_string(out, reason_);
        out += ",\"fields\":";
        if (!fixed_fields_[c].empty()) out += fixed_fields_[c];
        else append_fields(out, fields_read(trial_, record, ev, trial_.criteria[c].rule));
        out += ",\"missing\":";
        append_fields(out, ev.criteria_missing[c]);
        if (ev.criteria[c] == Status::unknown) append_alternatives(out, missing_items(trial_, ev, c));
        DayNumber from;
        if (criterion_eligible_from(trial_, ev, c, from)) {
            out += ",\"eligible_from\":\"";
            out += format_iso_date(from);
            out += '"';
        }
        out += criterion_tail_[c];
    }
    out += "],\"derived\":{";
    bool first = true;
    for (size_t d = 0; d < trial_.derived.size(); ++d) {
        const int slot = static_cast<int>(trial_.fields.size() + d);
        const DerivedValue& value = ev.derived[d];
        if (!value.known()) continue;
        const DerivedDef& def = trial_.derived[d];
        if (!first) out += ',';
        first = false;
        append_json_string(out, def.id);
        out += ":{\"value\":";
        if (const FieldDef* enums = trial_.enum_source(slot))
            append_json_string(out, enums->values[static_cast<size_t>(value.enum_index)].id);
        else if (trial_.slot_type(slot) == FieldType::boolean)
            out += value.boolean ? "true" : "false";
        else
            append_exact_number(out, value.number);
        if (!def.unit.empty()) {
            out += ",\"unit\":";
            append_json_string(out, def.unit);
        }
        if (def.function == DerivedFunction::cockcroft_gault_unless_measured)
            out += value.computed ? ",\"method\":\"cockcroft_gault\"" : ",\"method\":\"measured\"";
        out += ",\"fields\":";
        append_fields(out, value.read);
        out += '}';
    }
    out += "}}";
}

void VerdictWriter::write_errors(const std::vector<InputError>& errors, std::string& out, long line) const
{
    out += header_;
    if (line > 0) {
        out += ",\"line\":";
        out += std::to_string(line);
    }
    out += ",\"errors\":[";
    for (size_t i = 0; i < errors.size(); ++i) {
        if (i) out += ',';
        out += "{\"field\":";
        if (errors[i].field.empty()) out += "null";  // the record as a whole
        else append_json_string(out, errors[i].field);
        out += ",\"code\":";
        append_json_string(out, input_error_code(errors[i]));
        out += ",\"message\":";
        append_json_string(out, errors[i].message);
        out += '}';
    }
    out += "]}";
}

} // namespace elig
