// The record reader's two paths (RecordReader::read()) checked against
// each other, for the property test and the record fuzzer. Escaping a
// text's first key's first letter ("a" as \u0061) keeps what the JSON
// means but sends it down the general path, so a text and that twin must
// read alike: validity, every value, every error (but a syntax error's
// column, which the escape moves five bytes on).
//
// Example:
//   size_t after_key = 0;
//   with_first_key_escaped(R"({"lvef": 50})", &after_key);  // {"\u006cvef": 50}, after_key 6
//   reads_differ(reader, R"({"lvef": 50})");                 // "": they agree
#pragma once
#include "core/records/record_reader.h"

#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace elig_test {

// The twin, or "" when the text has no key after its first "{" (and any
// space) that begins with a lower-case letter; `after_key`, where given, is
// where that key ends. (Were that quote to close a string instead, a
// letter after it makes both texts invalid JSON, and alike.)
inline std::string with_first_key_escaped(std::string_view text, size_t* after_key = nullptr)
{
    const size_t brace = text.find('{');
    const size_t quote = brace == std::string_view::npos ? brace : text.find_first_not_of(" \t\r\n", brace + 1);
    if (quote == std::string_view::npos || text[quote] != '"' || quote + 1 >= text.size()) return "";
    const char letter = text[quote + 1];
    if (letter < 'a' || letter > 'z') return "";
    if (after_key) *after_key = text.find('"', quote + 1);
    char escape[8];
    std::snprintf(escape, sizeof escape, "\\u%04x", static_cast<unsigned>(letter));
    return std::string(text.substr(0, quote + 1)) + escape + std::string(text.substr(quote + 2));
}

// How a text and its twin read differently, or "" when they agree (or the
// text has no twin).
inline std::string reads_differ(elig::RecordReader& reader, std::string_view text)
{
    const std::string twin = with_first_key_escaped(text);
    if (twin.empty()) return "";
    elig::Record a, b;
    std::vector<elig::InputError> errors_a, errors_b;
    const bool valid_a = reader.read(text, a, errors_a);
    const bool valid_b = reader.read(twin, b, errors_b);
    if (valid_a != valid_b || errors_a.size() != errors_b.size()) return "validity or the number of errors";
    for (size_t e = 0; e < errors_a.size(); ++e) {
        if (errors_a[e].field != errors_b[e].field || errors_a[e].code != errors_b[e].code) return "error " + std::to_string(e) + "'s field or code";
        if (errors_a[e].code != elig::Msg::error_not_json && errors_a[e].message != errors_b[e].message) return "error " + std::to_string(e) + "'s message";
    }
    if (!valid_a) return "";
    for (size_t f = 0; f < a.values.size(); ++f) {
        const elig::FieldValue& x = a.values[f];
        const elig::FieldValue& y = b.values[f];
        if (x.state != y.state) return "value " + std::to_string(f) + "'s state";
        if (x.known() && !(x.boolean == y.boolean && x.enum_index == y.enum_index && x.date == y.date && std::memcmp(&x.number, &y.number, sizeof x.number) == 0 &&
                           std::memcmp(&x.given, &y.given, sizeof x.given) == 0 && x.unit == y.unit && x.text == y.text))
            return "value " + std::to_string(f);
    }
    return "";
}

} // namespace elig_test
