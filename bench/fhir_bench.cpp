// Speed of the FHIR import (goal: a 1 MB Synthea bundle in at most 20 ms
// natively; the WebAssembly build within 2x, measured with the CLI's
// --repeat under node). The bundles are read in place from
// ../shared/external/fhir; a benchmark whose file is absent is skipped.
#include "bundled/bundled_fhir_mapping.h"
#include "bundled/bundled_loaded.h"
#include "core/fhir/fhir_import.h"

#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>

namespace {

const elig::Trial& trial() { return elig::loaded_bundled_trial(); }
const elig::FhirMapping& mapping() { return elig::loaded_bundled_fhir_mapping(); }

const char* const kFiles[] = {
    "synthea-smart/Jordan_Cruickshank_5de38439-d320-46d3-854d-3c098e88de4c.json",  // 1.07 MB, the goal's bundle
    "synthea-smart/Michele_Wolf_9fd25274-3a7d-43d4-87af-a03849074b5a.json",        // 0.81 MB
    "hl7-r4-core/diagnosticreport-examples-general.json",                          // 0.60 MB, 17 nested Bundles
};

void BM_ImportFhir(benchmark::State& state)
{
    const char* name = kFiles[state.range(0)];
    std::ifstream in(std::string(ELIG_SHARED_FHIR_DIR) + "/" + name, std::ios::binary);
    if (!in) {
        state.SkipWithError("absent: ../shared/external/fhir is needed");
        return;
    }
    std::ostringstream text;
    text << in.rdbuf();
    const std::string file = text.str();
    elig::FhirImportOptions options;
    options.as_of = *elig::parse_iso_date("2026-01-01");
    options.patient = state.range(0) == 2 ? "1" : "";
    for (auto _ : state) {
        elig::FhirImportResult result = elig::import_fhir(file, trial(), mapping(), options);
        if (!result.ok()) state.SkipWithError("import failed");
        benchmark::DoNotOptimize(result.record_json.data());
    }
    state.SetLabel(name);
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * file.size()));
}
BENCHMARK(BM_ImportFhir)->DenseRange(0, 2)->Unit(benchmark::kMillisecond);

void BM_LoadMapping(benchmark::State& state)
{
    for (auto _ : state) benchmark::DoNotOptimize(elig::load_fhir_mapping(elig::bundled_fhir_mapping(), trial()).ok());
}
BENCHMARK(BM_LoadMapping)->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
