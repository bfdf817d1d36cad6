#include "core/records/record_reader.h"

#include "core/base/number_format.h"
#include "core/base/stable_order.h"
#include "core/base/text.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace elig {

namespace {

Msg json_type_message(JsonItem::Type type)
{
    switch (type) {
    case JsonItem::Type::null: return Msg::type_null;
    case JsonItem::Type::boolean: return Msg::type_boolean;
    case JsonItem::Type::number: return Msg::type_number;
    case JsonItem::Type::string: return Msg::type_string;
    case JsonItem::Type::object: return Msg::type_object;
    case JsonItem::Type::array: return Msg::type_array;
    }
    return Msg::type_null;
}

// What the item was, for messages: the literal as written where short.
std::string shown(const Messages& messages, const JsonDocument& doc, const JsonItem& item)
{
    switch (item.type()) {
    case JsonItem::Type::number: return std::string(doc.text(item));
    case JsonItem::Type::string: return doc.text(item).size() <= 40 ? in_quotes(doc.text(item)) : std::string(messages.text(Msg::type_string));
    case JsonItem::Type::boolean: return item.boolean() ? "true" : "false";
    case JsonItem::Type::null:
    case JsonItem::Type::object:
    case JsonItem::Type::array: break;
    }
    return std::string(messages.text(json_type_message(item.type())));
}

std::string range_text(const Messages& messages, const FieldDef& field)
{
    std::string low, high;
    field.append_number(low, field.min);
    field.append_number(high, field.max);
    append_unit(high, field.unit_label);
    if (field.min_exclusive) {
        append_unit(low, field.unit_label);
        return messages.format(Msg::range_exclusive_low, {low, high});
    }
    return messages.format(Msg::range_inclusive, {low, high});
}

std::string accepted_units(const Messages& messages, const FieldDef& field)
{
    std::string list;
    for (const Unit& unit : field.units) {
        if (!list.empty()) messages.append(list, Msg::list_separator);
        list += unit.name;
    }
    return list;
}

// Ids share prefixes ("aml_relapse_…") but not their first and last eight
// bytes and length together; two loads hash them without a loop over the
// bytes (a record that lists fields out of order looks every key up).
uint32_t hash_id(std::string_view id)
{
    uint64_t head = 0, tail = 0;
    if (id.size() >= 8) {
        std::memcpy(&head, id.data(), 8);
        std::memcpy(&tail, id.data() + id.size() - 8, 8);
    } else if (!id.empty()) {
        std::memcpy(&head, id.data(), id.size());
    }
    const uint64_t h = (head * 0x9E3779B97F4A7C15u) ^ (tail * 0xC2B2AE3D27D4EB4Fu) ^ id.size();
    return static_cast<uint32_t>(h ^ (h >> 29));
}

// Input errors are the catalogue's "error.*" messages: their codes.
[[maybe_unused]] bool is_input_error(Msg code) { return Messages::specs()[static_cast<size_t>(code)].key.rfind("error.", 0) == 0; }

} // namespace

RecordReader::RecordReader(const Trial& trial) : trial_(trial), messages_(trial.messages)
{
    size_t size = 16;
    while (size < trial.fields.size() * 4) size *= 2;
    index_.assign(size, FieldEntry{});
    ids_.reserve(trial.fields.size());
    for (size_t f = 0; f < trial.fields.size(); ++f) {
        const std::string_view id = trial.fields[f].id;
        const uint32_t hash = hash_id(id);
        ids_.push_back({id, hash});
        size_t slot = hash & (size - 1);
        while (index_[slot].field >= 0) slot = (slot + 1) & (size - 1);
        index_[slot] = {static_cast<int>(f), hash};
    }
}

