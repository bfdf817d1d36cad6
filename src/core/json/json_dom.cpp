#include "core/json/json_dom.h"

namespace elig {

using json = nlohmann::ordered_json;

namespace {

// nlohmann's DOM builder, keeping the parse error's text instead of throwing.
struct DomParserKeepingError : nlohmann::detail::json_sax_dom_parser<json> {
    std::string error;
    explicit DomParserKeepingError(json& target) : json_sax_dom_parser(target, false) {}
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& ex)
    {
        error = ex.what();
        return false;
    }
};

} // namespace

bool parse_json_dom(std::string_view text, json& out, std::string& error)
{
    out = json();
    DomParserKeepingError parser(out);
    if (json::sax_parse(text.begin(), text.end(), &parser) && parser.error.empty()) return true;
    error = parser.error.empty() ? "not valid JSON" : parser.error;
    // nlohmann's text starts with "[json.exception.parse_error.101] parse error at line 3, column 5: ..."
    if (auto cut = error.find("] "); error.rfind("[json.exception", 0) == 0 && cut != std::string::npos) error = error.substr(cut + 2);
    return false;
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
