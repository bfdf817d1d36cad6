// parse_json_number is the program's own decimal-to-double conversion. The
// expected double of each text is the correctly rounded one (IEEE 754's
// round to nearest, ties to even), which is what glibc's strtod returns:
// it is the oracle here, and the page's build never calls it.
#include "core/json/json_number.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

using namespace elig;

namespace {

double correctly_rounded(const std::string& text) { return std::strtod(text.c_str(), nullptr) + 0.0; }

uint64_t bits_of(double value)
{
    uint64_t bits;
    std::memcpy(&bits, &value, sizeof bits);
    return bits;
}

struct Random {
    uint64_t state;
    uint64_t next()
    {
        state = state * 6364136223846793005u + 1442695040888963407u;
        return state >> 33;
    }
    std::string digits(int count)
    {
        std::string out;
        for (int i = 0; i < count; ++i) out += static_cast<char>('0' + next() % 10);
        return out;
    }
};

// A JSON number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
std::string json_number(Random& random, int max_whole, int max_fraction, int max_exponent)
{
    std::string text = random.next() % 4 == 0 ? "-" : "";
    const int whole = static_cast<int>(random.next() % static_cast<uint64_t>(max_whole + 1));
    text += whole == 0 ? "0" : std::to_string(1 + random.next() % 9) + random.digits(whole - 1);
    if (const int fraction = static_cast<int>(random.next() % static_cast<uint64_t>(max_fraction + 1)); fraction > 0) text += "." + random.digits(fraction);
    if (max_exponent > 0 && random.next() % 3 != 0) {
        text += random.next() % 2 ? "e" : "E";
        if (const uint64_t sign = random.next() % 3; sign) text += sign == 1 ? "-" : "+";
        text += std::to_string(random.next() % static_cast<uint64_t>(max_exponent + 1));
    }
    return text;
}

} // namespace

TEST(JsonNumber, EdgesOfTheDoubles)
{
    const char* edges[] = {
        "0", "-0", "0.0", "-0.0e5", "7.2", "0.1", "0.3", "45", "-12.5", "4.35", "2.675",
        // the fast path's edges: 15 significant digits, 10^22, leading zeros
        "999999999999999", "99999999999999.9", "0.0000000000000000000001", "0.00000000000000000000001", "000123.4500",
        // past it: 2^53 + 1 is halfway between two doubles (ties to even), 17 digits
        "9007199254740993", "9007199254740995", "1234567890123456", "1.7976931348623157", "123456789012345678",
        // the largest double, halfway past it, and beyond
        "1.7976931348623157e308", "1.7976931348623158e308", "1.797693134862315807e308", "1.7976931348623159e308", "1e309", "1e999",
        "-1e999", "1e100000000",
        // the smallest normal and the subnormals; half the smallest subnormal and just past it
        "2.2250738585072014e-308", "2.2250738585072011e-308", "4.9406564584124654e-324", "5e-324",
        "2.4703282292062327e-324", "2.4703282292062328e-324", "1e-400", "-1e-400", "1e-100000000",
        // famous hard cases
        "2.2250738585072012e-308", "9007199254740993.0000000000000000000000000000001", "1.00000000000000011102230246251565404236316680908203125",
        "1.00000000000000011102230246251565404236316680908203124", "1.00000000000000011102230246251565404236316680908203126",
        "7.3177701707893310e+15", "8.988465674311579538646525953945123668089884894711532863671504057886633790275048156635423866120376801056005693993569667882939488440720831124642371531973706218888394671243274263815110980062304705972654147604250288441907534117123144073695655527041361858167525534229314911997362296923985815241505e307",
        "3.0e-1", "1E2", "2.5E-3", "1e0", "0e0", "0.000000000000000000000000000000000000000000000000000000000000000000000000000000001e81",
    };
    for (const char* text : edges) EXPECT_EQ(bits_of(parse_json_number(text)), bits_of(correctly_rounded(text))) << text;
    EXPECT_EQ(parse_json_number("1e999"), HUGE_VAL);
    EXPECT_FALSE(std::signbit(parse_json_number("-0")));  // -0 is 0 (found by fuzz_record: it printed as "-0")
    EXPECT_FALSE(std::signbit(parse_json_number("-1e-400")));
}

