// libFuzzer target: a criteria file. A broken one must be refused with
// errors (never a crash, never a half-loaded trial); one that loads must
// evaluate records and write verdicts without trouble.
#include "core/criteria/trial_loader.h"
#include "core/eval/evaluate.h"
#include "core/records/record_reader.h"
#include "core/report/text_report.h"
#include "core/report/verdict_json.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    elig::TrialLoadResult loaded = elig::load_trial(text);
    if (!loaded.ok()) {
        if (loaded.errors.empty()) std::abort();  // refused without saying why
        for (const elig::LoadError& e : loaded.errors)
            if (e.message.empty()) std::abort();
        return 0;
    }
    const elig::Trial& trial = *loaded.trial;
    elig::RecordReader reader(trial);
    elig::VerdictWriter writer(trial);
    elig::Record record;
    std::vector<elig::InputError> errors;
    elig::Evaluation ev;
    // The empty record, then one with every field at a plain value.
    nlohmann::json full = nlohmann::json::object();
    for (const elig::FieldDef& f : trial.fields) {
        switch (f.type) {
        case elig::FieldType::boolean: full[f.id] = true; break;
        case elig::FieldType::enumeration: full[f.id] = f.values.front().id; break;
        case elig::FieldType::date: full[f.id] = "2027-01-10"; break;
        case elig::FieldType::text: full[f.id] = "x"; break;
        case elig::FieldType::number:
        case elig::FieldType::integer: full[f.id] = f.has_range ? (f.min_exclusive ? f.max : f.min) : 0; break;
        }
    }
    for (const std::string& record_text : {std::string("{}"), full.dump()}) {
        if (!reader.read(record_text, record, errors)) continue;
        elig::evaluate(trial, record, ev);
        std::string verdict;
        writer.write(record, ev, verdict);
        if (!nlohmann::json::accept(verdict)) {
            std::fprintf(stderr, "verdict is not JSON: %s\n", verdict.c_str());
            std::abort();
        }
        (void)elig::text_report(trial, record, ev);
    }
    return 0;
}
