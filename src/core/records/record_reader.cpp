#include "core/records/record_reader.h"

#include "core/base/number_format.h"
#include "core/base/stable_order.h"
#include "core/base/text.h"
#include "core/json/json_scan.h"

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

// Whether two short texts (a key and an id, an enum value, a unit) are
// the same, compared a word at a time inline: a record's every key and
// word is compared so, and a call to memcmp cost more than the bytes.
inline bool same_text(std::string_view x, std::string_view y)
{
    const size_t n = y.size();
    if (x.size() != n) return false;
    const char* a = x.data();
    const char* b = y.data();
    const auto word = [](const char* bytes) {
        uint64_t w;
        std::memcpy(&w, bytes, 8);
        return w;
    };
    const auto half = [](const char* bytes) {
        uint32_t w;
        std::memcpy(&w, bytes, 4);
        return w;
    };
    if (n < 4) {
        for (size_t i = 0; i < n; ++i)
            if (a[i] != b[i]) return false;
        return true;
    }
    if (n < 8) return half(a) == half(b) && half(a + n - 4) == half(b + n - 4);  // two words, overlapping
    for (size_t i = 0; i + 8 < n; i += 8)
        if (word(a + i) != word(b + i)) return false;
    return word(a + n - 8) == word(b + n - 8);  // the last word, overlapping
}

// What makes a value valid, for both paths (RecordReader::read()): each
// fills `out` and returns true when the value is, and leaves the telling
// of what is wrong to the general path.
bool take_date(const FieldDef& field, std::string_view text, FieldValue& out)
{
    if (text == "none") {
        if (!field.allow_none) return false;
        out.state = FieldValue::State::none;
        return true;
    }
    const auto date = parse_iso_date(text);
    if (!date) return false;
    out.date = *date;
    out.state = FieldValue::State::known;
    return true;
}

bool take_enum(const FieldDef& field, std::string_view text, FieldValue& out)
{
    for (size_t v = 0; v < field.values.size(); ++v)
        if (same_text(text, field.values[v].id)) {
            out.enum_index = static_cast<int16_t>(v);
            out.state = FieldValue::State::known;
            return true;
        }
    return false;
}

int find_unit(const FieldDef& field, std::string_view name)
{
    for (size_t u = 0; u < field.units.size(); ++u)
        if (same_text(name, field.units[u].name)) return static_cast<int>(u);
    return -1;
}

// A number as written, in the unit at `unit` of the field's (0 for a bare
// number), and in the canonical unit.
void set_number(std::string_view literal, int unit, double to_canonical, FieldValue& out)
{
    out.unit = static_cast<int16_t>(unit);
    out.given = parse_json_number(literal);
    out.number = out.given * to_canonical;
}

bool take_checked_number(const FieldDef& field, FieldValue& out)
{
    if (field.check_number(out.given, out.number) != ValueProblem::none) return false;
    out.state = FieldValue::State::known;
    return true;
}

