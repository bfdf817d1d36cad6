#include "cli/fhir_command.h"

#include "cli/cli_io.h"

#include "bundled/bundled_criteria.h"
#include "bundled/bundled_fhir_mapping.h"
#include "core/criteria/trial_loader.h"
#include "core/fhir/fhir_import.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <optional>

namespace elig {

namespace {

DayNumber today()
{
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return days_from_civil({local.tm_year + 1900, local.tm_mon + 1, local.tm_mday});
}

// The import, with every complaint on stderr; nullopt when there is no record.
std::optional<FhirImportResult> run_import(const Trial& trial, const FhirCommandOptions& options)
{
    FhirImportOptions import;
    import.patient = options.patient;
    if (options.as_of.empty()) {
        import.as_of = today();
    } else if (auto day = parse_iso_date(options.as_of)) {
        import.as_of = *day;
    } else {
        std::fprintf(stderr, "eligibility: --as-of takes a date YYYY-MM-DD, got \"%s\"\n", options.as_of.c_str());
        return std::nullopt;
    }
    std::string mapping_text(bundled_fhir_mapping());
    if (!options.mapping.empty()) {
        auto text = read_input(options.mapping);
        if (!text) return std::nullopt;
        mapping_text = std::move(*text);
    }
    FhirMappingLoadResult mapping = load_fhir_mapping(mapping_text, trial);
    if (!mapping.ok()) {
        std::fprintf(stderr, "eligibility: %s is not a valid FHIR mapping for %s:\n", options.mapping.empty() ? "the bundled mapping" : options.mapping.c_str(),
                     trial.info.nct_id.c_str());
        for (const LoadError& e : mapping.errors) std::fprintf(stderr, "  %s\n", describe(e).c_str());
        return std::nullopt;
    }
    auto text = read_input(options.file);
    if (!text) return std::nullopt;
    FhirImportResult result = import_fhir(*text, trial, *mapping.mapping, import);
    if (options.repeat > 0) {
        std::vector<double> ms;
        for (long i = 0; i < options.repeat; ++i) {
            const auto start = std::chrono::steady_clock::now();
            FhirImportResult again = import_fhir(*text, trial, *mapping.mapping, import);
            ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
            if (again.record_json != result.record_json) std::abort();
        }
        std::sort(ms.begin(), ms.end());
        std::fprintf(stderr, "import-fhir: %zu bytes, median %.3f ms, min %.3f ms over %ld imports\n", text->size(), ms[ms.size() / 2], ms.front(), options.repeat);
    }
    if (!result.ok()) {
        std::fprintf(stderr, "eligibility: cannot import %s:\n", options.file.c_str());
        for (const FhirImportError& e : result.errors) std::fprintf(stderr, "  %s\n", describe(e).c_str());
        if (!result.patients.empty() && (result.errors.front().code == FhirErrorCode::several_patients || result.errors.front().code == FhirErrorCode::unknown_patient)) {
            std::fprintf(stderr, "patients in the file (choose one with --patient ID):\n");
            for (const FhirPatient& p : result.patients)
                std::fprintf(stderr, "  %s%s%s%s%s%s\n", p.id.c_str(), p.name.empty() ? "" : "  ", p.name.c_str(), p.gender.empty() ? "" : "  ", p.gender.c_str(),
                             p.in_file ? "" : "  (only referenced)");
        }
        return std::nullopt;
    }
    std::fprintf(stderr, "eligibility: %s: patient %s as of %s: %zu field%s filled, %zu conflict%s, %zu value%s not used (--provenance says why)\n",
                 options.file.c_str(), result.patient.c_str(), format_iso_date(result.as_of).c_str(), result.filled.size(), result.filled.size() == 1 ? "" : "s",
                 result.conflicts.size(), result.conflicts.size() == 1 ? "" : "s", result.skipped.size(), result.skipped.size() == 1 ? "" : "s");
    return result;
}

int usage(const std::string& message)
{
    std::fprintf(stderr, "eligibility: %s\nusage: eligibility import-fhir FILE [--patient ID] [--as-of YYYY-MM-DD] [--provenance] [--mapping FILE]\n", message.c_str());
    return kExitUsage;
}

} // namespace

bool set_fhir_option(FhirCommandOptions& options, const std::string& flag, const std::string& value)
{
    if (flag == "--fhir") options.file = value;
    else if (flag == "--patient") options.patient = value;
    else if (flag == "--as-of") options.as_of = value;
    else if (flag == "--mapping") options.mapping = value;
    else if (flag == "--repeat") options.repeat = std::max(1L, std::strtol(value.c_str(), nullptr, 10));
    else return false;
    return true;
}

int import_fhir_command(const std::vector<std::string>& args)
{
    FhirCommandOptions options;
    bool have_file = false;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--provenance") {
            options.provenance = true;
        } else if (a == "--patient" || a == "--as-of" || a == "--mapping" || a == "--repeat") {
            if (i + 1 >= args.size()) return usage(a + " needs a value");
            set_fhir_option(options, a, args[++i]);
        } else if (a.size() > 1 && a[0] == '-') {
            return usage("unknown option \"" + a + "\"");
        } else if (have_file) {
            return usage("import-fhir takes one FILE");
        } else {
            options.file = a;
            have_file = true;
        }
    }
    if (!have_file) return usage("import-fhir needs a FILE (or - for stdin)");
    TrialLoadResult loaded = load_trial(bundled_criteria());
    if (!loaded.ok()) return kExitUsage;
    const Trial& trial = *loaded.trial;
    auto result = run_import(trial, options);
    if (!result) return kExitUsage;
    const std::string out = (options.provenance ? fhir_import_json(trial, *result) : result->record_json) + "\n";
    return write_out(out) ? kExitOk : kExitFailure;
}

int evaluate_fhir_command(const Trial& trial, const FhirCommandOptions& options, bool text_format)
{
    auto result = run_import(trial, options);
    if (!result) return kExitUsage;
    // The importer checks its record, so this never reports input errors.
    return print_verdict(trial, result->record_json, text_format);
}

} // namespace elig
