#include "support/test_support.h"

#include "bundled/bundled_loaded.h"
#include "core/criteria/trial_loader.h"
#include "core/report/reason.h"
#include "core/report/verdict_json.h"

#include <gtest/gtest.h>

namespace elig_test {

const elig::Trial& bundled_trial() { return elig::loaded_bundled_trial(); }

elig::Trial load_valid(const std::string& criteria_json)
{
    auto result = elig::load_trial(criteria_json);
    std::string errors;
    for (const auto& e : result.errors) errors += elig::describe(e) + "\n";
    EXPECT_TRUE(result.ok()) << errors;
    return result.ok() ? *result.trial : elig::Trial{};
}

std::string mini_criteria(const std::string& fields, const std::string& criteria, const std::string& derived, const std::string& constraints)
{
    return R"({"format": "eligibility-criteria/1", "version": "test",
      "trial": {"nct_id": "NCT00000000", "title": "Test", "phase": "NA", "status": "TEST", "record_date": "2026-01-01"},
      "sections": [{"id": "s", "label": "S"}],
      "fields": )" + fields + R"(, "derived": )" + derived + R"(, "constraints": )" + constraints + R"(, "criteria": )" + criteria + "}";
}

static int criterion_index(const elig::Trial& trial, const std::string& id)
{
    for (size_t i = 0; i < trial.criteria.size(); ++i)
        if (trial.criteria[i].id == id) return static_cast<int>(i);
    ADD_FAILURE() << "no criterion " << id;
    return 0;
}

elig::Status Verdict::status(const elig::Trial& trial, const std::string& criterion) const
{
    if (!valid) {
        ADD_FAILURE() << "the record was refused: " << (errors.empty() ? "" : errors[0].message);
        return elig::Status::unknown;
    }
    return ev.criteria[static_cast<size_t>(criterion_index(trial, criterion))];
}

std::vector<std::string> Verdict::missing(const elig::Trial& trial, const std::string& criterion) const
{
    std::vector<std::string> out;
    if (!valid) {
        ADD_FAILURE() << "the record was refused: " << (errors.empty() ? "" : errors[0].message);
        return out;
    }
    elig::for_each_field(ev.criteria_missing[static_cast<size_t>(criterion_index(trial, criterion))],
                         [&](size_t f) { out.push_back(trial.fields[f].id); });
    return out;
}

std::string Verdict::reason(const elig::Trial& trial, const std::string& criterion) const
{
    if (!valid) {
        ADD_FAILURE() << "the record was refused: " << (errors.empty() ? "" : errors[0].message);
        return {};
    }
    return elig::criterion_reason(trial, record, ev, static_cast<size_t>(criterion_index(trial, criterion)));
}

std::vector<std::string> Verdict::error_fields() const
{
    std::vector<std::string> out;
    for (const auto& e : errors) out.push_back(e.field);
    return out;
}

Verdict run(const elig::Trial& trial, const std::string& record_json)
{
    Verdict v;
    elig::RecordReader reader(trial);
    v.valid = reader.read(record_json, v.record, v.errors);
    if (v.valid) {
        elig::evaluate(trial, v.record, v.ev);
        elig::VerdictWriter(trial).write(v.record, v.ev, v.json);
    }
    return v;
}

} // namespace elig_test