// Exactly halfway between two doubles, written out in full (hundreds of
// digits), then a hair above and below: past 800 digits only whether a
// nonzero digit was dropped decides.
TEST(JsonNumber, HalfwayCasesWrittenInFull)
{
    // 1 + 2^-53: halfway between 1 and the next double up.
    const std::string half_above_one = "1.00000000000000011102230246251565404236316680908203125";
    EXPECT_EQ(parse_json_number(half_above_one), 1.0);  // ties to even
    EXPECT_EQ(parse_json_number(half_above_one + std::string(900, '0') + "1"), std::nextafter(1.0, 2.0));
    EXPECT_EQ(parse_json_number(half_above_one + std::string(900, '0')), 1.0);
    // Half the smallest subnormal, 2^-1075, in full: 751 significant digits.
    const std::string tiny_half = "2.4703282292062327208828439643411068618252990130716238221279284125033775363510437593264991818081799618989828234772285886546332835517796989819938739800539093906315035659515570226392290858392449105184435931802849936536152500319370457678249219365623669863658480757001585769269903706311928279558551332927834338409351978015531246597263579574622766465272827220056374006485499977096599470454020828166226237857393450736339007967761930577506740176324673600968951340535537458516661134223766678604162159680461914467291840300530057530849048765391711386591646239524912623653881879636239373280423891018672348497668235089863388587925628302755995657524455507255189313690836254779186948667994968324049705821028513185451396213837722826145437693412532098591327667236328125e-324";
    EXPECT_EQ(parse_json_number(tiny_half), 0.0) << "ties to even: 0";
    const std::string above = tiny_half.substr(0, tiny_half.size() - 5) + "0000000001e-324";
    EXPECT_EQ(bits_of(parse_json_number(above)), bits_of(correctly_rounded(above)));
    EXPECT_EQ(bits_of(parse_json_number(above)), 1u) << "just above half: the smallest subnormal";
}

TEST(JsonNumber, RandomNumbersReadAsCorrectlyRounded)
{
    Random random{20261203};
    // Short decimals (the fast path and its neighbours).
    for (int n = 0; n < 200000; ++n) {
        const std::string text = json_number(random, 10, 12, 0);
        ASSERT_EQ(bits_of(parse_json_number(text)), bits_of(correctly_rounded(text))) << text;
    }
    // Any size and exponent: 17 to 40 digits, over the whole range and past it.
    for (int n = 0; n < 100000; ++n) {
        const std::string text = json_number(random, 25, 25, 340);
        ASSERT_EQ(bits_of(parse_json_number(text)), bits_of(correctly_rounded(text))) << text;
    }
    // Long inputs, where the digit buffer fills.
    for (int n = 0; n < 300; ++n) {
        const std::string text = json_number(random, 500, 500, 330);
        ASSERT_EQ(bits_of(parse_json_number(text)), bits_of(correctly_rounded(text))) << text;
    }
}

// Doubles printed to 17 digits read back as themselves (round trip), the
// subnormals included.
TEST(JsonNumber, PrintedDoublesReadBack)
{
    Random random{7};
    for (int n = 0; n < 100000; ++n) {
        uint64_t bits;
        do bits = (random.next() << 33 ^ random.next() << 2 ^ random.next()) & 0x7FFFFFFFFFFFFFFFu;  // positive
        while ((bits >> 52) == 0x7FF);                                                             // and finite
        double value;
        std::memcpy(&value, &bits, sizeof value);
        char text[40];
        std::snprintf(text, sizeof text, "%.17g", value);
        ASSERT_EQ(bits_of(parse_json_number(text)), bits) << text;
    }
}

// parse_json_number_as_float rounds the decimal straight to a float; glibc's
// strtof, also correctly rounded, is the oracle.
namespace {

uint32_t float_bits_of(float value)
{
    uint32_t bits;
    std::memcpy(&bits, &value, sizeof bits);
    return bits;
}

uint32_t correctly_rounded_float_bits(const std::string& text) { return float_bits_of(std::strtof(text.c_str(), nullptr)); }

} // namespace

TEST(JsonNumberAsFloat, EdgesOfTheFloats)
{
    // 2^24 + 1 is halfway between 2^24 and 2^24 + 2: ties go to the even one.
    EXPECT_EQ(parse_json_number_as_float("16777217"), 16777216.0f);
    EXPECT_EQ(parse_json_number_as_float("16777219"), 16777220.0f);
    // 1 + 2^-24 is halfway between 1 and the next float; a little above it
    // rounds up. Rounding to the nearest double first would land exactly on
    // the halfway point, and then go down to 1: the double rounding this
    // function exists to avoid.
    EXPECT_EQ(float_bits_of(parse_json_number_as_float("1.000000059604644775390625")), 0x3F800000u);
    EXPECT_EQ(float_bits_of(parse_json_number_as_float("1.0000000596046447753906251")), 0x3F800001u);
    EXPECT_EQ(static_cast<float>(parse_json_number("1.0000000596046447753906251")), 1.0f) << "through double it rounds twice";
    // The largest float, and halfway past it (its last bit is odd: rounds up, to infinity).
    EXPECT_EQ(float_bits_of(parse_json_number_as_float("3.4028234663852886e38")), 0x7F7FFFFFu);
    EXPECT_EQ(float_bits_of(parse_json_number_as_float("340282356779733661637539395458142568448")), 0x7F800000u);
    EXPECT_EQ(float_bits_of(parse_json_number_as_float("340282356779733661637539395458142568447")), 0x7F7FFFFFu);
    EXPECT_EQ(float_bits_of(parse_json_number_as_float("1e39")), 0x7F800000u);
    // The smallest normal, the smallest subnormal (2^-149), and half of it, which ties to 0.
    EXPECT_EQ(float_bits_of(parse_json_number_as_float("1.1754943508222875e-38")), 0x00800000u);
    EXPECT_EQ(float_bits_of(parse_json_number_as_float("1.401298464324817e-45")), 0x00000001u);
    const std::string half_smallest =
        "7.00649232162408535461864791644958065640130970938257885878534141944895541342930300743319094181060791015625e-46";
    EXPECT_EQ(float_bits_of(parse_json_number_as_float(half_smallest)), 0u);
    EXPECT_EQ(float_bits_of(parse_json_number_as_float(half_smallest.substr(0, half_smallest.size() - 4) + "1e-46")), 1u) << "just above half";
    EXPECT_EQ(float_bits_of(parse_json_number_as_float("1e-50")), 0u);
    // A zero keeps its sign, as a float reader's caller expects.
    EXPECT_EQ(float_bits_of(parse_json_number_as_float("-0")), 0x80000000u);
    EXPECT_EQ(float_bits_of(parse_json_number_as_float("-0.0e5")), 0x80000000u);
}