// Records usually list fields in dictionary order: try the one after the
// previous field first, then the hash table. Hashes are compared before
// bytes, and both live in the reader's own small tables rather than in the
// field definitions, which a log of millions of records would otherwise
// pull into the cache a field at a time.
int RecordReader::find_field(std::string_view id, int expected) const
{
    const uint32_t hash = hash_id(id);
    if (expected >= 0 && static_cast<size_t>(expected) < ids_.size()) {
        const FieldId& guess = ids_[static_cast<size_t>(expected)];
        if (guess.hash == hash && guess.id == id) return expected;
    }
    const size_t mask = index_.size() - 1;
    for (size_t slot = hash & mask; index_[slot].field >= 0; slot = (slot + 1) & mask) {
        const FieldEntry& entry = index_[slot];
        if (entry.hash == hash && ids_[static_cast<size_t>(entry.field)].id == id) return entry.field;
    }
    return -1;
}

void RecordReader::fail(const FieldDef& field, Msg code, std::initializer_list<std::string_view> args, std::vector<InputError>& errors) const
{
    ELIG_ASSERT(is_input_error(code));
    InputError error{field.id, code, std::vector<std::string>(args.begin(), args.end()), {}};
    error.message = messages_.format(Msg::error_field, {field.id, field.label, messages_.format(code, args)});
    errors.push_back(std::move(error));
}

void RecordReader::fail_record(std::string_view key, Msg code, std::initializer_list<std::string_view> args, std::vector<InputError>& errors) const
{
    ELIG_ASSERT(is_input_error(code));
    errors.push_back({std::string(key), code, std::vector<std::string>(args.begin(), args.end()), messages_.format(code, args)});
}

bool RecordReader::read_quantity(const FieldDef& field, size_t index, FieldValue& out, std::vector<InputError>& errors)
{
    // {"value": x, "unit": "u"}: exactly these two members.
    const JsonItem& object = doc_.items[index];
    const JsonItem* value = nullptr;
    const JsonItem* unit = nullptr;
    for (size_t i = index + 1; i < object.end(); i = doc_.items[i].end()) {
        const JsonItem& member = doc_.items[i];
        const std::string_view key = doc_.key(member);
        if (key == "value" && !value) value = &member;
        else if (key == "unit" && !unit) unit = &member;
        else return quantity_error(field, Msg::error_quantity_unexpected, {in_quotes(key), accepted_units(messages_, field)}, errors);
    }
    if (!value || !unit) return quantity_error(field, Msg::error_quantity_incomplete, {}, errors);
    if (value->type() != JsonItem::Type::number) return quantity_error(field, Msg::error_quantity_value, {shown(messages_, doc_, *value)}, errors);
    if (unit->type() != JsonItem::Type::string) return quantity_error(field, Msg::error_quantity_unit, {shown(messages_, doc_, *unit)}, errors);
    for (size_t u = 0; u < field.units.size(); ++u)
        if (field.units[u].name == doc_.text(*unit)) {
            out.unit = static_cast<int16_t>(u);
            literal_ = doc_.text(*value);
            out.given = parse_json_number(literal_);
            out.number = out.given * field.units[u].to_canonical;
            return true;
        }
    return quantity_error(field, Msg::error_unknown_unit, {in_quotes(doc_.text(*unit)), accepted_units(messages_, field)}, errors);
}

bool RecordReader::quantity_error(const FieldDef& field, Msg code, std::initializer_list<std::string_view> args, std::vector<InputError>& errors) const
{
    fail(field, code, args, errors);
    return false;
}

void RecordReader::read_date(const FieldDef& field, const JsonItem& item, FieldValue& out, std::vector<InputError>& errors)
{
    if (item.type() != JsonItem::Type::string)
        return fail(field, field.allow_none ? Msg::error_expected_date_or_none : Msg::error_expected_date, {shown(messages_, doc_, item)}, errors);
    const std::string_view text = doc_.text(item);
    if (text == "none") {
        if (!field.allow_none) return fail(field, Msg::error_none_not_allowed, {}, errors);
        out.state = FieldValue::State::none;
        return;
    }
    const auto date = parse_iso_date(text);
    if (!date)
        return fail(field, field.allow_none ? Msg::error_not_calendar_date_or_none : Msg::error_not_calendar_date, {shown(messages_, doc_, item)}, errors);
    out.date = *date;
    out.state = FieldValue::State::known;
}

