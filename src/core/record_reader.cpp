#include "record_reader.h"

#include "number_format.h"

#include <algorithm>
#include <cmath>

namespace elig {

namespace {

std::string in_quotes(std::string_view text) { return "\"" + std::string(text) + "\""; }

const char* json_type_name(JsonItem::Type type)
{
    switch (type) {
    case JsonItem::Type::null: return "null";
    case JsonItem::Type::boolean: return "true/false";
    case JsonItem::Type::number: return "a number";
    case JsonItem::Type::string: return "a string";
    case JsonItem::Type::object: return "an object";
    case JsonItem::Type::array: return "an array";
    }
    return "a value";
}

// What the item was, for messages: the literal as written where short.
std::string shown(const JsonItem& item)
{
    switch (item.type) {
    case JsonItem::Type::number: return std::string(item.text);
    case JsonItem::Type::string: return item.text.size() <= 40 ? in_quotes(item.text) : "a string";
    case JsonItem::Type::boolean: return item.boolean ? "true" : "false";
    default: return json_type_name(item.type);
    }
}

std::string range_text(const FieldDef& field)
{
    const std::string low = with_unit(format_number(field.min), field.unit);
    const std::string high = with_unit(format_number(field.max), field.unit);
    if (field.min_exclusive) return "above " + low + " and at most " + high;
    return format_number(field.min) + "–" + high;
}

std::string accepted_units(const FieldDef& field)
{
    std::string list;
    for (const Unit& unit : field.units) list += (list.empty() ? "" : ", ") + unit.name;
    return list;
}

size_t edit_distance(std::string_view a, std::string_view b)
{
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = up;
        }
    }
    return row[b.size()];
}

uint32_t hash_id(std::string_view id)
{
    uint32_t h = 2166136261u;  // FNV-1a
    for (char c : id) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
    return h;
}

} // namespace

RecordReader::RecordReader(const Trial& trial) : trial_(trial)
{
    size_t size = 16;
    while (size < trial.fields.size() * 4) size *= 2;
    index_.assign(size, -1);
    for (size_t f = 0; f < trial.fields.size(); ++f) {
        size_t slot = hash_id(trial.fields[f].id) & (size - 1);
        while (index_[slot] >= 0) slot = (slot + 1) & (size - 1);
        index_[slot] = static_cast<int>(f);
    }
}

// Records usually list fields in dictionary order: try the one after the
// previous field first, then the hash table.
int RecordReader::find_field(std::string_view id, int expected) const
{
    if (expected >= 0 && static_cast<size_t>(expected) < trial_.fields.size() && trial_.fields[static_cast<size_t>(expected)].id == id)
        return expected;
    const size_t mask = index_.size() - 1;
    for (size_t slot = hash_id(id) & mask; index_[slot] >= 0; slot = (slot + 1) & mask)
        if (trial_.fields[static_cast<size_t>(index_[slot])].id == id) return index_[slot];
    return -1;
}

std::string closest_field_id(const Trial& trial, std::string_view id)
{
    std::string best;
    size_t best_distance = 3;
    for (const FieldDef& field : trial.fields) {
        const size_t d = edit_distance(id, field.id);
        if (d < best_distance) {
            best_distance = d;
            best = field.id;
        }
    }
    return best;
}

bool RecordReader::read_quantity(const FieldDef& field, size_t index, FieldValue& out, std::vector<InputError>& errors)
{
    // {"value": x, "unit": "u"}: exactly these two members.
    const JsonItem& object = doc_.items[index];
    const JsonItem* value = nullptr;
    const JsonItem* unit = nullptr;
    for (size_t i = index + 1; i < object.end; i = doc_.items[i].end) {
        const JsonItem& member = doc_.items[i];
        if (member.key == "value" && !value) value = &member;
        else if (member.key == "unit" && !unit) unit = &member;
        else {
            errors.push_back({field.id, field.id + ": unexpected " + in_quotes(member.key) + " in a quantity (expected {\"value\": number, \"unit\": one of " + accepted_units(field) + "})"});
            return false;
        }
    }
    if (!value || !unit) {
        errors.push_back({field.id, field.id + ": a quantity needs both \"value\" and \"unit\""});
        return false;
    }
    if (value->type != JsonItem::Type::number) {
        errors.push_back({field.id, field.id + ": the quantity's value must be a number, got " + shown(*value)});
        return false;
    }
    if (unit->type != JsonItem::Type::string) {
        errors.push_back({field.id, field.id + ": the quantity's unit must be a string, got " + shown(*unit)});
        return false;
    }
    for (size_t u = 0; u < field.units.size(); ++u)
        if (field.units[u].name == unit->text) {
            out.unit = static_cast<int16_t>(u);
            out.given = value->number;
            out.number = value->number * field.units[u].to_canonical;
            literal_ = value->text;
            return true;
        }
    errors.push_back({field.id, field.id + ": unknown unit " + in_quotes(unit->text) + " (accepted: " + accepted_units(field) + ")"});
    return false;
}

