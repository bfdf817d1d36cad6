#include "core/records/record_json.h"

#include "core/base/number_format.h"
#include "core/json/json_reader.h"

#include <cmath>

namespace elig {

namespace {

// Whole numbers as integers ("54", not "54.0"); others shortest exact.
void append_given(std::string& out, double given)
{
    if (std::floor(given) == given && std::fabs(given) < 9e15) out += std::to_string(static_cast<long long>(given));
    else append_exact_number(out, given);
}

} // namespace

void append_value_json(std::string& out, const FieldDef& field, const FieldValue& value, int indent)
{
    switch (field.type) {
    case FieldType::text: return append_json_string(out, value.text);
    case FieldType::boolean: out += value.boolean ? "true" : "false"; return;
    case FieldType::enumeration: return append_json_string(out, field.value_at(value.enum_index).id);
    case FieldType::date: return append_json_string(out, value.state == Value::State::none ? std::string("none") : format_iso_date(value.date));
    case FieldType::number:
    case FieldType::integer:
        if (value.unit <= 0) return append_given(out, value.given);
        if (indent > 0) {
            const std::string inner(static_cast<size_t>(indent), ' ');
            out += "{\n" + inner + "\"value\": ";
            append_given(out, value.given);
            out += ",\n" + inner + "\"unit\": ";
            append_json_string(out, field.unit_at(value.unit).name);
            out += "\n" + std::string(static_cast<size_t>(indent - 2), ' ') + "}";
            return;
        }
        out += "{\"value\":";
        append_given(out, value.given);
        out += ",\"unit\":";
        append_json_string(out, field.unit_at(value.unit).name);
        out += '}';
        return;
    }
}

std::string write_record_json(const Trial& trial, const Record& record, bool pretty)
{
    std::string out = "{";
    bool first = true;
    for (size_t f = 0; f < trial.fields.size(); ++f) {
        const FieldValue& value = record.values[f];
        if (value.absent()) continue;
        out += first ? (pretty ? "\n  " : "") : (pretty ? ",\n  " : ",");
        first = false;
        append_json_string(out, trial.fields[f].id);
        out += pretty ? ": " : ":";
        append_value_json(out, trial.fields[f], value, pretty ? 4 : 0);
    }
    out += pretty && !first ? "\n}" : "}";
    return out;
}

} // namespace elig
