#include "bundled/bundled_loaded.h"

#include "bundled/bundled_criteria.h"
#include "bundled/bundled_fhir_mapping.h"
#include "core/base/load_error.h"
#include "core/criteria/trial_loader.h"

#include <cstdio>
#include <cstdlib>
#include <vector>

namespace elig {

namespace {

[[noreturn]] void abort_with(const char* what, const std::vector<LoadError>& errors)
{
    std::fprintf(stderr, "the bundled %s does not load:\n", what);
    for (const LoadError& e : errors) std::fprintf(stderr, "  %s\n", describe(e).c_str());
    std::abort();
}

} // namespace

const Trial& loaded_bundled_trial()
{
    static const Trial trial = [] {
        TrialLoadResult loaded = load_trial(bundled_criteria());
        if (!loaded.ok()) abort_with("criteria", loaded.errors);
        return std::move(*loaded.trial);
    }();
    return trial;
}

const FhirMapping& loaded_bundled_fhir_mapping()
{
    static const FhirMapping mapping = [] {
        FhirMappingLoadResult loaded = load_fhir_mapping(bundled_fhir_mapping(), loaded_bundled_trial());
        if (!loaded.ok()) abort_with("FHIR mapping", loaded.errors);
        return std::move(*loaded.mapping);
    }();
    return mapping;
}

} // namespace elig
