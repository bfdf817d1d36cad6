#include "core/fhir/fhir_time.h"

#include <string>

namespace elig {

namespace {

constexpr int64_t kDayMs = 86400000, kHourMs = 3600000;

bool read_digits(std::string_view s, size_t pos, size_t count, int& out)
{
    if (pos + count > s.size()) return false;
    out = 0;
    for (size_t i = pos; i < pos + count; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}

// "Thh:mm:ss(.fff)(Z|+hh:mm)" from `pos`; milliseconds since local midnight and the offset.
bool read_time(std::string_view s, size_t pos, int64_t& ms, int64_t& offset_ms)
{
    int h = 0, m = 0, sec = 0;
    if (s[pos] != 'T' || !read_digits(s, pos + 1, 2, h) || s.size() < pos + 9 || s[pos + 3] != ':' || !read_digits(s, pos + 4, 2, m) ||
        s[pos + 6] != ':' || !read_digits(s, pos + 7, 2, sec) || h > 23 || m > 59 || sec > 60)
        return false;
    ms = ((h * 60 + m) * 60 + sec) * int64_t{1000};
    pos += 9;
    if (pos < s.size() && s[pos] == '.') {
        int64_t scale = 100;
        for (++pos; pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; ++pos, scale /= 10) ms += (s[pos] - '0') * scale;
    }
    if (pos < s.size() && s[pos] == 'Z' && pos + 1 == s.size()) {
        offset_ms = 0;
        return true;
    }
    int oh = 0, om = 0;
    if (pos + 6 != s.size() || (s[pos] != '+' && s[pos] != '-') || !read_digits(s, pos + 1, 2, oh) || s[pos + 3] != ':' || !read_digits(s, pos + 4, 2, om))
        return false;
    offset_ms = (s[pos] == '-' ? -1 : 1) * (oh * 60 + om) * int64_t{60000};
    return true;
}

} // namespace

FhirTime parse_fhir_time(std::string_view s)
{
    FhirTime t;
    int year = 0, month = 1, day = 1;
    if (!read_digits(s, 0, 4, year) || year < 1) return t;
    const bool has_month = s.size() > 4, has_day = s.size() > 7;
    if (has_month && (s[4] != '-' || !read_digits(s, 5, 2, month) || month < 1 || month > 12)) return t;
    if (has_day && (s[7] != '-' || !read_digits(s, 8, 2, day))) return t;
    const auto first = parse_iso_date(std::string(s.substr(0, 4)) + "-" + (month < 10 ? "0" : "") + std::to_string(month) + "-" + (day < 10 ? "0" : "") + std::to_string(day));
    if (!first) return t;
    t.first_day = *first;
    if (has_day) t.last_day = t.first_day;
    else if (has_month) t.last_day = add_months(t.first_day, 1) - 1;
    else t.last_day = days_from_civil({year, 12, 31});
    if (s.size() > 10) {
        int64_t ms = 0, offset = 0;
        if (!read_time(s, 10, ms, offset)) return t;
        t.earliest = t.latest = t.first_day * kDayMs + ms - offset;
    } else if ((has_day && s.size() != 10) || (!has_day && has_month && s.size() != 7) || (!has_month && s.size() != 4)) {
        return t;
    } else {
        t.earliest = t.first_day * kDayMs - 14 * kHourMs;
        t.latest = (t.last_day + 1) * kDayMs + 12 * kHourMs - 1;
    }
    t.valid = true;
    return t;
}

} // namespace elig
