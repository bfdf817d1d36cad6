// The bundled trial and FHIR mapping, loaded once, for the programs that
// trust the bundle: tests, benchmarks and fuzzers. A bundle that does not
// load is a broken build: its errors go to stderr and the program aborts.
// The shipped programs (the CLI, the web app) load the bundle themselves
// and tell their user what is wrong.
//
// Example:
//   const elig::Trial& trial = elig::loaded_bundled_trial();
//   elig::FhirImportResult r = elig::import_fhir(text, trial, elig::loaded_bundled_fhir_mapping(), options);
#pragma once
#include "core/fhir/fhir_mapping.h"
#include "core/model/trial.h"

namespace elig {

const Trial& loaded_bundled_trial();
const FhirMapping& loaded_bundled_fhir_mapping();

} // namespace elig
