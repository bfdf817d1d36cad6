// The byte-level grammar of JSON text (RFC 8259) that both the document
// reader (json_reader.cpp) and the record reader's direct path scan with:
// whitespace, a string's plain run, a UTF-8 sequence, an escape, a
// number's literal, and whole tokens made of them.
// One definition, so that what the direct path accepts is exactly what the
// document reader would.
//
// Each takes the text and a byte position and says where the scan stopped.
//
// Example:
//   json_scan::skip_space(" \t 7", 0);                // 3
//   size_t pos = 0;
//   json_scan::scan_number("-12.5e3,", pos);          // JsonErrorCode::none, pos 7
//   pos = 0;
//   json_scan::scan_number("01", pos);                // JsonErrorCode::leading_zero, pos 1
#pragma once
#include "core/json/json_reader.h"

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace elig::json_scan {

inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

inline size_t skip_space(std::string_view text, size_t pos)
{
    while (pos < text.size() && is_space(text[pos])) ++pos;
    return pos;
}

// Not a quote, a backslash, a control or a non-ASCII byte: a string's byte
// that stands for itself.
inline bool is_plain_ascii(char c)
{
    const auto byte = static_cast<unsigned char>(c);
    return byte >= 0x20 && byte < 0x80 && c != '"' && c != '\\';
}

// Skips plain ASCII bytes, most of a record's text, eight at a time, or
// sixteen where the CPU has SSE2 (every x86-64; the page's WebAssembly and
// the last few bytes take the words). In a word the lowest flagged byte is
// the first special one (a borrow runs only towards higher bytes), so the
// skip stops on it, not a byte at a time after the word. Fewer than eight
// bytes before the end are left for the caller: the stop may be plain.
inline size_t skip_plain_ascii(std::string_view text, size_t pos)
{
#ifdef __SSE2__
    // As a signed byte, a control or non-ASCII byte is below ' '.
    while (pos + 16 <= text.size()) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + pos));
        const __m128i quote_or_backslash = _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('"')), _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\\')));
        const unsigned special = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(_mm_cmplt_epi8(bytes, _mm_set1_epi8(0x20)), quote_or_backslash)));
        if (special) return pos + static_cast<size_t>(std::countr_zero(special));
        pos += 16;
    }
#endif
    while (pos + 8 <= text.size()) {
        uint64_t word;
        std::memcpy(&word, text.data() + pos, 8);
        constexpr uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
        const uint64_t quote = word ^ (ones * '"'), backslash = word ^ (ones * '\\');
        const uint64_t special = (((word - ones * 0x20) & ~word) | ((quote - ones) & ~quote) | ((backslash - ones) & ~backslash) | word) & highs;
        if (special) {
            static_assert(std::endian::native == std::endian::little, "the first byte in the text is the word's lowest");
            return pos + static_cast<size_t>(std::countr_zero(special)) / 8;
        }
        pos += 8;
    }
    return pos;
}

// The whole plain run from `pos`, the last few bytes too.
inline size_t skip_plain(std::string_view text, size_t pos)
{
    pos = skip_plain_ascii(text, pos);
    while (pos < text.size() && is_plain_ascii(text[pos])) ++pos;
    return pos;
}

// The text without a leading byte order mark, which RFC 8259 lets a
// reader ignore (editors on Windows add one).
inline std::string_view without_byte_order_mark(std::string_view text) { return text.substr(0, 3) == "\xEF\xBB\xBF" ? text.substr(3) : text; }

// The length of the valid UTF-8 sequence at `pos` (not overlong, no
// surrogate, at most U+10FFFF), or 0.
inline size_t utf8_sequence(std::string_view text, size_t pos)
{
    const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[pos + i]); };
    const unsigned char lead = byte(0);
    size_t length;
    uint32_t code;
    if (lead >= 0xC2 && lead <= 0xDF) { length = 2; code = lead & 0x1Fu; }
    else if (lead >= 0xE0 && lead <= 0xEF) { length = 3; code = lead & 0x0Fu; }
    else if (lead >= 0xF0 && lead <= 0xF4) { length = 4; code = lead & 0x07u; }
    else return 0;
    if (pos + length > text.size())
        return 0;
    for (size_t i = 1; i < length; ++i) {
        if ((byte(i) & 0xC0) != 0x80)
            return 0;
        code = (code << 6) | (byte(i) & 0x3Fu);
    }
    if ((length == 3 && (code < 0x800 || (code >= 0xD800 && code <= 0xDFFF))) || (length == 4 && (code < 0x10000 || code > 0x10FFFF)))
        return 0;
    return length;
}

