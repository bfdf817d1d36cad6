// Loads a criteria file (format "eligibility-criteria/1", see
// criteria/schema/criteria.schema.json) into a Trial. A broken file yields
// errors, each with the JSON pointer of the problem, and no Trial at all.
//
// The stages, each in its own file: criteria_reader (typed members, issues
// with their pointers) -> this file (trial, sections, fields, criteria) ->
// rule_compiler (each rule to nodes) and derived_compiler (derived values)
// -> read_planner (which fields each rule reads). The trial's words start
// out English (i18n/en.json); trial_translation.h makes another language's
// Trial from it.
//
// Example:
//   TrialLoadResult loaded = load_trial(text);
//   if (!loaded.ok()) {
//       for (const LoadError& e : loaded.errors) print(describe(e));  // "/criteria/3/rule/field: unknown field \"egrf\""
//       return;
//   }
//   const Trial& trial = *loaded.trial;
#pragma once
#include "core/base/load_error.h"
#include "core/model/trial.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace elig {

struct TrialLoadResult {
    std::optional<Trial> trial;
    std::vector<LoadError> errors;
    bool ok() const { return trial.has_value(); }
};

TrialLoadResult load_trial(std::string_view json_text);

} // namespace elig