// A key from `pos` (at its opening quote) to past its closing one, if it
// is plain ASCII: a field's id is, and a key with an escape or another
// byte is left to the general path.
bool scan_key(std::string_view text, size_t& pos, std::string_view& out)
{
    if (pos >= text.size() || text[pos] != '"') return false;
    const size_t begin = ++pos;
    pos = json_scan::skip_plain(text, pos);
    if (pos >= text.size() || text[pos] != '"') return false;
    out = text.substr(begin, pos - begin);
    ++pos;
    return true;
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
        if (guess.hash == hash && same_text(id, guess.id)) return expected;
    }
    const size_t mask = index_.size() - 1;
    for (size_t slot = hash & mask; index_[slot].field >= 0; slot = (slot + 1) & mask) {
        const FieldEntry& entry = index_[slot];
        if (entry.hash == hash && same_text(id, ids_[static_cast<size_t>(entry.field)].id)) return entry.field;
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
    if (const int u = find_unit(field, doc_.text(*unit)); u >= 0) {
        literal_ = doc_.text(*value);
        set_number(literal_, u, field.unit_at(u).to_canonical, out);
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
    if (take_date(field, text, out)) return;
    if (text == "none") return fail(field, Msg::error_none_not_allowed, {}, errors);
    fail(field, field.allow_none ? Msg::error_not_calendar_date_or_none : Msg::error_not_calendar_date, {shown(messages_, doc_, item)}, errors);
}

void RecordReader::read_enum(const FieldDef& field, const JsonItem& item, FieldValue& out, std::vector<InputError>& errors)
{
    if (item.type() == JsonItem::Type::string && take_enum(field, doc_.text(item), out)) return;
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
        literal_ = doc_.text(item);
        set_number(literal_, 0, 1.0, out);
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
    clear_values(record);
    if (!read_direct(json_text, record)) {
        clear_values(record);
        if (!read_document(json_text, record, errors)) return false;
    }
    // Cross-field checks run on the fields that were read correctly, so
    // that one pass reports everything there is to fix.
    check(record, errors);
    // In field order; the record's own errors (no field: slot -1) last.
    stable_sort_by_key(errors, [&](const InputError& e) { return static_cast<unsigned>(trial_.find_slot(e.field)); });
    return errors.empty();
}

void RecordReader::clear_values(Record& record) const
{
    record.values.resize(trial_.fields.size());
    for (FieldValue& value : record.values) {
        value.state = FieldValue::State::absent;
        value.text.clear();
    }
}

// The general path: the text as a JSON document, every member read and
// every problem reported. False when it is not JSON or not an object.
bool RecordReader::read_document(std::string_view json_text, Record& record, std::vector<InputError>& errors)
{
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
    return true;
}

// The direct path, for a record as the CLI, the page and most programs
// write it: one object of numbers, booleans, nulls, strings and
// {"value", "unit"} quantities, each key a field once and plain ASCII,
// every value valid. Those are read straight into the record as the text is
// scanned, with no document in between: most of a log's time was the
// document. At anything else it returns false at once and read() takes the
// general path over the text again, which reads or reports it, so a record
// and its errors are the general path's whichever path read it.
bool RecordReader::read_direct(std::string_view text, Record& record)
{
    text = json_scan::without_byte_order_mark(text);  // as read_json() ignores it
    if (text.size() > UINT32_MAX) return false;  // read_json()'s too_large
    size_t pos = json_scan::skip_space(text, 0);
    if (pos >= text.size() || text[pos] != '{') return false;
    pos = json_scan::skip_space(text, pos + 1);
    seen_.assign(trial_.fields.size(), 0);
    bool closed = pos < text.size() && text[pos] == '}';
    int previous = -1;
    while (!closed) {
        int slot = previous + 1;
        if (!key_is(text, pos, slot)) {
            std::string_view key;
            if (!scan_key(text, pos, key)) return false;
            slot = find_field(key, -1);
        }
        if (slot < 0 || seen_[static_cast<size_t>(slot)]++) return false;
        previous = slot;
        if (!json_scan::scan_colon(text, pos) || !read_direct_value(trial_.field(slot), text, pos, record.value(slot))) return false;
        if (!json_scan::scan_next_member(text, pos, closed) && !closed) return false;
    }
    return json_scan::skip_space(text, pos + 1) == text.size();
}

// Whether the key at `pos` is field `field`'s id, compared in place (and
// `pos` then past it): records mostly list fields in dictionary order, and
// the key then needs no scan for its end nor a lookup. Ids are lower-case
// letters, digits and _ (the trial loader checks), so bytes equal to one
// between quotes are that key, with no escape to decode.
bool RecordReader::key_is(std::string_view text, size_t& pos, int field) const
{
    if (static_cast<size_t>(field) >= ids_.size()) return false;
    const std::string_view id = ids_[static_cast<size_t>(field)].id;
    const size_t end = pos + 1 + id.size();
    if (end >= text.size() || text[pos] != '"' || text[end] != '"' || !same_text(std::string_view(text.data() + pos + 1, id.size()), id)) return false;
    pos = end + 1;
    return true;
}

// One member's value from `pos`, as read_field() would read it without an
// error; false where it would report one, or the value is not plain.
bool RecordReader::read_direct_value(const FieldDef& field, std::string_view text, size_t& pos, FieldValue& out)
{
    if (text[pos] == 'n') return json_scan::scan_literal(text, pos, "null");  // unknown, as read_field() leaves it
    std::string_view string;
    switch (field.type) {
    case FieldType::text:
        if (!json_scan::scan_string(text, pos, string, decoded_)) return false;
        out.text.assign(string);
        out.state = FieldValue::State::known;
        return true;
    case FieldType::boolean: {
        const bool truth = text[pos] == 't';
        if (!json_scan::scan_literal(text, pos, truth ? "true" : "false")) return false;
        out.boolean = truth;
        out.state = FieldValue::State::known;
        return true;
    }
    case FieldType::date: return json_scan::scan_string(text, pos, string, decoded_) && take_date(field, string, out);
    case FieldType::enumeration: return json_scan::scan_string(text, pos, string, decoded_) && take_enum(field, string, out);
    case FieldType::number:
    case FieldType::integer: {
        if (text[pos] == '{') return !field.units.empty() && read_direct_quantity(field, text, pos, out);
        std::string_view literal;
        if (!json_scan::scan_number_literal(text, pos, literal)) return false;
        set_number(literal, 0, 1.0, out);
        return take_checked_number(field, out);
    }
    }
    return false;
}

// {"value": x, "unit": "u"} from `pos` (at the brace), as read_quantity().
bool RecordReader::read_direct_quantity(const FieldDef& field, std::string_view text, size_t& pos, FieldValue& out)
{
    std::string_view literal, unit;
    bool has_value = false, has_unit = false, closed = false;
    pos = json_scan::skip_space(text, pos + 1);
    do {
        std::string_view key;
        if (!scan_key(text, pos, key) || !json_scan::scan_colon(text, pos)) return false;
        if (same_text(key, "value") && !has_value) {
            if (!json_scan::scan_number_literal(text, pos, literal)) return false;
            has_value = true;
        } else if (same_text(key, "unit") && !has_unit) {
            if (!json_scan::scan_string(text, pos, unit, decoded_)) return false;
            has_unit = true;
        } else {
            return false;
        }
    } while (json_scan::scan_next_member(text, pos, closed));
    if (!closed || !has_value || !has_unit) return false;
    ++pos;  // the closing brace
    const int u = find_unit(field, unit);
    if (u < 0) return false;
    set_number(literal, u, field.unit_at(u).to_canonical, out);
    return take_checked_number(field, out);
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
