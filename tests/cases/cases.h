// Loads the case files of tests/cases (see its README): the base record
// merged with the case's record (JSON merge patch), and the expectations.
#pragma once
#include <nlohmann/json.hpp>

#include <ostream>
#include <string>
#include <vector>

namespace elig_test {

struct Case {
    std::string name;         // file name without .json
    std::string record_text;  // the full record as JSON text
    nlohmann::json expect;
    std::string about;
};

// gtest prints a case by its name, not its bytes.
inline void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

// All cases of `dir`, sorted by name. Problems with the case files
// themselves (bad JSON, unknown base) are returned in `problems`.
std::vector<Case> load_cases(const std::string& dir, std::vector<std::string>& problems);

} // namespace elig_test
