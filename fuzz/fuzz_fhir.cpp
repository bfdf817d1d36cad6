// libFuzzer target: a FHIR file. The importer must never crash; bad input
// is refused with errors (and no record); a record it produces must read
// back through the record reader unchanged, and the provenance output must
// be JSON. A file of several patients is imported once per patient.
#include "bundled/bundled_loaded.h"
#include "core/fhir/fhir_import.h"
#include "core/records/record_json.h"
#include "core/records/record_reader.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>

namespace {

const elig::Trial& trial() { return elig::loaded_bundled_trial(); }
const elig::FhirMapping& mapping() { return elig::loaded_bundled_fhir_mapping(); }

void check(const elig::FhirImportResult& result)
{
    const std::string out = elig::fhir_import_json(trial(), result);
    if (!nlohmann::json::accept(out)) {
        std::fprintf(stderr, "provenance output is not JSON: %s\n", out.c_str());
        std::abort();
    }
    if (!result.ok()) {
        if (!result.record_json.empty()) std::abort();  // an error leaves no record
        for (const elig::FhirImportError& e : result.errors)
            if (e.message.empty()) std::abort();
        return;
    }
    elig::RecordReader reader(trial());
    elig::Record record;
    std::vector<elig::InputError> errors;
    if (!reader.read(result.record_json, record, errors)) {
        std::fprintf(stderr, "property violated: the imported record is refused: %s\n%s\n", result.record_json.c_str(), errors.empty() ? "" : errors[0].message.c_str());
        std::abort();
    }
    if (elig::write_record_json(trial(), record) != result.record_json) {
        std::fprintf(stderr, "property violated: saving and re-reading changed the record: %s\n", result.record_json.c_str());
        std::abort();
    }
    for (const elig::FhirSkipped& s : result.skipped)
        if (s.message.empty()) std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    elig::FhirImportOptions options;
    options.as_of = *elig::parse_iso_date("2026-02-10");
    const elig::FhirImportResult first = elig::import_fhir(text, trial(), mapping(), options);
    check(first);
    // The same import a slice at a time (as the page runs it) is the same import.
    elig::FhirImportJob job(text, trial(), mapping(), options);
    while (job.step(64)) {}
    if (elig::fhir_import_json(trial(), job.result()) != elig::fhir_import_json(trial(), first)) {
        std::fprintf(stderr, "property violated: the import in slices differs\n");
        std::abort();
    }
    if (!first.errors.empty() && first.errors[0].code == elig::FhirErrorCode::several_patients)
        for (size_t p = 0; p < first.patients.size() && p < 3; ++p) {
            options.patient = first.patients[p].id;
            check(elig::import_fhir(text, trial(), mapping(), options));
        }
    return 0;
}