void RecordReader::read_field(const FieldDef& field, const JsonItem& item, size_t index, FieldValue& out, std::vector<InputError>& errors)
{
    using Type = JsonItem::Type;
    if (item.type == Type::null)
        return;  // unknown, never "no" and never zero
    auto fail = [&](std::string message) { errors.push_back({field.id, field.id + ": " + std::move(message)}); };
    switch (field.type) {
    case FieldType::text:
        if (item.type != Type::string) return fail("expected text, got " + shown(item));
        out.text.assign(item.text);
        out.state = FieldValue::State::known;
        return;
    case FieldType::boolean:
        if (item.type != Type::boolean) return fail("expected true or false (or null when unknown), got " + shown(item));
        out.boolean = item.boolean;
        out.state = FieldValue::State::known;
        return;
    case FieldType::date: {
        if (item.type != Type::string) return fail(std::string("expected a date YYYY-MM-DD") + (field.allow_none ? " or \"none\"" : "") + ", got " + shown(item));
        if (item.text == "none") {
            if (!field.allow_none) return fail("\"none\" is not allowed here; expected a date YYYY-MM-DD");
            out.state = FieldValue::State::none;
            return;
        }
        const auto date = parse_iso_date(item.text);
        if (!date) return fail(std::string("expected a real calendar date YYYY-MM-DD") + (field.allow_none ? " or \"none\"" : "") + ", got " + shown(item));
        out.date = *date;
        out.state = FieldValue::State::known;
        return;
    }
    case FieldType::enumeration: {
        if (item.type == Type::string)
            for (size_t v = 0; v < field.values.size(); ++v)
                if (field.values[v].id == item.text) {
                    out.enum_index = static_cast<int16_t>(v);
                    out.state = FieldValue::State::known;
                    return;
                }
        std::string list;
        for (const EnumValue& v : field.values) list += (list.empty() ? "" : ", ") + v.id;
        return fail("expected one of " + list + ", got " + shown(item));
    }
    case FieldType::number:
    case FieldType::integer: {
        if (item.type == Type::object && !field.units.empty()) {
            if (!read_quantity(field, index, out, errors)) return;
        } else if (item.type == Type::number) {
            out.unit = 0;
            out.given = item.number;
            out.number = item.number;
            literal_ = item.text;
        } else {
            if (field.units.size() > 1)
                return fail("expected a number in " + field.unit + ", or {\"value\": number, \"unit\": one of " + accepted_units(field) + "}, got " + shown(item));
            return fail(std::string("expected a number") + (field.unit.empty() ? "" : " in " + field.unit) + ", got " + shown(item));
        }
        // Messages quote the number as written: rounding it could make
        // "got 2" of 2.0001, or "100% is outside 50–100%" of 100.01.
        if (field.type == FieldType::integer && out.given != std::floor(out.given))
            return fail("expected a whole number, got " + std::string(literal_));
        const bool below = field.min_exclusive ? !(out.number > field.min) : !(out.number >= field.min);
        if (!std::isfinite(out.number) || below || !(out.number <= field.max)) {
            std::string as_given = with_unit(std::string(literal_), field.units.empty() ? field.unit : field.units[static_cast<size_t>(out.unit)].name);
            if (out.unit > 0) as_given += " (" + with_unit(format_number_against(out.number, below ? field.min : field.max), field.unit) + ")";
            if (field.min_exclusive && field.min == 0 && out.number == 0)
                return fail(as_given + " is not possible: it must be above 0 (nothing can be divided by 0)");
            return fail(as_given + " is outside the plausible range " + range_text(field));
        }
        out.state = FieldValue::State::known;
        return;
    }
    }
}

