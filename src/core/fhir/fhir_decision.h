// The third stage of a FHIR import: for one field, from all its readings,
// what the record gets. The rule, as docs/fhir-import.md states it: the
// latest reading on or before the as-of date; different values at that
// same latest time are a conflict and leave the field unknown; a latest
// reading that cannot be used (a blocking reason) leaves it unknown too,
// and every older value is then superseded. Readings that say nothing of
// the current value (ignored reasons) are only reported.
//
// The readings are put in one canonical order first (newest first, then
// by where they came from), so the order of the file's entries never
// changes the result. One sort, then one pass: linear after the sort.
//
// Example:
//   FhirDocument doc;
//   std::vector<FhirImportError> errors;
//   doc.read(file_text, trial.messages, errors);
//   const FhirReader reader(doc, trial, mapping, *parse_iso_date("2027-01-10"));
//   std::vector<FhirReading> readings;                  // one field's, each from reader.observation()
//   FhirDecision d = decide_field(readings, FieldType::number, [&](const FhirReading& r) { return reader.source(r); });
//   if (d.chosen >= 0) fill(readings[d.chosen], d.passed_over);  // the others, newest first
//   for (const FhirDecision::Skip& s : d.skipped) report(readings[s.reading], s.superseded);
//   if (!d.conflict.empty()) leave_unknown(d.conflict);
#pragma once
#include "core/fhir/fhir_reading.h"

#include <functional>
#include <vector>

namespace elig {

struct FhirDecision {
    struct Skip {
        uint32_t reading = 0;
        bool superseded = false;  // usable, but older than a latest reading that is not
    };
    int chosen = -1;                    // the reading the field gets, or -1
    std::vector<uint32_t> passed_over;  // the other usable readings: the chosen one's ties, then older, newest first
    std::vector<Skip> skipped;          // in the order they are reported
    int blocker = -1;                   // the latest reading that could not be used (supersedes the rest)
    std::vector<uint32_t> conflict;     // different values at the same latest time
};

// Sorts `readings` into the canonical order, then decides. `source_of`
// gives where a reading came from, for the order of readings of one time.
FhirDecision decide_field(std::vector<FhirReading>& readings, FieldType type, const std::function<FhirSource(const FhirReading&)>& source_of);

// Whether two readings give the field the same value.
bool same_value(const Value& a, const Value& b, FieldType type);

} // namespace elig
