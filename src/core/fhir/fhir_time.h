// FHIR dates and times as the importer compares them. A value may be a
// year ("2015"), a month ("2015-08"), a day ("2015-08-16") or an instant
// ("2015-08-16T06:40:17Z", "…+08:00"): it stands for the calendar days it
// may fall on, and the UTC instants it may mean. A date without a time
// zone may be anywhere from UTC-12 to UTC+14.
//
// Example:
//   const FhirTime t = parse_fhir_time("2027-01");
//   t.valid;                          // true
//   format_iso_date(t.first_day);     // "2027-01-01"
//   format_iso_date(t.last_day);      // "2027-01-31": before or after 2027-01-10? imprecise
//   parse_fhir_time("2027-13").valid; // false
#pragma once
#include "core/base/date.h"

#include <cstdint>
#include <string_view>

namespace elig {

struct FhirTime {
    bool valid = false;
    DayNumber first_day = 0, last_day = 0;
    int64_t earliest = 0, latest = 0;  // ms since 1970-01-01T00:00Z
};

FhirTime parse_fhir_time(std::string_view text);

} // namespace elig