// One escape from `pos` (at its backslash) past its end, decoded onto
// `decoded`; a surrogate pair is taken whole. On an error `pos` is where
// it shows.
JsonErrorCode decode_escape(std::string_view text, size_t& pos, std::string& decoded);

// A number's literal from `pos` (at a '-' or a digit): `pos` moves past it,
// or stops where it is wrong, which the code names.
inline JsonErrorCode scan_number(std::string_view text, size_t& pos)
{
    const auto is_digit = [&](size_t i) { return i < text.size() && text[i] >= '0' && text[i] <= '9'; };
    const auto digits = [&] {
        const size_t from = pos;
        while (is_digit(pos)) ++pos;
        return pos > from;
    };
    if (pos < text.size() && text[pos] == '-')
        ++pos;
    if (pos < text.size() && text[pos] == '0') {
        ++pos;
        if (is_digit(pos))
            return JsonErrorCode::leading_zero;
    } else if (!digits()) {
        return JsonErrorCode::expected_digit;
    }
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        if (!digits())
            return JsonErrorCode::expected_fraction_digit;
    }
    if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
        ++pos;
        if (pos < text.size() && (text[pos] == '+' || text[pos] == '-'))
            ++pos;
        if (!digits())
            return JsonErrorCode::expected_exponent_digit;
    }
    return JsonErrorCode::none;
}

// ---- Whole tokens, for a reader that reads a document as it scans it ----

// A string from `pos` (at its opening quote) to past its closing one, as
// the document reader decodes it: `out` views the text, or `decoded` where
// it has escapes. False where the document reader stops with an error (a
// control byte, invalid UTF-8, a bad escape, no end).
inline bool scan_string(std::string_view text, size_t& pos, std::string_view& out, std::string& decoded)
{
    if (pos >= text.size() || text[pos] != '"') return false;
    const size_t begin = ++pos;
    size_t copied_until = begin;
    bool escaped = false;
    for (;;) {
        pos = skip_plain(text, pos);
        if (pos >= text.size()) return false;
        const auto c = static_cast<unsigned char>(text[pos]);
        if (c == '"') break;
        if (c >= 0x80) {
            const size_t length = utf8_sequence(text, pos);
            if (length == 0) return false;
            pos += length;
            continue;
        }
        if (c != '\\') return false;  // a control byte
        if (!escaped) decoded.clear();
        escaped = true;
        decoded.append(text.substr(copied_until, pos - copied_until));
        if (decode_escape(text, pos, decoded) != JsonErrorCode::none) return false;
        copied_until = pos;
    }
    if (escaped) {
        decoded.append(text.substr(copied_until, pos - copied_until));
        out = decoded;
    } else {
        out = text.substr(begin, pos - begin);
    }
    ++pos;
    return true;
}

// `word` (true, false, null) at `pos`, and `pos` past it; `pos` stays
// where it was otherwise. Compared a byte at a time, inline: a record has
// dozens, and a library call each cost more than the comparison.
inline bool scan_literal(std::string_view text, size_t& pos, std::string_view word)
{
    if (pos > text.size() || text.size() - pos < word.size()) return false;
    for (size_t i = 0; i < word.size(); ++i)
        if (text[pos + i] != word[i]) return false;
    pos += word.size();
    return true;
}

// A number at `pos` and `pos` past it, `literal` as written.
inline bool scan_number_literal(std::string_view text, size_t& pos, std::string_view& literal)
{
    const size_t begin = pos;
    if (pos >= text.size() || (text[pos] != '-' && (text[pos] < '0' || text[pos] > '9'))) return false;
    if (scan_number(text, pos) != JsonErrorCode::none) return false;
    literal = text.substr(begin, pos - begin);
    return true;
}

// After a member's key: its colon, and the space around it.
inline bool scan_colon(std::string_view text, size_t& pos)
{
    pos = skip_space(text, pos);
    if (pos >= text.size() || text[pos] != ':') return false;
    pos = skip_space(text, pos + 1);
    return pos < text.size();
}

// After a member's value: true at a comma (and `pos` at the next key),
// false otherwise, with `closed` at the object's closing brace.
inline bool scan_next_member(std::string_view text, size_t& pos, bool& closed)
{
    pos = skip_space(text, pos);
    closed = pos < text.size() && text[pos] == '}';
    if (pos >= text.size() || text[pos] != ',') return false;
    pos = skip_space(text, pos + 1);
    return true;
}

} // namespace elig::json_scan
