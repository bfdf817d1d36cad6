// A JSON number's text to the double it denotes: correctly rounded (the
// nearest double, ties to even), locale-independent, and the same on every
// platform, because it is this code and not the C library's (native and
// WebAssembly builds would otherwise each trust their own). Decimals of up
// to 19 digits (7.2, 45, -12.5, 616.3904388426992) take a fast path; any
// other (1e-7, 20 digits) is converted digit by digit.
//
// Example:
//   parse_json_number("7.2");    // 7.2, the double nearest to 7.2
//   parse_json_number("-0");     // 0 (not -0)
//   parse_json_number("1e999");  // infinity: out of every plausible range
#pragma once
#include <string_view>

namespace elig {

// `text` must be a valid JSON number (RFC 8259): the reader checked it.
double parse_json_number(std::string_view text);

// The same text to the nearest float, ties to even, keeping the sign of
// zero ("-0" is -0.0f): for readers that store a float (the app's scanf).
// Not the double rounded again to float, which can differ by one unit.
float parse_json_number_as_float(std::string_view text);

} // namespace elig
