#include "app/ui/scan_formatted.h"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>

#include "core/json/json_number.h"

namespace elig::app {

namespace {

bool is_space(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');  // the "C" locale's isspace
}

int digit_value(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 99;
}

// What one directive found: a value stored, nothing to store (%*d), or why
// it stopped: the input ended (an input failure) or did not match.
enum class Outcome { assigned, read, input_failure, matching_failure };

// hh h (none) l ll j z t, by the size of the integer each one stores.
enum class Length { hh, h, none, l, ll, j, z, t, L };

struct Conversion {
    bool suppress = false;
    int width = 0;  // 0: as many as match
    Length length = Length::none;
    char specifier = 0;
};

// The input item: at most `width` characters from `at`, one at a time.
class Item {
public:
    Item(const char* at, int width) : at_(at), left_(width > 0 ? width : INT32_MAX) {}

    char peek() const { return left_ > 0 ? *at_ : '\0'; }
    bool at_end() const { return peek() == '\0'; }
    void take()
    {
        ++at_;
        --left_;
    }
    bool take_if(char lower)  // either case
    {
        if (peek() != lower && peek() != lower - 'a' + 'A') return false;
        take();
        return true;
    }
    const char* position() const { return at_; }

private:
    const char* at_;
    int left_;
};

// A hexadecimal float's magnitude, (mantissa + sticky bits) * 2^exponent,
// rounded once to the float type T, half to even, subnormals included.
template <typename T>
T hexadecimal_to_binary(uint64_t mantissa, bool sticky, long exponent)
{
    constexpr int kPrecision = sizeof(T) == 8 ? 53 : 24;
    constexpr int kMinExponent = sizeof(T) == 8 ? -1022 : -126;
    if (mantissa == 0) return 0;
    int length = 64;
    while ((mantissa >> (length - 1)) == 0) --length;
    const long top = length - 1 + exponent;  // the value is in [2^top, 2^(top+1))
    long precision = kPrecision;
    if (top < kMinExponent) precision -= kMinExponent - top;  // subnormal: fewer bits
    if (precision < 0) return 0;  // below half the smallest subnormal
    const long shift = length - precision;
    if (shift <= 0) return std::ldexp(static_cast<T>(mantissa), static_cast<int>(exponent));
    const uint64_t kept = shift >= 64 ? 0 : mantissa >> shift;
    const uint64_t rest = shift >= 64 ? mantissa : mantissa & ((uint64_t{1} << shift) - 1);
    const uint64_t half = uint64_t{1} << (shift - 1);
    const bool up = rest > half || (rest == half && (sticky || (kept & 1) != 0));
    return std::ldexp(static_cast<T>(kept + up), static_cast<int>(exponent + shift));
}

class Scanner {
public:
    Scanner(const char* input, va_list& arguments) : start_(input), at_(input), arguments_(arguments) {}

    int run(const char* format)
    {
        int assigned = 0;
        while (*format != '\0') {
            Outcome outcome = Outcome::read;
            if (is_space(*format)) {
                while (is_space(*format)) ++format;
                skip_space();
                continue;
            }
            if (*format != '%' || format[1] == '%') {
                format += *format == '%';  // %% is a literal %, after white space
                if (*format == '%') skip_space();
                if (*at_ == '\0') outcome = Outcome::input_failure;
                else if (*at_ != *format) outcome = Outcome::matching_failure;
                else ++at_;
                ++format;
            } else {
                Conversion conversion;
                format = parse_conversion(format + 1, conversion);
                outcome = format != nullptr ? convert(conversion, format) : Outcome::matching_failure;
            }
            if (outcome == Outcome::input_failure) return assigned == 0 ? EOF : assigned;
            if (outcome == Outcome::matching_failure) return assigned;
            assigned += outcome == Outcome::assigned;
        }
        return assigned;
    }

private:
    const char* start_;
    const char* at_;
    va_list& arguments_;

    void skip_space()
    {
        while (is_space(*at_)) ++at_;
    }