bool RecordReader::read(std::string_view json_text, Record& record, std::vector<InputError>& errors)
{
    errors.clear();
    record.values.resize(trial_.fields.size());
    for (FieldValue& value : record.values) {
        value.state = FieldValue::State::absent;
        value.text.clear();
    }
    if (!read_json(json_text, doc_)) {
        errors.push_back({"", "not valid JSON: " + doc_.error});
        return false;
    }
    const JsonItem& root = doc_.items[0];
    if (root.type != JsonItem::Type::object) {
        errors.push_back({"", std::string("a record must be a JSON object, got ") + json_type_name(root.type)});
        return false;
    }
    seen_.assign(trial_.fields.size(), 0);
    int previous = -1;
    for (size_t i = 1; i < root.end; i = doc_.items[i].end) {
        const JsonItem& item = doc_.items[i];
        const int slot = find_field(item.key, previous + 1);
        previous = slot;
        if (slot < 0) {
            const std::string hint = closest_field_id(trial_, item.key);
            std::string key;  // as a JSON string: keys may hold control characters
            append_json_string(key, item.key);
            errors.push_back({std::string(item.key), key + ": unknown field" + (hint.empty() ? "" : "; did you mean " + in_quotes(hint) + "?")});
            continue;
        }
        const size_t index = static_cast<size_t>(slot);
        if (seen_[index]++) {
            errors.push_back({std::string(item.key), std::string(item.key) + ": given twice"});
            continue;
        }
        read_field(trial_.fields[index], item, i, record.values[index], errors);
    }
    // Cross-field checks run on the fields that were read correctly, so
    // that one pass reports everything there is to fix.
    check(record, errors);
    std::stable_sort(errors.begin(), errors.end(), [&](const InputError& a, const InputError& b) {
        return static_cast<unsigned>(trial_.find_slot(a.field)) < static_cast<unsigned>(trial_.find_slot(b.field));
    });
    return errors.empty();
}

bool RecordReader::check(const Record& record, std::vector<InputError>& errors)
{
    const size_t before = errors.size();
    derive_values(trial_, record, scratch_);
    const auto& values = record.values;
    auto given = [&](int slot) { return slot >= 0 && !values[static_cast<size_t>(slot)].absent(); };

    for (const DerivedDef& def : trial_.derived) {
        if (def.function == DerivedFunction::multiple_of_uln && given(def.multiple) && (given(def.value) || given(def.uln))) {
            const std::string& multiple = trial_.slot_id(def.multiple);
            errors.push_back({multiple, multiple + ": give either " + multiple + " or " + trial_.slot_id(def.value) + " with " +
                                            trial_.slot_id(def.uln) + ", not both (two sources that may disagree)"});
        }
        if (def.function == DerivedFunction::completed_years && given(def.birth_date) && given(def.at)) {
            const FieldValue& birth = values[static_cast<size_t>(def.birth_date)];
            const FieldValue& at = values[static_cast<size_t>(def.at)];
            if (birth.date > at.date) continue;  // a constraint's business
            const int age = completed_years(birth.date, at.date);
            const std::string& birth_id = trial_.slot_id(def.birth_date);
            const FieldDef& years_field = trial_.fields[static_cast<size_t>(def.years)];
            if (given(def.years) && std::floor(values[static_cast<size_t>(def.years)].number) != age) {
                errors.push_back({birth_id, birth_id + ": gives an age of " + std::to_string(age) + " at " + trial_.slot_id(def.at) + " " +
                                                format_iso_date(at.date) + ", but " + years_field.id + " is " +
                                                format_number(values[static_cast<size_t>(def.years)].number)});
            } else if (years_field.has_range && (age < years_field.min || age > years_field.max)) {
                errors.push_back({birth_id, birth_id + ": gives an age of " + std::to_string(age) + " at " + trial_.slot_id(def.at) +
                                                ", outside the plausible range " + range_text(years_field)});
            }
        }
    }
    for (const Constraint& constraint : trial_.constraints)
        if (evaluate_node(trial_, record, constraint.forbid, scratch_) == Status::pass) {
            const std::string& id = trial_.fields[static_cast<size_t>(constraint.field)].id;
            errors.push_back({id, id + ": " + constraint.message});
        }
    return errors.size() == before;
}

} // namespace elig
