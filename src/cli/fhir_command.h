// The CLI's FHIR commands, a thin shell around core/fhir_import.h:
//   eligibility import-fhir FILE [--patient ID] [--as-of DATE] [--provenance]
//   eligibility evaluate --fhir FILE [--patient ID] [--as-of DATE]
// The as-of date defaults to today (the CLI's only use of the clock) and
// becomes the record's screening date. Bad input exits 2 with the reason on
// stderr and nothing on stdout.
//
// Example:
//   if (args[0] == "import-fhir") return import_fhir_command({args.begin() + 1, args.end()});
#pragma once
#include "core/model/trial.h"

#include <string>
#include <vector>

namespace elig {

struct FhirCommandOptions {
    std::string file;      // FHIR JSON, or - for stdin
    std::string patient;   // --patient ID
    std::string as_of;     // --as-of YYYY-MM-DD (default: today)
    std::string mapping;   // --mapping FILE instead of the bundled mapping
    bool provenance = false;
    long repeat = 0;       // hidden --repeat N: time N imports (benchmarks, e.g. under node)
};

// Sets an option of the FHIR commands; false if `flag` is not one.
bool set_fhir_option(FhirCommandOptions& options, const std::string& flag, const std::string& value);

// import-fhir: `args` after the command word. Returns the exit status.
int import_fhir_command(const std::vector<std::string>& args);

// evaluate --fhir: the imported record's verdict, as `evaluate` prints it.
int evaluate_fhir_command(const Trial& trial, const FhirCommandOptions& options, bool text_format);

} // namespace elig