    static const char* parse_conversion(const char* format, Conversion& conversion)
    {
        if (*format == '*') {
            conversion.suppress = true;
            ++format;
        }
        for (; *format >= '0' && *format <= '9'; ++format)
            if (conversion.width < 100000000) conversion.width = conversion.width * 10 + (*format - '0');
        const bool twice = format[0] != '\0' && format[0] == format[1];  // (hh, ll; never past the end)
        switch (*format) {
        case 'h': conversion.length = twice ? Length::hh : Length::h; format += 1 + twice; break;
        case 'l': conversion.length = twice ? Length::ll : Length::l; format += 1 + twice; break;
        case 'j': conversion.length = Length::j; ++format; break;
        case 'z': conversion.length = Length::z; ++format; break;
        case 't': conversion.length = Length::t; ++format; break;
        case 'L': conversion.length = Length::L; ++format; break;
        default: break;
        }
        conversion.specifier = *format;
        return *format == '\0' ? nullptr : format;
    }

    // Reads one conversion; `format` is at its specifier, and is moved past
    // it (past the scanset's ']' for %[).
    Outcome convert(const Conversion& conversion, const char*& format)
    {
        const char specifier = *format++;
        switch (specifier) {
        case 'd': return scan_integer(conversion, 10);
        case 'i': return scan_integer(conversion, 0);
        case 'o': return scan_integer(conversion, 8);
        case 'u': return scan_integer(conversion, 10);
        case 'x':
        case 'X': return scan_integer(conversion, 16);
        case 'a': case 'A': case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': return scan_float(conversion);
        case 'c': return scan_characters(conversion);
        case 's': return scan_string(conversion);
        case '[': return scan_set(conversion, format);
        case 'n':
            if (!conversion.suppress) store_integer(conversion.length, static_cast<uint64_t>(at_ - start_));
            return Outcome::read;
        default: return Outcome::matching_failure;  // %p, or not a conversion
        }
    }

    Outcome finish(const Item& item, bool matched)
    {
        const bool empty = item.position() == at_;
        at_ = item.position();
        if (matched) return Outcome::read;
        return empty && *at_ == '\0' ? Outcome::input_failure : Outcome::matching_failure;
    }

    Outcome scan_integer(const Conversion& conversion, int base)
    {
        if (conversion.length == Length::L) return Outcome::matching_failure;
        skip_space();
        Item item(at_, conversion.width);
        const bool negative = item.peek() == '-';
        if (negative || item.peek() == '+') item.take();
        bool any_digit = false;
        if ((base == 0 || base == 16) && item.peek() == '0') {
            item.take();
            if (item.take_if('x')) base = 16;  // a digit must follow: "0x" alone is not a number
            else {
                any_digit = true;
                if (base == 0) base = 8;
            }
        }
        if (base == 0) base = 10;
        uint64_t value = 0;
        bool overflow = false;
        for (int digit; (digit = digit_value(item.peek())) < base; item.take()) {
            any_digit = true;
            const auto d = static_cast<uint64_t>(digit), b = static_cast<uint64_t>(base);
            overflow |= value > (UINT64_MAX - d) / b;
            value = value * b + d;
        }
        const Outcome outcome = finish(item, any_digit);
        if (outcome != Outcome::read || conversion.suppress) return outcome;
        if (overflow) value = UINT64_MAX;  // (C leaves it undefined; musl's choice)
        else if (negative) value = 0 - value;
        store_integer(conversion.length, value);
        return Outcome::assigned;
    }

