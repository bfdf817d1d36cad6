// Speed of the FHIR import (goal: a 1 MB Synthea bundle in at most 20 ms
// natively; the WebAssembly build within 2x, measured with the CLI's
// --repeat under node). The bundles are read in place from
// ../shared/external/fhir; a benchmark whose file is absent is skipped.
#include "bundled/bundled_fhir_mapping.h"
#include "bundled/bundled_loaded.h"
#include "core/fhir/fhir_import.h"

#include <benchmark/benchmark.h>

#include <cstdio>
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

// A hospital export of a long-treated patient, as bench/fhir_long_history.py
// writes it: one Patient and N haemoglobins, one every 2 hours back from the
// as-of date (about 380 bytes an entry; 300,000 is 115 MB). The import must
// grow with the file, not its square: goal at most 2 s for 300,000, in at
// most 3x the file's size of memory (bench/fhir_import_scale.sh measures
// the memory of whole CLI runs).
std::string long_history(int count)
{
    std::string text = R"({"resourceType":"Bundle","type":"collection","entry":[)"
                       R"({"fullUrl":"urn:uuid:patient-1","resource":{"resourceType":"Patient","id":"patient-1","gender":"female","birthDate":"1971-03-02"}})";
    const elig::DayNumber as_of = *elig::parse_iso_date("2027-01-10");
    for (int i = 0; i < count; ++i) {
        const int hours_back = 2 * i;
        char when[48];
        std::snprintf(when, sizeof when, "%sT%02d:00:00+08:00", elig::format_iso_date(as_of - (hours_back + 15) / 24).c_str(), (8 - hours_back % 24 + 24) % 24);
        const std::string id = std::to_string(i);
        text += R"(,{"fullUrl":"urn:uuid:hb-)" + id + R"(","resource":{"resourceType":"Observation","id":"hb-)" + id +
                R"(","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"718-7","display":"Hemoglobin"}]},)"
                R"("subject":{"reference":"urn:uuid:patient-1"},"effectiveDateTime":")" + when + R"(","valueQuantity":{"value":)" +
                std::to_string(60 + (i * 37) % 90) + R"(,"unit":"g/L","system":"http://unitsofmeasure.org","code":"g/L"}}})";
    }
    return text + "]}";
}

void BM_ImportLongHistory(benchmark::State& state)
{
    const std::string file = long_history(static_cast<int>(state.range(0)));
    elig::FhirImportOptions options;
    options.as_of = *elig::parse_iso_date("2027-01-10");
    for (auto _ : state) {
        elig::FhirImportResult result = elig::import_fhir(file, trial(), mapping(), options);
        if (!result.ok() || result.filled.empty()) state.SkipWithError("import failed");
        benchmark::DoNotOptimize(result.record_json.data());
    }
    state.SetLabel(std::to_string(file.size() / 1000000) + " MB");
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * file.size()));
}
BENCHMARK(BM_ImportLongHistory)->Arg(10000)->Arg(30000)->Arg(300000)->Unit(benchmark::kMillisecond);

void BM_LoadMapping(benchmark::State& state)
{
    for (auto _ : state) benchmark::DoNotOptimize(elig::load_fhir_mapping(elig::bundled_fhir_mapping(), trial()).ok());
}
BENCHMARK(BM_LoadMapping)->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
