#include "trial.h"

namespace elig {

const FieldDef* Trial::enum_source(int slot) const
{
    if (slot < 0 || slot >= slot_count())
        return nullptr;
    if (is_field(slot)) {
        const FieldDef& def = field(slot);
        return def.type == FieldType::enumeration ? &def : nullptr;
    }
    const DerivedDef& def = derived_at(slot);
    return def.function == DerivedFunction::implied_value ? enum_source(def.field) : nullptr;
}

FieldType Trial::slot_type(int slot) const
{
    // A derived value over a field that did not load (the loader reports
    // it) has no type of its own to give.
    if (slot < 0 || slot >= slot_count()) return FieldType::text;
    if (is_field(slot)) return field(slot).type;
    const DerivedDef& def = derived_at(slot);
    if (def.function == DerivedFunction::implied_value)
        return slot_type(def.field);
    return FieldType::number;
}

const char* status_name(Status status)
{
    switch (status) {
    case Status::pass: return "pass";
    case Status::fail: return "fail";
    case Status::unknown: return "unknown";
    case Status::review: return "review";
    }
    return "unknown";
}

std::string describe(const LoadError& error)
{
    return (error.path.empty() ? std::string("(document)") : error.path) + ": " + error.message;
}

} // namespace elig
