// Civil dates as day numbers (days since 1970-01-01, proleptic Gregorian).
// Windows in the protocol are in weeks (exact days) or calendar months.
//
// Example:
//   const DayNumber screening = *parse_iso_date("2027-08-31");
//   format_iso_date(add_months(screening, -6));   // "2027-02-28": clamped to the month's end
//   format_iso_date(screening - 4 * 7);           // "2027-08-03": weeks are exact days
//   completed_years(*parse_iso_date("1948-01-11"), screening);  // 79
//   parse_iso_date("2027-02-30");                 // std::nullopt: not a calendar day
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace elig {

using DayNumber = int32_t;

struct CivilDate {
    int year;
    int month;  // 1..12
    int day;    // 1..31
};

DayNumber   days_from_civil(CivilDate date);
CivilDate   civil_from_days(DayNumber days);

// Strict "YYYY-MM-DD" with a real calendar day (2027-02-30 is rejected).
std::optional<DayNumber> parse_iso_date(std::string_view text);
std::string              format_iso_date(DayNumber days);

// Shifts by whole calendar months; a day past the end of the target month
// is clamped to its last day (2027-08-31 minus 6 months is 2027-02-28).
DayNumber add_months(DayNumber days, int months);

// Completed years from `birth` to `at` (a birthday on Feb 29 is reached on
// Mar 1 in common years).
int completed_years(DayNumber birth, DayNumber at);

} // namespace elig
