// scan_formatted is the page's sscanf. Natively, glibc's sscanf is the oracle
// wherever glibc follows C11 (7.21.6.2); where it does not, the expected
// result is C's, worked out from the standard's text in each test.
#include "app/ui/scan_formatted.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

using elig::app::scan_formatted;

namespace {

int scan(const char* input, const char* format, ...)
{
    va_list arguments;
    va_start(arguments, format);
    const int assigned = scan_formatted(input, format, arguments);
    va_end(arguments);
    return assigned;
}

// Up to four arguments of any conversion, each given its own 64-byte slot
// filled with a sentinel, read by both scanners and compared byte for byte.
struct Slots {
    unsigned char bytes[4][64];
    Slots() { std::memset(bytes, 0xA5, sizeof bytes); }
};

// Returns glibc's count.
int expect_same_as_glibc(const std::string& input, const std::string& format)
{
    Slots ours, theirs;
    const int our_count = scan(input.c_str(), format.c_str(), ours.bytes[0], ours.bytes[1], ours.bytes[2], ours.bytes[3]);
    const int their_count = std::sscanf(input.c_str(), format.c_str(), theirs.bytes[0], theirs.bytes[1], theirs.bytes[2], theirs.bytes[3]);
    EXPECT_EQ(our_count, their_count) << '"' << input << "\" with \"" << format << '"';
    for (int slot = 0; slot < 4; ++slot)
        EXPECT_EQ(std::memcmp(ours.bytes[slot], theirs.bytes[slot], 64), 0) << '"' << input << "\" with \"" << format << "\": argument " << slot;
    return their_count;
}

struct Random {
    uint64_t state;
    uint64_t below(uint64_t n)
    {
        state = state * 6364136223846793005u + 1442695040888963407u;
        return (state >> 33) % n;
    }
    std::string digits(int count, const char* alphabet = "0123456789")
    {
        std::string out;
        const auto size = std::strlen(alphabet);
        for (int i = 0; i < count; ++i) out += alphabet[below(size)];
        return out;
    }
};

std::string sign(Random& random)
{
    const char* signs[] = {"", "", "-", "+"};
    return signs[random.below(4)];
}

// Tokens a scanner may meet, none of them a case where glibc departs from
// C (an exponent without digits, "0x" without a digit, "nan(", "infin"):
// those are tested one by one below. So hexadecimal digits leave out e:
// %f, reading on where %x, %d or a width stopped, would take "e;" for an
// exponent. Words have no letter that could
// continue a number (a-f, e, i, n, p, x).
std::string random_token(Random& random)
{
    switch (random.below(9)) {
    case 0: return sign(random) + random.digits(1 + static_cast<int>(random.below(9)));
    case 1: return sign(random) + (random.below(2) ? "0x" : "0X") + random.digits(1 + static_cast<int>(random.below(7)), "0123456789abcdfABCDF");
    case 2: return sign(random) + "0" + random.digits(static_cast<int>(random.below(8)), "01234567");
    case 3: {
        std::string text = sign(random) + random.digits(static_cast<int>(random.below(10)));
        if (random.below(2)) text += "." + random.digits(static_cast<int>(random.below(12)));
        if (text.find_first_of("0123456789") == std::string::npos) text += "7";
        if (random.below(3) == 0) text += (random.below(2) ? "e" : "E") + sign(random) + random.digits(1 + static_cast<int>(random.below(2)));
        return text;
    }
    case 4: return sign(random) + (random.below(2) ? "0x" : "0X") + random.digits(1 + static_cast<int>(random.below(10)), "0123456789abcdf") +
                   (random.below(2) ? "." + random.digits(1 + static_cast<int>(random.below(4)), "0123456789ABCDF") : "") +
                   (random.below(2) ? (random.below(2) ? "p" : "P") + sign(random) + random.digits(1 + static_cast<int>(random.below(3))) : "");
    case 5: {
        const char* words[] = {"inf", "INF", "Infinity", "nan", "NaN", "-inf", "+nan"};
        return words[random.below(7)];
    }
    case 6: return random.digits(1 + static_cast<int>(random.below(6)), "ghjklmoqrstuvwyzGHJ_");
    case 7: return random.digits(1 + static_cast<int>(random.below(2)), " \t\n");
    default: return random.digits(1, ",=;^v%:");
    }
}

// A token that the directive would read: its kind of number, word or
// character (random_token's numbers, which never overrun their type).
std::string fitting_token(Random& random, const std::string& directive)
{
    const char last = directive.back();
    if (directive[0] != '%') return directive;  // a literal
    if (directive == "%%") return "%";
    if (last == 'n') return "";
    if (last == 'c') return random.digits(1, "ab ,7-");
    if (last == 's') return random.digits(1 + static_cast<int>(random.below(8)), "ghjkm0123_");
    if (last == ']') return random.digits(1 + static_cast<int>(random.below(5)), directive[2] == '^' ? "qr v" : directive[2] == 'g' ? "ghjk" : "uvw");
    for (;;) {  // draw until the kind fits
        std::string token = random_token(random);
        const bool floating = std::strchr("fegaG", last) != nullptr;
        const bool number = token.find_first_of("0123456789") != std::string::npos && token.find_first_of("ghjklmoqrstuvwyzGHJ_") == std::string::npos;
        if (floating ? (number || token.find_first_of("nNiI") != std::string::npos) : (number && token.find('.') == std::string::npos && token.find_first_of("eEpP") == std::string::npos))
            return token;
    }
}

// A format of `count` directives, and an input that mostly fits it: each
// directive's token, or now and then any token, with white space before
// those that skip it. No literal could continue a number ("Pos=" after a
// hexadecimal float would be an exponent without digits).
std::pair<std::string, std::string> random_format_and_input(Random& random, int count)
{
    const char* choices[] = {"%d", "%i", "%u", "%x", "%X", "%o", "%hhd", "%hd", "%ld", "%lld", "%hhu", "%zu", "%jd", "%llx",
                             "%f", "%lf", "%e", "%g", "%a", "%G", "%c", "%s", "%5s", "%[g-k]", "%[^,=]", "%3[uvw]",
                             "%n", "%hn", "%3d", "%2u", "%*d", "%*f", "%*s", "%%", ",", "=", " ", "Size=", ";", "y"};
    std::string format, input;
    for (int i = 0; i < count; ++i) {
        const std::string directive = choices[random.below(sizeof choices / sizeof choices[0])];
        format += directive;
        const bool skips_space = directive[0] == '%' && std::strchr("c]n", directive.back()) == nullptr;
        if (skips_space) input += random.digits(1, " \t\n");
        input += random.below(5) != 0 ? fitting_token(random, directive) : random_token(random);
    }
    return {format, input};
}

} // namespace

