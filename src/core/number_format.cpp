#include "number_format.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>

namespace elig {

static std::string fixed(double value, int decimals)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    std::string text = buffer;
    if (text.find('.') != std::string::npos) {
        while (text.back() == '0') text.pop_back();
        if (text.back() == '.') text.pop_back();
    }
    if (text == "-0") text = "0";
    return text;
}

static int default_decimals(double value)
{
    const double magnitude = std::fabs(value);
    return magnitude >= 100 ? 1 : magnitude >= 10 ? 2 : 3;
}

bool nearly_equal(double a, double b) { return std::fabs(a - b) < 1e-9; }

std::string format_number(double value)
{
    if (!std::isfinite(value)) return value > 0 ? "infinity" : value < 0 ? "-infinity" : "not a number";
    if (std::fabs(value) >= 1e15) {
        char buffer[64];
        std::snprintf(buffer, sizeof buffer, "%g", value);
        return buffer;
    }
    return fixed(value, default_decimals(value));
}

std::string format_number_against(double value, double threshold)
{
    if (!std::isfinite(value) || std::fabs(value) >= 1e15 || nearly_equal(value, threshold))
        return format_number(value);
    for (int decimals = default_decimals(value); decimals <= 12; ++decimals) {
        std::string text = fixed(value, decimals);
        if (text != fixed(threshold, decimals)) return text;
    }
    return fixed(value, 12);
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

std::string with_unit(const std::string& number, const std::string& unit)
{
    if (unit.empty()) return number;
    if (unit[0] == '%' || unit.rfind("×", 0) == 0) return number + unit;
    return number + " " + unit;
}

} // namespace elig