    // Two's complement cut to the argument's size; every integer is stored
    // as the unsigned type of that size.
    void store_integer(Length length, uint64_t value)
    {
        switch (length) {
        case Length::hh: *va_arg(arguments_, unsigned char*) = static_cast<unsigned char>(value); break;
        case Length::h: *va_arg(arguments_, unsigned short*) = static_cast<unsigned short>(value); break;
        case Length::l: *va_arg(arguments_, unsigned long*) = static_cast<unsigned long>(value); break;
        case Length::ll: *va_arg(arguments_, unsigned long long*) = static_cast<unsigned long long>(value); break;
        case Length::j: *va_arg(arguments_, uintmax_t*) = static_cast<uintmax_t>(value); break;
        case Length::z: *va_arg(arguments_, size_t*) = static_cast<size_t>(value); break;
        case Length::t: *va_arg(arguments_, size_t*) = static_cast<size_t>(value); break;  // ptrdiff_t's size
        case Length::none:
        case Length::L: *va_arg(arguments_, unsigned*) = static_cast<unsigned>(value); break;  // (%Ln: C leaves it undefined)
        }
    }

    Outcome scan_float(const Conversion& conversion)
    {
        if (conversion.length == Length::L) return Outcome::matching_failure;  // long double: not read here
        skip_space();
        Item item(at_, conversion.width);
        const bool negative = item.peek() == '-';
        if (negative || item.peek() == '+') item.take();
        double value = 0;
        float narrow = 0;
        const bool wide = conversion.length == Length::l;
        bool matched = false;
        if (item.peek() == 'i' || item.peek() == 'I' || item.peek() == 'n' || item.peek() == 'N') {
            matched = scan_word(item, value);
            narrow = static_cast<float>(value);
        } else if (item.peek() == '0') {
            item.take();
            matched = item.take_if('x') ? scan_hexadecimal(item, wide, value, narrow) : scan_decimal(item, true, wide, value, narrow);
        } else {
            matched = scan_decimal(item, false, wide, value, narrow);
        }
        const Outcome outcome = finish(item, matched);
        if (outcome != Outcome::read || conversion.suppress) return outcome;
        if (wide) *va_arg(arguments_, double*) = negative ? -value : value;
        else *va_arg(arguments_, float*) = negative ? -narrow : narrow;
        return Outcome::assigned;
    }

    // "inf", "infinity", "nan", "nan(n-char-sequence)", in either case.
    static bool scan_word(Item& item, double& value)
    {
        if (item.take_if('i')) {
            if (!item.take_if('n') || !item.take_if('f')) return false;
            value = HUGE_VAL;
            if (!item.take_if('i')) return true;
            return item.take_if('n') && item.take_if('i') && item.take_if('t') && item.take_if('y');
        }
        if (!item.take_if('n') || !item.take_if('a') || !item.take_if('n')) return false;
        value = NAN;
        if (item.peek() != '(') return true;
        item.take();
        while (digit_value(item.peek()) < 36 || item.peek() == '_') item.take();
        if (item.peek() != ')') return false;
        item.take();
        return true;
    }

    // After "0x": hexadecimal digits with an optional point, then p and a
    // power of two.
    static bool scan_hexadecimal(Item& item, bool wide, double& value, float& narrow)
    {
        uint64_t mantissa = 0;
        bool sticky = false, any_digit = false, point = false;
        long exponent = 0;
        for (;; item.take()) {
            if (item.peek() == '.' && !point) {
                point = true;
                continue;
            }
            const int digit = digit_value(item.peek());
            if (digit >= 16) break;
            any_digit = true;
            if (mantissa >> 60 == 0) {
                mantissa = mantissa << 4 | static_cast<uint64_t>(digit);
                exponent -= point ? 4 : 0;
            } else {
                sticky |= digit != 0;
                exponent += point ? 0 : 4;
            }
        }
        if (!any_digit) return false;
        if (item.take_if('p') && !scan_exponent(item, exponent)) return false;
        if (wide) value = hexadecimal_to_binary<double>(mantissa, sticky, exponent);
        else narrow = hexadecimal_to_binary<float>(mantissa, sticky, exponent);
        return true;
    }

    static bool scan_exponent(Item& item, long& exponent)
    {
        const bool negative = item.peek() == '-';
        if (negative || item.peek() == '+') item.take();
        long power = 0;
        bool any_digit = false;
        for (; item.peek() >= '0' && item.peek() <= '9'; item.take()) {
            any_digit = true;
            if (power < 100000) power = power * 10 + (item.peek() - '0');  // past any float's range either way
        }
        exponent += negative ? -power : power;
        return any_digit;
    }

