#include "core/base/number_format.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <cstdio>

namespace elig {

namespace {

// `value` rounded to `decimals` places, trailing zeros trimmed, appended.
// Integer arithmetic, not printf: this runs for every number of every reason.
void append_fixed(std::string& out, double value, int decimals)
{
    static constexpr double kPowers[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12};
    const double scaled = std::round(std::fabs(value) * kPowers[decimals]);
    if (!(scaled < 9e15)) {
        char buffer[400];
        std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
        out += buffer;
        return;
    }
    uint64_t digits = static_cast<uint64_t>(scaled);
    char buffer[40];
    char* const end = buffer + sizeof buffer;
    char* p = end;
    bool trimming = true;
    for (int place = 0; place < decimals; ++place, digits /= 10) {
        const char digit = static_cast<char>('0' + digits % 10);
        if (trimming && digit == '0') continue;
        trimming = false;
        *--p = digit;
    }
    if (p != end) *--p = '.';
    do {
        *--p = static_cast<char>('0' + digits % 10);
        digits /= 10;
    } while (digits);
    if (value < 0 && scaled != 0) *--p = '-';
    out.append(p, static_cast<size_t>(end - p));
}

int default_decimals(double value)
{
    const double magnitude = std::fabs(value);
    return magnitude >= 100 ? 1 : magnitude >= 10 ? 2 : 3;
}

} // namespace

bool nearly_equal(double a, double b) { return std::fabs(a - b) < 1e-9; }

void append_number(std::string& out, double value)
{
    if (!std::isfinite(value)) {
        out += value > 0 ? "infinity" : value < 0 ? "-infinity" : "not a number";
        return;
    }
    append_fixed(out, value, default_decimals(value));
}

void append_number_against(std::string& out, double value, double threshold)
{
    if (!std::isfinite(value) || nearly_equal(value, threshold)) return append_number(out, value);
    std::string text, limit;
    for (int decimals = default_decimals(value); decimals <= 12; ++decimals) {
        text.clear();
        limit.clear();
        append_fixed(text, value, decimals);
        append_fixed(limit, threshold, decimals);
        if (text != limit) break;
    }
    out += text;
}

std::string format_number(double value)
{
    std::string out;
    append_number(out, value);
    return out;
}

std::string format_number_against(double value, double threshold)
{
    std::string out;
    append_number_against(out, value, threshold);
    return out;
}

void append_exact_number(std::string& out, double value)
{
    if (!std::isfinite(value)) {
        out += "null";
        return;
    }
    char buffer[64];
    char* end = nlohmann::detail::to_chars(buffer, buffer + sizeof buffer, value);
    std::string_view text(buffer, static_cast<size_t>(end - buffer));
    // nlohmann writes 54 as "54.0"; integers read better without it.
    if (text.size() > 2 && text.substr(text.size() - 2) == ".0") text.remove_suffix(2);
    out.append(text);
}

void append_unit(std::string& out, const std::string& unit)
{
    if (unit.empty()) return;
    // No space before % or ×, nor before a unit in Chinese characters
    // (UTF-8 lead bytes 0xE3-0xE9: "岁", "个月").
    const unsigned char lead = static_cast<unsigned char>(unit[0]);
    const bool cjk = lead >= 0xE3 && lead <= 0xE9;
    if (unit[0] != '%' && unit.rfind("×", 0) != 0 && !cjk) out += ' ';
    out += unit;
}

std::string with_unit(const std::string& number, const std::string& unit)
{
    std::string out = number;
    append_unit(out, unit);
    return out;
}

} // namespace elig
