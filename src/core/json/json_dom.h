// JSON documents as Json values (json_value.h), for files read once: criteria
// files, translations, language files and import mappings. They are read
// by the same strict reader as records (json_reader.h), so every JSON the
// program reads is judged by one set of rules, with coded errors, and a
// member given twice in one object is refused rather than silently
// overwritten. Records, read by the hundred thousand, skip the DOM.
//
// Example:
//   Json root;
//   JsonDomError error;
//   if (!elig::parse_json_dom(R"({"a": 1, "a": 2})", root, error))
//       error.repeated_key;                  // "/a": the pointer of the second "a"
//   parse_json_dom("[1,]", root, error);     // false: error.syntax is {unexpected_character, line 1, column 4}
#pragma once
#include "core/json/json_reader.h"

#include "core/json/json_value.h"

#include <string>
#include <string_view>

namespace elig {

struct JsonDomError {
    JsonError syntax;          // the text is not JSON
    std::string repeated_key;  // or: the JSON pointer of a member whose object already has its key
};

// Parses `text` into `out`; on a problem returns false and fills `error`.
bool parse_json_dom(std::string_view text, Json& out, JsonDomError& error);

// The JSON type of a value, for messages: "an object", "a string", ...
const char* json_type_name(const Json& value);

// A key as one token of a JSON pointer (RFC 6901: "~" -> "~0", "/" -> "~1").
std::string pointer_token(std::string_view key);

} // namespace elig