    // Digits, an optional point and more digits, an optional exponent
    // (`any_digit`: a 0 was read before them), rewritten as a JSON number
    // (no leading zeros, a digit before the point) for the core's correctly
    // rounded reader.
    static bool scan_decimal(Item& item, bool any_digit, bool wide, double& value, float& narrow)
    {
        std::string number;
        bool point = false;
        for (;; item.take()) {
            const char c = item.peek();
            if (c == '.' && !point) {
                point = true;
                if (number.empty()) number += '0';
                number += '.';
            } else if (c >= '0' && c <= '9') {
                any_digit = true;
                if (!(c == '0' && number == "0")) {
                    if (number == "0") number.clear();
                    number += c;
                }
            } else {
                break;
            }
        }
        if (!any_digit) return false;
        if (number.empty()) number = "0";
        if (number.back() == '.') number += '0';
        if (item.peek() == 'e' || item.peek() == 'E') {
            item.take();
            long exponent = 0;
            if (!scan_exponent(item, exponent)) return false;
            number += 'e';
            number += std::to_string(exponent);
        }
        if (wide) value = parse_json_number(number);
        else narrow = parse_json_number_as_float(number);
        return true;
    }

    Outcome scan_characters(const Conversion& conversion)
    {
        const int count = conversion.width > 0 ? conversion.width : 1;
        if (conversion.length != Length::none) return Outcome::matching_failure;  // wide characters: not read here
        int available = 0;
        while (available < count && at_[available] != '\0') ++available;
        if (available < count) {
            at_ += available;
            return Outcome::input_failure;
        }
        if (!conversion.suppress) std::memcpy(va_arg(arguments_, char*), at_, static_cast<size_t>(count));
        at_ += count;
        return conversion.suppress ? Outcome::read : Outcome::assigned;
    }

    Outcome scan_string(const Conversion& conversion)
    {
        if (conversion.length != Length::none) return Outcome::matching_failure;
        skip_space();
        Item item(at_, conversion.width);
        const char* begin = at_;
        while (!item.at_end() && !is_space(item.peek())) item.take();
        return store_text(conversion, begin, item);
    }

    // %[abc], %[^abc], %[]abc], %[a-z] (a range, as glibc and musl read it).
    Outcome scan_set(const Conversion& conversion, const char*& format)
    {
        if (conversion.length != Length::none) return Outcome::matching_failure;
        bool members[256] = {};
        const bool negated = *format == '^';
        format += negated;
        const char* first = format;
        for (; *format != '\0' && (*format != ']' || format == first); ++format) {
            const auto low = static_cast<unsigned char>(*format);
            if (format[1] == '-' && format[2] != ']' && format[2] != '\0') {
                for (unsigned c = low; c <= static_cast<unsigned char>(format[2]); ++c) members[c] = true;
                format += 2;
            } else {
                members[low] = true;
            }
        }
        if (*format != ']') return Outcome::matching_failure;  // no end to the set
        ++format;
        Item item(at_, conversion.width);
        const char* begin = at_;
        while (!item.at_end() && members[static_cast<unsigned char>(item.peek())] != negated) item.take();
        return store_text(conversion, begin, item);
    }

    Outcome store_text(const Conversion& conversion, const char* begin, const Item& item)
    {
        const size_t length = static_cast<size_t>(item.position() - begin);
        const Outcome outcome = finish(item, length > 0);
        if (outcome != Outcome::read || conversion.suppress) return outcome;
        char* target = va_arg(arguments_, char*);
        std::memcpy(target, begin, length);
        target[length] = '\0';
        return Outcome::assigned;
    }
};

} // namespace

int scan_formatted(const char* input, const char* format, va_list arguments)
{
    va_list copy;
    va_copy(copy, arguments);
    const int assigned = Scanner(input, copy).run(format);
    va_end(copy);
    return assigned;
}

} // namespace elig::app
