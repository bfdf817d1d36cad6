// Loads a criteria file (format "eligibility-criteria/1", see
// criteria/schema/criteria.schema.json) into a Trial. A broken file yields
// errors, each with the JSON pointer of the problem, and no Trial at all.
#pragma once
#include "trial.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace elig {

struct LoadError {
    std::string path;     // JSON pointer, "" for the whole document
    std::string message;
};

struct TrialLoadResult {
    std::optional<Trial> trial;
    std::vector<LoadError> errors;
    bool ok() const { return trial.has_value(); }
};

TrialLoadResult load_trial(std::string_view json_text);

// "/criteria/3/rule: unknown field \"lvf\"".
std::string describe(const LoadError& error);

} // namespace elig