// The lines Dear ImGui writes to its .ini (imgui.cpp's and imgui_tables.cpp's
// WriteAll handlers), read back with its own formats.
TEST(ScanFormatted, DearImGuiSettingsLines)
{
    Random random{1};
    for (int n = 0; n < 2000; ++n) {
        const int x = static_cast<int>(random.below(40000)) - 20000, y = static_cast<int>(random.below(40000)) - 20000;
        char line[128];
        std::snprintf(line, sizeof line, "Pos=%d,%d", x, y);
        expect_same_as_glibc(line, "Pos=%i,%i");
        expect_same_as_glibc(line, "Size=%i,%i");
        std::snprintf(line, sizeof line, "Collapsed=%d", static_cast<int>(random.below(2)));
        expect_same_as_glibc(line, "Collapsed=%d");
        const unsigned id = static_cast<unsigned>(random.below(1u << 31)) * 2 + static_cast<unsigned>(random.below(2));
        std::snprintf(line, sizeof line, "0x%08X,%d", id, static_cast<int>(random.below(64)));
        expect_same_as_glibc(line, "0x%08X,%d");
        std::snprintf(line, sizeof line, "%08X", id);
        expect_same_as_glibc(line, "%X");
        std::snprintf(line, sizeof line, "RefScale=%g", static_cast<double>(random.below(100000)) / 997.0);
        expect_same_as_glibc(line, "RefScale=%f");
        std::snprintf(line, sizeof line, "Column %-2d", static_cast<int>(random.below(64)));
        expect_same_as_glibc(line, "Column %d%n");
        std::snprintf(line, sizeof line, "UserID=0x%08X", id);
        expect_same_as_glibc(line, "UserID=0x%08X%n");
        std::snprintf(line, sizeof line, "Weight=%.4f", static_cast<double>(random.below(100000)) / 9973.0);
        expect_same_as_glibc(line, "Weight=%f%n");
        std::snprintf(line, sizeof line, "Sort=%d%c", static_cast<int>(random.below(8)), random.below(2) ? 'v' : '^');
        expect_same_as_glibc(line, "Sort=%d%c%n");
        std::snprintf(line, sizeof line, "%02X%02X%02X%02X", id & 255, id >> 8 & 255, id >> 16 & 255, id >> 24);
        expect_same_as_glibc(line, "%02X%02X%02X%02X");
        expect_same_as_glibc(line, "%02X%02X%02X");
    }
}

