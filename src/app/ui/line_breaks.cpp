#include "app/ui/line_breaks.h"

#include <cstring>
#include <vector>

namespace app {

namespace {

enum class Kind { space, ideograph, opening, closing, other };

Kind kind_of(uint32_t c)
{
    if (c == ' ' || c == 0x3000) return Kind::space;
    switch (c) {
    case 0xFF08: case 0x300C: case 0x300E: case 0x3010: case 0x300A: case 0x3008: case 0x3014: case 0xFF3B: case 0xFF5B: case 0x201C: case 0x2018:
        return Kind::opening;  // （「『【《〈〔［｛“‘
    case 0xFF0C: case 0x3002: case 0x3001: case 0xFF1B: case 0xFF1A: case 0xFF01: case 0xFF1F: case 0xFF09: case 0x300D: case 0x300F: case 0x3011:
    case 0x300B: case 0x3009: case 0x3015: case 0xFF3D: case 0xFF5D: case 0x201D: case 0x2019: case 0xFF05:
        return Kind::closing;  // ，。、；：！？）」』】》〉〕］｝”’％
    default: break;
    }
    const bool ideograph = (c >= 0x2E80 && c <= 0x2FDF) || (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
                           (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x3003 && c <= 0x303F);
    return ideograph ? Kind::ideograph : Kind::other;
}

// Whether a line may end between a character of kind `a` and one of `b`.
bool may_break(Kind a, Kind b)
{
    if (b == Kind::space || b == Kind::closing || a == Kind::opening) return false;
    return a == Kind::space || a == Kind::ideograph || a == Kind::closing || b == Kind::ideograph || b == Kind::opening;
}

struct Char {
    uint32_t code;
    size_t begin, end;  // bytes of `text`
};

bool is_digit(uint32_t c) { return c >= '0' && c <= '9'; }

// Punctuation that may hang past the end of a line rather than start one.
bool hangs(uint32_t c) { return kind_of(c) == Kind::closing || (c < 0x80 && std::strchr(",.;:!?)]}%", static_cast<int>(c)) != nullptr && c != 0); }

// Whether chars[i] must stay on the line of chars[i - 1]. A number keeps
// the unit after its space ("10 μmol/L", "60 mL/min"); other spaces are
// where lines break.
bool joins(const std::vector<Char>& chars, size_t i)
{
    const Kind a = kind_of(chars[i - 1].code), b = kind_of(chars[i].code);
    if (b == Kind::space) return is_digit(chars[i - 1].code) && i + 1 < chars.size() && kind_of(chars[i + 1].code) == Kind::other;
    if (a == Kind::space) return i >= 2 && is_digit(chars[i - 2].code) && b == Kind::other;
    return !may_break(a, b);
}

// UTF-8 to code points; a broken byte stands for itself (it draws as "?").
std::vector<Char> decode(std::string_view text)
{
    std::vector<Char> chars;
    for (size_t i = 0; i < text.size();) {
        const auto byte = static_cast<unsigned char>(text[i]);
        const size_t length = byte < 0x80 ? 1 : byte >> 5 == 0x6 ? 2 : byte >> 4 == 0xE ? 3 : byte >> 3 == 0x1E ? 4 : 1;
        uint32_t code = length == 1 ? byte : byte & (0x7Fu >> length);
        size_t taken = 1;
        while (taken < length && i + taken < text.size() && (static_cast<unsigned char>(text[i + taken]) & 0xC0) == 0x80)
            code = code << 6 | (static_cast<unsigned char>(text[i + taken++]) & 0x3F);
        if (taken != length) code = byte, taken = 1;
        chars.push_back({code, i, i + taken});
        i += taken;
    }
    return chars;
}

// One paragraph (no '\n'), appended to `out`.
void break_paragraph(std::string_view text, float width, const std::function<float(uint32_t)>& advance, std::string& out)
{
    const std::vector<Char> chars = decode(text);
    float line = 0;            // width of the line so far, its pending spaces excluded
    float spaces = 0;          // width of the spaces after it
    bool line_empty = true;
    size_t spaces_begin = 0;   // byte where those spaces start
    for (size_t first = 0; first < chars.size();) {
        // The next unbreakable run, and the spaces after it.
        size_t last = first + 1;
        while (last < chars.size() && joins(chars, last)) ++last;
        float run = 0;
        for (size_t i = first; i < last; ++i) run += advance(chars[i].code);
        if (!line_empty && line + spaces + run > width) {
            out += '\n';  // the spaces before the break are dropped
            line = 0;
            line_empty = true;
        } else if (!line_empty) {
            out.append(text.substr(spaces_begin, chars[first].begin - spaces_begin));
            line += spaces;
        }
        for (size_t i = first; i < last; ++i) {
            // A word wider than a whole line is cut where it reaches the edge
            // (a closing mark hangs past it rather than start a line).
            const float w = advance(chars[i].code);
            if (!line_empty && line + w > width && !hangs(chars[i].code)) {
                out += '\n';
                line = 0;
            }
            out.append(text.substr(chars[i].begin, chars[i].end - chars[i].begin));
            line += w;
            line_empty = false;
        }
        spaces = 0;
        spaces_begin = chars[last - 1].end;
        while (last < chars.size() && kind_of(chars[last].code) == Kind::space) spaces += advance(chars[last++].code);
        first = last;
    }
}

} // namespace

std::string break_lines(std::string_view text, float width, const std::function<float(uint32_t)>& advance)
{
    std::string out;
    out.reserve(text.size() + 8);
    for (size_t start = 0;;) {
        const size_t end = text.find('\n', start);
        break_paragraph(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start), width, advance, out);
        if (end == std::string_view::npos) break;
        out += '\n';
        start = end + 1;
    }
    return out;
}

} // namespace app
