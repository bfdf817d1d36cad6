#include "core/records/record_json.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace elig {

std::string write_record_json(const Trial& trial, const Record& record, bool pretty)
{
    using json = nlohmann::ordered_json;
    json out = json::object();
    for (size_t f = 0; f < trial.fields.size(); ++f) {
        const FieldDef& field = trial.fields[f];
        const FieldValue& value = record.values[f];
        if (value.absent()) continue;
        switch (field.type) {
        case FieldType::text: out[field.id] = value.text; break;
        case FieldType::boolean: out[field.id] = value.boolean; break;
        case FieldType::enumeration: out[field.id] = field.values[static_cast<size_t>(value.enum_index)].id; break;
        case FieldType::date: out[field.id] = value.state == Value::State::none ? std::string("none") : format_iso_date(value.date); break;
        case FieldType::number:
        case FieldType::integer: {
            // Whole numbers as integers ("54", not "54.0"); others shortest exact.
            json number = std::floor(value.given) == value.given && std::fabs(value.given) < 9e15 ? json(static_cast<long long>(value.given)) : json(value.given);
            if (value.unit > 0) out[field.id] = {{"value", number}, {"unit", field.units[static_cast<size_t>(value.unit)].name}};
            else out[field.id] = number;
            break;
        }
        }
    }
    return out.dump(pretty ? 2 : -1);
}

} // namespace elig