void RecordReader::read_enum(const FieldDef& field, const JsonItem& item, FieldValue& out, std::vector<InputError>& errors)
{
    if (item.type() == JsonItem::Type::string)
        for (size_t v = 0; v < field.values.size(); ++v)
            if (field.values[v].id == doc_.text(item)) {
                out.enum_index = static_cast<int16_t>(v);
                out.state = FieldValue::State::known;
                return;
            }
    std::string list;
    for (const EnumValue& v : field.values) {
        if (!list.empty()) messages_.append(list, Msg::list_separator);
        list += v.id;
    }
    fail(field, Msg::error_expected_enum, {list, shown(messages_, doc_, item)}, errors);
}

void RecordReader::read_number(const FieldDef& field, const JsonItem& item, size_t index, FieldValue& out, std::vector<InputError>& errors)
{
    if (item.type() == JsonItem::Type::object && !field.units.empty()) {
        if (!read_quantity(field, index, out, errors)) return;
    } else if (item.type() == JsonItem::Type::number) {
        out.unit = 0;
        literal_ = doc_.text(item);
        out.given = parse_json_number(literal_);
        out.number = out.given;
    } else {
        const std::string got = shown(messages_, doc_, item);
        if (field.units.size() > 1)
            return fail(field, Msg::error_expected_number_or_quantity, {field.unit, accepted_units(messages_, field), got}, errors);
        if (field.unit.empty()) return fail(field, Msg::error_expected_number, {got}, errors);
        return fail(field, Msg::error_expected_number_in, {field.unit, got}, errors);
    }
    // Messages quote the number as written: rounding it could make
    // "got 2" of 2.0001, or "100% is outside 50–100%" of 100.01.
    const ValueProblem problem = field.check_number(out.given, out.number);
    if (problem == ValueProblem::none) {
        out.state = FieldValue::State::known;
        return;
    }
    if (problem == ValueProblem::not_whole) return fail(field, Msg::error_expected_whole_number, {literal_}, errors);
    // As written; a score written in Roman numerals gets no word after a
    // number that is no class ("0", not "0级": NYHA classes are I to IV).
    std::string as_given = field.roman ? std::string(literal_) : with_unit(std::string(literal_), field.units.empty() ? field.unit_label : field.unit_at(out.unit).label);
    if (out.unit > 0) messages_.append(as_given, Msg::value_as_given, {with_unit(format_number_against(out.number, field.nearest_limit(out.number)), field.unit_label)});
    if (problem == ValueProblem::not_above_zero) return fail(field, Msg::error_not_above_zero, {as_given}, errors);
    fail(field, Msg::error_out_of_range, {as_given, range_text(messages_, field)}, errors);
}

void RecordReader::read_field(const FieldDef& field, const JsonItem& item, size_t index, FieldValue& out, std::vector<InputError>& errors)
{
    using Type = JsonItem::Type;
    if (item.type() == Type::null)
        return;  // unknown, never "no" and never zero
    switch (field.type) {
    case FieldType::text:
        if (item.type() != Type::string) return fail(field, Msg::error_expected_text, {shown(messages_, doc_, item)}, errors);
        out.text.assign(doc_.text(item));
        out.state = FieldValue::State::known;
        return;
    case FieldType::boolean:
        if (item.type() != Type::boolean) return fail(field, Msg::error_expected_bool, {shown(messages_, doc_, item)}, errors);
        out.boolean = item.boolean();
        out.state = FieldValue::State::known;
        return;
    case FieldType::date: return read_date(field, item, out, errors);
    case FieldType::enumeration: return read_enum(field, item, out, errors);
    case FieldType::number:
    case FieldType::integer: return read_number(field, item, index, out, errors);
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
        fail_record("", Msg::error_not_json, {describe(messages_, doc_.error)}, errors);
        return false;
    }
    const JsonItem& root = doc_.items[0];
    if (root.type() != JsonItem::Type::object) {
        fail_record("", Msg::error_not_object, {messages_.text(json_type_message(root.type()))}, errors);
        return false;
    }
    seen_.assign(trial_.fields.size(), 0);
    int previous = -1;
    for (size_t i = 1; i < root.end(); i = doc_.items[i].end()) {
        const JsonItem& item = doc_.items[i];
        const std::string_view key = doc_.key(item);
        const int slot = find_field(key, previous + 1);
        previous = slot;
        if (slot < 0) {
            unknown_field(key, errors);
            continue;
        }
        if (seen_[static_cast<size_t>(slot)]++) {
            fail_record(key, Msg::error_given_twice, {key}, errors);
            continue;
        }
        read_field(trial_.field(slot), item, i, record.value(slot), errors);
    }
    // Cross-field checks run on the fields that were read correctly, so
    // that one pass reports everything there is to fix.
    check(record, errors);
    // In field order; the record's own errors (no field: slot -1) last.
    stable_sort_by_key(errors, [&](const InputError& e) { return static_cast<unsigned>(trial_.find_slot(e.field)); });
    return errors.empty();
}

