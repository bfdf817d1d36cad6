// Shared helpers for the unit tests.
#pragma once
#include "core/eval/evaluate.h"
#include "core/model/trial.h"
#include "core/records/record_reader.h"

#include <string>
#include <vector>

namespace elig_test {

// The bundled NCT07345780 criteria, loaded once.
const elig::Trial& bundled_trial();

// Loads criteria text that must be valid (fails the test otherwise).
elig::Trial load_valid(const std::string& criteria_json);

// A minimal criteria file with the given fields, derived values and
// criteria (JSON array texts), for testing one mechanism at a time.
std::string mini_criteria(const std::string& fields, const std::string& criteria, const std::string& derived = "[]",
                          const std::string& constraints = "[]");

struct Verdict {
    bool valid = false;
    std::vector<elig::InputError> errors;
    elig::Record record;
    elig::Evaluation ev;
    std::string json;  // the verdict JSON, when valid

    elig::Status status(const elig::Trial& trial, const std::string& criterion) const;
    std::vector<std::string> missing(const elig::Trial& trial, const std::string& criterion) const;
    std::string reason(const elig::Trial& trial, const std::string& criterion) const;
    std::vector<std::string> error_fields() const;
};

Verdict run(const elig::Trial& trial, const std::string& record_json);

} // namespace elig_test
