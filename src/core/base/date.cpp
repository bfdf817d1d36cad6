#include "core/base/date.h"

#include <cstdio>

namespace elig {

// Howard Hinnant's days_from_civil / civil_from_days: exact for any year
// representable here, no tables, no time zones.
DayNumber days_from_civil(CivilDate date)
{
    const int y = date.year - (date.month <= 2 ? 1 : 0);
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int mp = (date.month + 9) % 12;
    const int doy = (153 * mp + 2) / 5 + date.day - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

CivilDate civil_from_days(DayNumber days)
{
    const int z = days + 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const int doe = z - era * 146097;
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int mp = (5 * doy + 2) / 153;
    const int day = doy - (153 * mp + 2) / 5 + 1;
    const int month = mp < 10 ? mp + 3 : mp - 9;
    return CivilDate{yoe + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

static bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

static int days_in_month(int year, int month)
{
    static constexpr int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

std::optional<DayNumber> parse_iso_date(std::string_view text)
{
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return std::nullopt;
    int parts[3] = {0, 0, 0};
    const int starts[3] = {0, 5, 8};
    const int lengths[3] = {4, 2, 2};
    for (int p = 0; p < 3; ++p)
        for (int i = 0; i < lengths[p]; ++i) {
            const char c = text[static_cast<size_t>(starts[p] + i)];
            if (c < '0' || c > '9')
                return std::nullopt;
            parts[p] = parts[p] * 10 + (c - '0');
        }
    const CivilDate date{parts[0], parts[1], parts[2]};
    if (date.year < 1 || date.month < 1 || date.month > 12 || date.day < 1 || date.day > days_in_month(date.year, date.month))
        return std::nullopt;
    return days_from_civil(date);
}

std::string format_iso_date(DayNumber days)
{
    const CivilDate date = civil_from_days(days);
    if (date.year < 0 || date.year > 9999) {  // only arithmetic reaches these: no record holds them
        char wide[32];
        std::snprintf(wide, sizeof wide, "%+d-%02d-%02d", date.year, date.month, date.day);
        return wide;
    }
    char buffer[16];
    buffer[0] = static_cast<char>('0' + date.year / 1000 % 10);
    buffer[1] = static_cast<char>('0' + date.year / 100 % 10);
    buffer[2] = static_cast<char>('0' + date.year / 10 % 10);
    buffer[3] = static_cast<char>('0' + date.year % 10);
    buffer[4] = '-';
    buffer[5] = static_cast<char>('0' + date.month / 10);
    buffer[6] = static_cast<char>('0' + date.month % 10);
    buffer[7] = '-';
    buffer[8] = static_cast<char>('0' + date.day / 10);
    buffer[9] = static_cast<char>('0' + date.day % 10);
    return std::string(buffer, 10);
}

DayNumber add_months(DayNumber days, int months)
{
    const CivilDate date = civil_from_days(days);
    const int index = date.year * 12 + (date.month - 1) + months;
    const int year = index >= 0 ? index / 12 : (index - 11) / 12;
    const int month = index - year * 12 + 1;
    const int day = date.day < days_in_month(year, month) ? date.day : days_in_month(year, month);
    return days_from_civil(CivilDate{year, month, day});
}

int completed_years(DayNumber birth, DayNumber at)
{
    const CivilDate b = civil_from_days(birth);
    const CivilDate a = civil_from_days(at);
    int years = a.year - b.year;
    if (a.month < b.month || (a.month == b.month && a.day < b.day))
        --years;
    return years;
}

} // namespace elig
