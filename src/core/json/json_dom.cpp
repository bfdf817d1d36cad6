#include "core/json/json_dom.h"

namespace elig {

namespace {

size_t count_members(const JsonDocument& doc, size_t index)
{
    size_t count = 0;
    for (size_t m = index + 1; m < doc.items[index].end(); m = doc.items[m].end()) ++count;
    return count;
}

// The items from `index` as a value; returns the index after them.
size_t build(const JsonDocument& doc, size_t index, Json& out)
{
    const JsonItem& item = doc.items[index];
    switch (item.type()) {
    case JsonItem::Type::null: out = Json::null(); break;
    case JsonItem::Type::boolean: out = Json::boolean(item.boolean()); break;
    case JsonItem::Type::number: out = Json::number(doc.number(item), doc.text(item)); break;
    case JsonItem::Type::string: out = Json::string(std::string(doc.text(item))); break;
    case JsonItem::Type::object:
        // The keys are unique (parse_json_dom refused repeated ones), so each
        // member is appended as it comes.
        out = Json::object(count_members(doc, index));
        for (size_t m = index + 1; m < item.end(); m = doc.items[m].end()) build(doc, m, out.add_member(std::string(doc.key(doc.items[m]))));
        break;
    case JsonItem::Type::array:
        out = Json::array(count_members(doc, index));
        for (size_t m = index + 1; m < item.end(); m = doc.items[m].end()) build(doc, m, out.add_element());
        break;
    }
    return item.end();
}

} // namespace

bool parse_json_dom(std::string_view text, Json& out, JsonDomError& error)
{
    out = Json();
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

const char* json_type_name(const Json& value)
{
    switch (value.type()) {
    case Json::Type::null: return "null";
    case Json::Type::object: return "an object";
    case Json::Type::array: return "an array";
    case Json::Type::string: return "a string";
    case Json::Type::boolean: return "a boolean";
    case Json::Type::number: return "a number";
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