TEST(JsonNumberAsFloat, RandomNumbersReadAsCorrectlyRounded)
{
    Random random{20261204};
    for (int n = 0; n < 100000; ++n) {
        const std::string text = json_number(random, 10, 12, 0);
        ASSERT_EQ(float_bits_of(parse_json_number_as_float(text)), correctly_rounded_float_bits(text)) << text;
    }
    for (int n = 0; n < 100000; ++n) {
        const std::string text = json_number(random, 25, 25, 50);
        ASSERT_EQ(float_bits_of(parse_json_number_as_float(text)), correctly_rounded_float_bits(text)) << text;
    }
    // Floats printed to 9 digits read back as themselves.
    for (int n = 0; n < 100000; ++n) {
        uint32_t bits;
        do bits = static_cast<uint32_t>(random.next() << 1 ^ random.next());  // random.next() has 31 bits
        while ((bits >> 23 & 0xFF) == 0xFF);                                  // finite
        bits &= 0x7FFFFFFFu;                                                  // positive
        float value;
        std::memcpy(&value, &bits, sizeof value);
        char text[40];
        std::snprintf(text, sizeof text, "%.9g", static_cast<double>(value));
        ASSERT_EQ(float_bits_of(parse_json_number_as_float(text)), bits) << text;
    }
}

// 16 to 19 significant digits without an exponent take one exact integer
// division (where the compiler has 128-bit integers): its halfway cases,
// and random ones against strtod.
TEST(JsonNumber, SixteenToNineteenDigits)
{
    // 2^53 + 1 is halfway between 2^53 and 2^53 + 2: to the even one, 2^53.
    EXPECT_EQ(parse_json_number("9007199254740993"), 9007199254740992.0);
    EXPECT_EQ(parse_json_number("9007199254740993.0"), 9007199254740992.0) << "the same tie, divided by 10";
    EXPECT_EQ(parse_json_number("9007199254740995.00"), 9007199254740996.0) << "a tie that goes up, to even";
    EXPECT_EQ(parse_json_number("9007199254740993.001"), 9007199254740994.0) << "just above the tie";
    EXPECT_EQ(parse_json_number("9007199254740992.999"), 9007199254740992.0) << "just below it";
    EXPECT_EQ(parse_json_number("18446744073709551615"), 18446744073709551616.0) << "20 digits: the slow path";
    EXPECT_EQ(parse_json_number("9999999999999999999"), 1e19);
    EXPECT_EQ(parse_json_number("0.1000000000000000055511151231257827"), 0.1);
    EXPECT_EQ(parse_json_number("-616.3904388426992"), -616.3904388426992);
    EXPECT_EQ(parse_json_number("0.0000000000000000001234567890123456"), 1.234567890123456e-19);
    Random random{20261203};
    int taken = 0;
    for (int n = 0; n < 300000; ++n) {
        std::string text = random.next() % 2 ? "-" : "";
        const int digits = 16 + static_cast<int>(random.next() % 4);
        std::string all = std::to_string(1 + random.next() % 9) + random.digits(digits - 1);
        const int point = static_cast<int>(random.next() % static_cast<uint64_t>(digits + 3));  // digits before the point; past the end: leading zeros
        if (point >= digits) text += "0." + std::string(static_cast<size_t>(point - digits), '0') + all;
        else text += all.substr(0, static_cast<size_t>(point == 0 ? 1 : point)) + "." + all.substr(static_cast<size_t>(point == 0 ? 1 : point));
        taken += text.size() - text.find('.') - 1 <= 19;
        ASSERT_EQ(bits_of(parse_json_number(text)), bits_of(correctly_rounded(text))) << text;
    }
    EXPECT_GT(taken, 200000) << "most of them have at most 19 digits after the point";
}
