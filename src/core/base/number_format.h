// Numbers as people read them in reasons and messages: "3.4", "136",
// "72.33". Formatting is locale-independent and identical in the native and
// WebAssembly builds. The append_ forms write into a buffer: reasons are
// built for every criterion of every verdict.
//
// Example:
//   format_number(3.4);                      // "3.4"
//   format_number(57.224747);                // "57.22": 2 decimals from 10 up
//   format_number(136.04);                   // "136": 1 decimal from 100 up, trailing zeros trimmed
//   format_number_against(1.5000001, 1.5);   // "1.5000001", never "1.5"
//   with_unit("45", "%");                    // "45%"; "72 g/L", "3× ULN" likewise
//   std::string json;
//   append_exact_number(json, 0.1 + 0.2);    // "0.30000000000000004"; 54.0 gives "54"
#pragma once
#include <string>

namespace elig {

// Up to 3 decimals below 10, 2 below 100, 1 above; trailing zeros trimmed.
void append_number(std::string& out, double value);
std::string format_number(double value);

// Like append_number, but with as many more decimals as it takes for the
// value not to read the same as a threshold it does not equal (within the
// contract's 1e-9 tolerance): "1.5000001 exceeds 1.5", never "1.5 exceeds 1.5".
void append_number_against(std::string& out, double value, double threshold);
std::string format_number_against(double value, double threshold);

// Values compare equal when they differ by less than 1e-9 (the contract:
// converted units and ratios at a threshold count as equal to it).
bool nearly_equal(double a, double b);

// Shortest text that reads back as exactly `value` (for JSON output).
void append_exact_number(std::string& out, double value);

// "60 g/L", "45%", "3× ULN", "54岁": no space before %, × or a unit in
// Chinese characters.
void append_unit(std::string& out, const std::string& unit);
std::string with_unit(const std::string& number, const std::string& unit);

} // namespace elig
