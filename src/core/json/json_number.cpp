#include "core/json/json_number.h"

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace elig {

namespace {

// Up to 19 significant digits w and k (1 to 19) of them after the point:
// w / 10^k, correctly rounded, by one exact integer division. w shifted to
// fill 128 bits, divided by 10^k (under 2^64), leaves a quotient of 64 to
// 125 bits and a remainder; both decide the rounding to 53 bits exactly.
// Where there is no 128-bit integer the digit-by-digit conversion below
// does it, to the same double; so does the page, where the division would
// bring 0.9 KB gzipped of compiler runtime for numbers its records seldom
// hold (the CLI's batches of converted units are where it pays).
bool divide_exactly(uint64_t w, int k, double& value)
{
#if defined(__SIZEOF_INT128__) && !defined(__EMSCRIPTEN__)
    __extension__ typedef unsigned __int128 u128;  // (GCC and Clang; -Wpedantic knows it as an extension)
    static constexpr uint64_t kPowers[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000, 10000000000,
                                           100000000000, 1000000000000, 10000000000000, 100000000000000, 1000000000000000,
                                           10000000000000000, 100000000000000000, 1000000000000000000, 10000000000000000000u};
    if (w == 0 || k < 1 || k > 19) return false;
    const int shift = 64 + std::countl_zero(w);
    const u128 n = static_cast<u128>(w) << shift;
    const u128 quotient = n / kPowers[k];
    const bool inexact = n % kPowers[k] != 0;
    const auto high = static_cast<uint64_t>(quotient >> 64);
    const int bits = high != 0 ? 128 - std::countl_zero(high) : 64 - std::countl_zero(static_cast<uint64_t>(quotient));
    const int dropped = bits - 53;  // 11 to 72
    auto kept = static_cast<uint64_t>(quotient >> dropped);
    const u128 rest = quotient & ((static_cast<u128>(1) << dropped) - 1), half = static_cast<u128>(1) << (dropped - 1);
    kept += rest > half || (rest == half && (inexact || (kept & 1) != 0));  // half to even
    value = std::ldexp(static_cast<double>(kept), dropped - shift);  // exact: 2^53 at most, far from the edges
    return true;
#else
    (void)w, (void)k, (void)value;
    return false;
#endif
}

// A number without an exponent and with at most 19 significant digits:
// Clinger's fast path for up to 15 (the digits as an integer, exact below
// 2^53, divided by a power of ten, exact up to 10^22: one IEEE division is
// correctly rounded; record values, 7.2, 45, 1.5, all take it), one exact
// integer division for 16 to 19 (616.3904388426992, a converted unit).
bool parse_plain_decimal(std::string_view text, double& value)
{
    static constexpr double kPowersOfTen[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                              1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    size_t i = 0;
    const bool negative = !text.empty() && text[0] == '-';
    i += negative;
    uint64_t digits = 0;
    int significant = 0, fraction = 0;
    bool any_digit = false, point = false;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '.' && !point) {
            point = true;
            continue;
        }
        if (c < '0' || c > '9') return false;
        any_digit = true;
        digits = digits * 10 + static_cast<uint64_t>(c - '0');
        significant += digits != 0;  // leading zeros are not significant
        fraction += point;
        if (significant > 19) return false;
    }
    if (!any_digit || (point && text.back() == '.') || fraction > 22) return false;
    if (significant <= 15) value = static_cast<double>(digits) / kPowersOfTen[fraction];
    else if (fraction == 0) value = static_cast<double>(digits);  // one correctly rounded conversion
    else if (!divide_exactly(digits, fraction, value)) return false;
    if (negative) value = -value;
    return true;
}

// The two binary formats, as IEEE 754 lays them out. Past kPointPastMax
// digits before the point a number is infinite, and it is zero with more
// than -kPointBelowMin zeros after it: shortcuts, the conversion would find
// the same.
struct Binary64 {
    using Value = double;
    using Bits = uint64_t;
    static constexpr int kMantissaBits = 52, kBias = -1023, kExponentAll = 0x7FF;
    static constexpr int kPointPastMax = 310, kPointBelowMin = -330;
    static constexpr double kInfinity = HUGE_VAL;
};
struct Binary32 {
    using Value = float;
    using Bits = uint32_t;
    static constexpr int kMantissaBits = 23, kBias = -127, kExponentAll = 0xFF;
    static constexpr int kPointPastMax = 40, kPointBelowMin = -47;
    static constexpr float kInfinity = HUGE_VALF;
};

// Every other number: the decimal digits, shifted by powers of two until
// they are the 53 bits of a double (24 of a float), then rounded half to
// even ("simple decimal conversion", as in Go's strconv and Wuffs). Exact
// for any input: past kMaxDigits digits only whether any nonzero digit was
// dropped matters, and `truncated` keeps that. Slow (hundreds of digit
// passes for 1e-300) and small: no 128-bit floating point (musl's strtod
// computes with it), no tables of powers.
class Decimal {
public:
    explicit Decimal(std::string_view text)
    {
        size_t i = 0;
        if (i < text.size() && text[i] == '-') {
            negative_ = true;
            ++i;
        }
        bool point = false;
        for (; i < text.size(); ++i) {
            const char c = text[i];
            if (c == '.') {
                point = true;
                continue;
            }
            if (c < '0' || c > '9') break;
            if (c == '0' && count_ == 0) {  // a leading zero
                if (point) --point_;
                continue;
            }
            if (!point) ++point_;
            if (count_ < kMaxDigits) digits_[count_++] = static_cast<uint8_t>(c - '0');
            else if (c != '0') truncated_ = true;
        }
        if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
            ++i;
            bool exponent_negative = false;
            if (i < text.size() && (text[i] == '+' || text[i] == '-')) exponent_negative = text[i++] == '-';
            int exponent = 0;
            for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i)
                if (exponent < 100000) exponent = exponent * 10 + (text[i] - '0');  // far past any double either way
            point_ += exponent_negative ? -exponent : exponent;
        }
        trim();
    }

    // The nearest Binary (double or float) to the digits, ties to even:
    // straight from the digits, since rounding to double first and then to
    // float could round twice.
    template <class Binary>
    typename Binary::Value to_binary()
    {
        using Bits = typename Binary::Bits;
        constexpr int kMantissaBits = Binary::kMantissaBits, kBias = Binary::kBias, kExponentAll = Binary::kExponentAll;
        int exponent = 0;
        if (count_ == 0) return negative_ ? -typename Binary::Value(0) : 0;
        if (point_ > Binary::kPointPastMax) return infinity<Binary>();
        if (point_ < Binary::kPointBelowMin) return negative_ ? -typename Binary::Value(0) : 0;
        // Scale to [0.5, 1), counting the powers of two.
        static constexpr int kShiftFor[] = {1, 3, 6, 9, 13, 16, 19, 23, 26};  // bits that move the point by 0..8 digits
        constexpr int kShiftCount = sizeof kShiftFor / sizeof kShiftFor[0];
        while (point_ > 0) {
            const int n = point_ < kShiftCount ? kShiftFor[point_] : 27;
            shift(-n);
            exponent += n;
        }
        while (point_ < 0 || (point_ == 0 && digits_[0] < 5)) {
            const int n = point_ == 0 ? 1 : -point_ < kShiftCount ? kShiftFor[-point_] : 27;
            shift(n);
            exponent -= n;
        }
        --exponent;  // [0.5, 1) is 2^-1 times [1, 2)
        if (exponent < kBias + 1) {  // subnormal: fewer bits
            const int n = kBias + 1 - exponent;
            shift(-n);
            exponent += n;
        }
        if (exponent - kBias >= kExponentAll) return infinity<Binary>();
        shift(1 + kMantissaBits);
        uint64_t mantissa = rounded_integer();
        if (mantissa == (uint64_t{2} << kMantissaBits)) {  // rounding carried into a new bit
            mantissa >>= 1;
            ++exponent;
            if (exponent - kBias >= kExponentAll) return infinity<Binary>();
        }
        if ((mantissa & (uint64_t{1} << kMantissaBits)) == 0) exponent = kBias;  // subnormal
        // (No std::bit_cast: Emscripten 3.1.6's libc++ lacks it.)
        const Bits bits = static_cast<Bits>((mantissa & ((uint64_t{1} << kMantissaBits) - 1)) |
                                            (static_cast<uint64_t>(exponent - kBias) & kExponentAll) << kMantissaBits |
                                            (negative_ ? uint64_t{1} << (8 * sizeof(Bits) - 1) : 0));
        typename Binary::Value value;
        std::memcpy(&value, &bits, sizeof value);
        return value;
    }

