// nlohmann/json documents read without exceptions (the web build has none):
// for files read once, such as criteria files and import mappings. Records,
// read by the hundred thousand, go through json_reader.h instead.
//
// Example:
//   nlohmann::ordered_json root;
//   std::string error;
//   if (!elig::parse_json_dom(text, root, error))
//       report("(document): " + error);  // "parse error at line 3, column 5: ..."
#pragma once
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace elig {

// Parses `text` into `out`. On a syntax error returns false and sets `error`
// to nlohmann's message (with line and column) without its exception prefix.
bool parse_json_dom(std::string_view text, nlohmann::ordered_json& out, std::string& error);

// The JSON type of a value, for messages: "an object", "a string", ...
const char* json_type_name(const nlohmann::ordered_json& value);

// A key as one token of a JSON pointer (RFC 6901: "~" -> "~0", "/" -> "~1").
std::string pointer_token(std::string_view key);

} // namespace elig