void RecordReader::unknown_field(std::string_view key, std::vector<InputError>& errors) const
{
    const std::string hint = trial_.closest_field_id(key);
    std::string quoted;  // as a JSON string: keys may hold control characters
    append_json_string(quoted, key);
    if (hint.empty()) fail_record(key, Msg::error_unknown_field, {quoted}, errors);
    else fail_record(key, Msg::error_unknown_field_hint, {quoted, hint}, errors);
}

// The age from birth_date at screening_date against age_years and its range.
void RecordReader::check_age(const DerivedDef& def, const Record& record, std::vector<InputError>& errors) const
{
    const FieldValue& birth = record.value(def.birth_date);
    const FieldValue& at = record.value(def.at);
    if (birth.date > at.date) return;  // a constraint's business
    const int age = completed_years(birth.date, at.date);
    const FieldDef& birth_field = trial_.field(def.birth_date);
    const FieldDef& years_field = trial_.field(def.years);
    const FieldValue& years = record.value(def.years);
    if (!years.absent() && std::floor(years.number) != age) {
        fail(birth_field, Msg::error_age_disagrees, {std::to_string(age), trial_.slot_id(def.at), format_iso_date(at.date), years_field.id,
                                                                      format_number(years.number), trial_.slot_label(def.at)}, errors);
    } else if (years_field.has_range && (age < years_field.min || age > years_field.max)) {
        fail(birth_field, Msg::error_age_out_of_range, {std::to_string(age), trial_.slot_id(def.at), range_text(messages_, years_field),
                                                                         trial_.slot_label(def.at)}, errors);
    }
}

bool RecordReader::check(const Record& record, std::vector<InputError>& errors)
{
    const size_t before = errors.size();
    derive_values(trial_, record, scratch_);
    auto given = [&](int slot) { return slot >= 0 && !record.value(slot).absent(); };
    for (const DerivedDef& def : trial_.derived) {
        if (def.function == DerivedFunction::multiple_of_uln && given(def.multiple) && (given(def.value) || given(def.uln))) {
            const std::string& multiple = trial_.slot_id(def.multiple);
            fail(trial_.field(def.multiple), Msg::error_multiple_and_pair, {multiple, trial_.slot_id(def.value), trial_.slot_id(def.uln),
                                                                            trial_.slot_label(def.multiple), trial_.slot_label(def.value), trial_.slot_label(def.uln)},
                 errors);
        }
        if (def.function == DerivedFunction::completed_years && given(def.birth_date) && given(def.at)) check_age(def, record, errors);
    }
    for (const Constraint& constraint : trial_.constraints)
        if (evaluate_node(trial_, record, constraint.forbid, scratch_) == Status::pass) fail(trial_.field(constraint.field), Msg::error_constraint, {constraint.message}, errors);
    return errors.size() == before;
}

} // namespace elig
