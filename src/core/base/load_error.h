// A problem in a data file the program reads (criteria, translations,
// language files, import mappings): where, as a JSON pointer, and what.
//
// Example:
//   std::vector<LoadError> errors;
//   errors.push_back({"/criteria/3/rule/field", "unknown field \"egrf\""});
//   describe(errors.back());                 // "/criteria/3/rule/field: unknown field \"egrf\""
//   describe(LoadError{"", "not valid JSON"});  // "(document): not valid JSON"
#pragma once
#include <string>

namespace elig {

struct LoadError {
    std::string path;     // JSON pointer, "" for the whole document
    std::string message;
};

// "/criteria/3/rule: unknown field \"lvf\"".
std::string describe(const LoadError& error);

} // namespace elig