private:
    static constexpr int kMaxDigits = 800;  // the longest exact double has 767 significant digits
    static constexpr int kMaxShift = 60;    // digit << 60 plus a carry stays in 64 bits
    uint8_t digits_[kMaxDigits] = {};       // most significant first, no leading zeros
    int count_ = 0;
    int point_ = 0;  // the decimal point is after this many digits (negative: zeros before them)
    bool negative_ = false;
    bool truncated_ = false;  // a nonzero digit was dropped past kMaxDigits

    template <class Binary>
    typename Binary::Value infinity() const
    {
        return negative_ ? -Binary::kInfinity : Binary::kInfinity;
    }

    void trim()
    {
        while (count_ > 0 && digits_[count_ - 1] == 0) --count_;
        if (count_ == 0) point_ = 0;
    }

    void shift(int k)
    {
        for (; k > kMaxShift; k -= kMaxShift) shift_left(kMaxShift);
        for (; k < -kMaxShift; k += kMaxShift) shift_right(kMaxShift);
        if (k > 0) shift_left(k);
        else if (k < 0) shift_right(-k);
    }

    // Times 2^k: written from the last digit up, with room for the
    // ⌊k·log10 2⌋ + 1 digits it can add; unused room at the front closes up.
    void shift_left(int k)
    {
        const int room = (k * 1233 >> 12) + 1;
        int write = count_ + room;
        uint64_t n = 0;
        for (int read = count_ - 1; read >= 0; --read) {
            n += static_cast<uint64_t>(digits_[read]) << k;
            const uint64_t quotient = n / 10;
            put(--write, static_cast<uint8_t>(n - 10 * quotient));
            n = quotient;
        }
        while (n > 0) {
            const uint64_t quotient = n / 10;
            put(--write, static_cast<uint8_t>(n - 10 * quotient));
            n = quotient;
        }
        // `write` is where the first digit went: the room left before it.
        const int added = room - write;
        int kept = count_ + room - write;
        if (kept > kMaxDigits) kept = kMaxDigits;  // put() noted what fell off
        if (write > 0) std::memmove(digits_, digits_ + write, static_cast<size_t>(kept));
        count_ = kept;
        point_ += added;
        trim();
    }

    // A digit at `at` of the shifted number, which may run past the buffer:
    // there only whether it is nonzero is kept.
    void put(int at, uint8_t digit)
    {
        if (at < kMaxDigits) digits_[at] = digit;
        else if (digit != 0) truncated_ = true;
    }

    // Divided by 2^k: long division from the first digit down.
    void shift_right(int k)
    {
        int read = 0, write = 0;
        uint64_t n = 0;
        for (; (n >> k) == 0; ++read) {
            if (read >= count_) {
                if (n == 0) {
                    count_ = 0;
                    return;
                }
                while ((n >> k) == 0) {
                    n *= 10;
                    ++read;
                }
                break;
            }
            n = n * 10 + digits_[read];
        }
        point_ -= read - 1;
        const uint64_t mask = (uint64_t{1} << k) - 1;
        for (; read < count_; ++read) {
            const uint64_t digit = n >> k;
            n &= mask;
            digits_[write++] = static_cast<uint8_t>(digit);
            n = n * 10 + digits_[read];
        }
        while (n > 0) {
            const uint64_t digit = n >> k;
            n &= mask;
            if (write < kMaxDigits) digits_[write++] = static_cast<uint8_t>(digit);
            else if (digit > 0) truncated_ = true;
            n *= 10;
        }
        count_ = write;
        trim();
    }

    // The integer part, rounded half to even on the digits after it.
    uint64_t rounded_integer() const
    {
        if (point_ > 20) return UINT64_MAX;
        uint64_t n = 0;
        int i = 0;
        for (; i < point_ && i < count_; ++i) n = n * 10 + digits_[i];
        for (; i < point_; ++i) n *= 10;
        if (round_up_at(point_)) ++n;
        return n;
    }

    bool round_up_at(int at) const
    {
        if (at < 0 || at >= count_) return false;
        if (digits_[at] == 5 && at + 1 == count_) {  // exactly half, unless digits were dropped
            if (truncated_) return true;
            return at > 0 && digits_[at - 1] % 2 == 1;
        }
        return digits_[at] >= 5;
    }
};

} // namespace

double parse_json_number(std::string_view text)
{
    double value = 0;
    if (!parse_plain_decimal(text, value)) value = Decimal(text).to_binary<Binary64>();
    return value + 0.0;  // -0 is 0 (found by fuzz_record: it printed as "-0")
}

float parse_json_number_as_float(std::string_view text)
{
    return Decimal(text).to_binary<Binary32>();
}

} // namespace elig