// Random formats over random inputs: returns, values and %n agree with glibc.
TEST(ScanFormatted, RandomFormatsAgreeWithGlibc)
{
    Random random{20261203};
    int assigned = 0, directives = 0;
    for (int n = 0; n < 200000; ++n) {
        const int count = 1 + static_cast<int>(random.below(4));
        const auto [format, input] = random_format_and_input(random, count);
        directives += count;
        assigned += std::max(0, expect_same_as_glibc(input, format));
        if (::testing::Test::HasFailure()) return;
    }
    // Not mostly mismatches: a good share of the conversions assign.
    EXPECT_GT(assigned, directives / 3) << assigned << " of " << directives << " directives";
    std::printf("%d assigned, of %d directives\n", assigned, directives);
}

TEST(ScanFormatted, ReturnsEofOnlyWhenInputEndsBeforeAnyAssignment)
{
    int a = 0, b = 0;
    EXPECT_EQ(scan("", "%d", &a), EOF);
    EXPECT_EQ(scan("   ", "%d", &a), EOF);
    EXPECT_EQ(scan("", "abc%d", &a), EOF) << "a literal with no input left is an input failure";
    EXPECT_EQ(scan("abc", "%d", &a), 0) << "a matching failure";
    EXPECT_EQ(scan("5", "%d abc", &a), 1);
    EXPECT_EQ(scan("5", "%*d%d", &a), EOF) << "suppressed, so nothing was assigned before the input ended";
    EXPECT_EQ(scan("", "%n", &a), 0) << "%n reads nothing, so it cannot fail, and is not counted";
    EXPECT_EQ(a, 0);
    EXPECT_EQ(scan("7 8", "%d%n %d", &a, &b, &a), 2);
    EXPECT_EQ(b, 1);
}

// C11 7.21.6.2 p9: the input item is "the longest sequence of input
// characters which does not exceed any specified field width and which is,
// or is a prefix of, a matching input sequence"; p10: "If the input item is
// not a matching sequence, the execution of the directive fails". At most
// one character is pushed back. glibc reads further; musl, which the page
// used before, and this scanner do not.
TEST(ScanFormatted, AnItemThatIsOnlyAPrefixFails)
{
    float f = -1;
    int n = -1, i = -1;
    char word[32] = "";
    // The standard's own example (p24): "100ergs of energy" with
    // "%f%20s of %20s" returns 0, since "100e" fails to match %f.
    EXPECT_EQ(scan("100ergs of energy", "%f%20s of %20s", &f, word, word), 0);
    EXPECT_EQ(f, -1);
    EXPECT_EQ(scan("1e+", "%f", &f), 0);
    EXPECT_EQ(scan("1.5e", "%f", &f), 0);
    EXPECT_EQ(scan("0x", "%x", &i), 0) << "\"0x\" is a prefix of a hexadecimal number, not one";
    EXPECT_EQ(scan("0xg", "%i", &i), 0);
    EXPECT_EQ(scan("0x", "%f", &f), 0);
    EXPECT_EQ(scan("infin", "%f", &f), 0) << "a prefix of \"infinity\"";
    EXPECT_EQ(scan("nan(12", "%f", &f), 0) << "a prefix of \"nan(12)\"";
    EXPECT_EQ(scan("nan(1_a)x", "%f%n", &f, &n), 1);
    EXPECT_TRUE(std::isnan(f));
    EXPECT_EQ(n, 8) << "\"nan(n-char-sequence)\" is one item";
    EXPECT_EQ(scan("0x5", "%2x", &i), 0) << "the width leaves \"0x\"";
    EXPECT_EQ(scan("ab", "%5c", word), EOF) << "%5c needs five characters; the input ends first";
    EXPECT_EQ(scan("-", "%d", &i), 0);
}

