// Small pieces of the sentences the core writes about what it read.
//
// Example:
//   in_quotes("egrf");   // "\"egrf\"": a value quoted as it was written
#pragma once
#include <string>
#include <string_view>

namespace elig {

inline std::string in_quotes(std::string_view text) { return "\"" + std::string(text) + "\""; }

} // namespace elig
