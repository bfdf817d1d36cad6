#include "core/json/json_dom.h"

namespace elig {

using json = nlohmann::ordered_json;

namespace {

// A number as nlohmann's own parser types it: non-negative integers
// unsigned, negative ones signed, anything else (or too large) a double.
json number_value(std::string_view literal)
{
    const bool integral = literal.find_first_of(".eE") == std::string_view::npos;
    if (integral) {
        const bool negative = literal[0] == '-';
        uint64_t magnitude = 0;
        bool fits = true;
        for (size_t i = negative ? 1 : 0; i < literal.size() && fits; ++i) {
            const uint64_t digit = static_cast<uint64_t>(literal[i] - '0');
            fits = magnitude <= (UINT64_MAX - digit) / 10;
            magnitude = magnitude * 10 + digit;
        }
        if (fits && !negative) return json(magnitude);
        if (fits && magnitude <= uint64_t{1} << 63) return json(magnitude == uint64_t{1} << 63 ? INT64_MIN : -static_cast<int64_t>(magnitude));
    }
    return json(parse_json_number(literal));
}

size_t count_members(const JsonDocument& doc, size_t index)
{
    size_t count = 0;
    for (size_t m = index + 1; m < doc.items[index].end(); m = doc.items[m].end()) ++count;
    return count;
}

// The items from `index` as a value; returns the index after them.
size_t build(const JsonDocument& doc, size_t index, json& out)
{
    const JsonItem& item = doc.items[index];
    switch (item.type()) {
    case JsonItem::Type::null: out = nullptr; break;
    case JsonItem::Type::boolean: out = item.boolean(); break;
    case JsonItem::Type::number: out = number_value(doc.text(item)); break;
    case JsonItem::Type::string: out = std::string(doc.text(item)); break;
    case JsonItem::Type::object: {
        out = json::object();
        // The keys are unique (parse_json_dom refused repeated ones), so each
        // member is appended as it comes: ordered_map's own insertion first
        // looks for the key among those before it, which made a language
        // file's sections of hundreds of keys quadratic.
        json::object_t::Container& members = out.get_ref<json::object_t&>();
        members.reserve(count_members(doc, index));
        for (size_t m = index + 1; m < item.end(); m = doc.items[m].end()) {
            members.emplace_back(std::string(doc.key(doc.items[m])), json());
            build(doc, m, members.back().second);
        }
        break;
    }
    case JsonItem::Type::array: {
        out = json::array();
        json::array_t& elements = out.get_ref<json::array_t&>();
        elements.reserve(count_members(doc, index));
        for (size_t m = index + 1; m < item.end(); m = doc.items[m].end()) build(doc, m, elements.emplace_back());
        break;
    }
    }
    return item.end();
}

} // namespace

bool parse_json_dom(std::string_view text, json& out, JsonDomError& error)
{
    out = json();
    error = {};
    JsonDocument doc;
    JsonReadOptions options;
    options.max_depth = 256;  // rule trees nest deeper than records
    if (!read_json(text, doc, options)) {
        error.syntax = doc.error;
        return false;
    }
    if (const size_t repeated = doc.first_repeated_key()) {
        error.repeated_key = doc.pointer(repeated);
        return false;
    }
    build(doc, 0, out);
    return true;
}

const char* json_type_name(const json& value)
{
    switch (value.type()) {
    case json::value_t::null: return "null";
    case json::value_t::object: return "an object";
    case json::value_t::array: return "an array";
    case json::value_t::string: return "a string";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return "a number";
    case json::value_t::binary:
    case json::value_t::discarded: break;  // never read from JSON text
    }
    return "an unsupported value";
}

std::string pointer_token(std::string_view key)
{
    std::string out;
    for (char c : key) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

} // namespace elig