TEST(ScanFormatted, HexadecimalFloatsRoundOnce)
{
    float f = 0;
    double d = 0;
    EXPECT_EQ(scan("0x1p3", "%f", &f), 1);
    EXPECT_EQ(f, 8.0f);
    EXPECT_EQ(scan("-0x1.8p-1", "%lf", &d), 1);
    EXPECT_EQ(d, -0.75);
    // 0x1000001 is 2^24 + 1, halfway between two floats: to the even one.
    EXPECT_EQ(scan("0x1000001", "%f", &f), 1);
    EXPECT_EQ(f, 16777216.0f);
    EXPECT_EQ(scan("0x1000003", "%f", &f), 1);
    EXPECT_EQ(f, 16777220.0f);
    // Past 15 hexadecimal digits only whether any is nonzero counts: a 1
    // far down makes the halfway case round up.
    EXPECT_EQ(scan("0x10000010000000000000001", "%f", &f), 1);
    EXPECT_EQ(f, std::ldexp(16777218.0f, 64));  // 16 digits after 0x1000001
    // The smallest subnormal float, and half of it (ties to even: 0).
    EXPECT_EQ(scan("0x1p-149", "%f", &f), 1);
    EXPECT_EQ(f, std::ldexp(1.0f, -149));
    EXPECT_EQ(scan("0x1p-150", "%f", &f), 1);
    EXPECT_EQ(f, 0.0f);
    EXPECT_EQ(scan("0x1.8p-150", "%f", &f), 1);
    EXPECT_EQ(f, std::ldexp(1.0f, -149));
    EXPECT_EQ(scan("0x1p128", "%f", &f), 1);
    EXPECT_TRUE(std::isinf(f));
}

TEST(ScanFormatted, DecimalFloatsRoundOnceToFloat)
{
    // 1 + 2^-24 and a little more: the nearest float is 1 + 2^-23, though
    // the nearest double is 1 + 2^-24 exactly, which would round to 1.
    float f = 0;
    EXPECT_EQ(scan("1.0000000596046447753906251", "%f", &f), 1);
    EXPECT_EQ(f, 1.0f + std::ldexp(1.0f, -23));
    EXPECT_EQ(scan("-0", "%f", &f), 1);
    EXPECT_TRUE(std::signbit(f));
    EXPECT_EQ(scan(".5", "%f", &f), 1);
    EXPECT_EQ(f, 0.5f);
    EXPECT_EQ(scan("007.", "%f", &f), 1);
    EXPECT_EQ(f, 7.0f);
}

TEST(ScanFormatted, WhatItDoesNotReadFailsAsAMismatch)
{
    long double wide = 0;
    void* pointer = nullptr;
    int after = -1;
    EXPECT_EQ(scan("1.5 2", "%Lf%d", &wide, &after), 0);
    EXPECT_EQ(scan("0x10 2", "%p%d", &pointer, &after), 0);
    EXPECT_EQ(after, -1);
    EXPECT_EQ(scan("12", "%", &after), 0) << "a format that ends in its %";
    EXPECT_EQ(scan("ab", "%[ab", &after), 0) << "a scanset without its ]";
}
