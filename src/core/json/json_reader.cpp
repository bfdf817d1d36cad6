#include "core/json/json_reader.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>

namespace elig {

namespace {

constexpr int kMaxDepth = 32;

class Reader {
public:
    Reader(std::string_view text, JsonDocument& doc) : text_(text), doc_(doc) {}

    bool document()
    {
        skip_space();
        if (!value(0, {}))
            return false;
        skip_space();
        if (pos_ != text_.size())
            return fail("unexpected text after the end of the JSON value");
        return true;
    }

private:
    std::string_view text_;
    JsonDocument& doc_;
    size_t pos_ = 0;

    bool fail(const char* what)
    {
        size_t line = 1, column = 1;
        for (size_t i = 0; i < pos_ && i < text_.size(); ++i) {
            if (text_[i] == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        doc_.error = "line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + what;
        doc_.error_line = line;
        doc_.error_column = column;
        doc_.error_what = what;
        return false;
    }

    void skip_space()
    {
        while (pos_ < text_.size()) {
            const char c = text_[pos_];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                break;
            ++pos_;
        }
    }

    bool literal(std::string_view word)
    {
        if (text_.substr(pos_, word.size()) != word)
            return fail("unexpected character (expected a value: object, array, string, number, true, false or null)");
        pos_ += word.size();
        return true;
    }

    uint32_t push(JsonItem::Type type, std::string_view key)
    {
        JsonItem item;
        item.type = type;
        item.key = key;
        doc_.items.push_back(item);
        return static_cast<uint32_t>(doc_.items.size() - 1);
    }

    void close(uint32_t index) { doc_.items[index].end = static_cast<uint32_t>(doc_.items.size()); }

    bool value(int depth, std::string_view key)
    {
        if (pos_ >= text_.size())
            return fail("unexpected end of input (expected a value)");
        const char c = text_[pos_];
        switch (c) {
        case '{': return object(depth, key);
        case '[': return array(depth, key);
        case '"': {
            std::string_view decoded;
            if (!string(decoded))
                return false;
            const uint32_t index = push(JsonItem::Type::string, key);
            doc_.items[index].text = decoded;
            close(index);
            return true;
        }
        case 't':
        case 'f': {
            const bool truth = c == 't';
            if (!literal(truth ? "true" : "false"))
                return false;
            const uint32_t index = push(JsonItem::Type::boolean, key);
            doc_.items[index].boolean = truth;
            close(index);
            return true;
        }
        case 'n': {
            if (!literal("null"))
                return false;
            close(push(JsonItem::Type::null, key));
            return true;
        }
        default:
            if (c == '-' || (c >= '0' && c <= '9'))
                return number(key);
            return fail("unexpected character (expected a value: object, array, string, number, true, false or null)");
        }
    }

    bool object(int depth, std::string_view key)
    {
        if (depth >= kMaxDepth)
            return fail("nested too deeply");
        const uint32_t index = push(JsonItem::Type::object, key);
        ++pos_;
        skip_space();
        if (pos_ < text_.size() && text_[pos_] == '}') {
            ++pos_;
            close(index);
            return true;
        }
        for (;;) {
            skip_space();
            if (pos_ >= text_.size() || text_[pos_] != '"')
                return fail("expected a quoted key");
            std::string_view member_key;
            if (!string(member_key))
                return false;
            skip_space();
            if (pos_ >= text_.size() || text_[pos_] != ':')
                return fail("expected ':' after a key");
            ++pos_;
            skip_space();
            if (!value(depth + 1, member_key))
                return false;
            skip_space();
            if (pos_ < text_.size() && text_[pos_] == ',') {
                ++pos_;
                continue;
            }
            if (pos_ < text_.size() && text_[pos_] == '}') {
                ++pos_;
                close(index);
                return true;
            }
            return fail("expected ',' or '}' after an object member");
        }
    }

    bool array(int depth, std::string_view key)
    {
        if (depth >= kMaxDepth)
            return fail("nested too deeply");
        const uint32_t index = push(JsonItem::Type::array, key);
        ++pos_;
        skip_space();
        if (pos_ < text_.size() && text_[pos_] == ']') {
            ++pos_;
            close(index);
            return true;
        }
        for (;;) {
            skip_space();
            if (!value(depth + 1, {}))
                return false;
            skip_space();
            if (pos_ < text_.size() && text_[pos_] == ',') {
                ++pos_;
                continue;
            }
            if (pos_ < text_.size() && text_[pos_] == ']') {
                ++pos_;
                close(index);
                return true;
            }
            return fail("expected ',' or ']' after an array element");
        }
    }

    bool number(std::string_view key)
    {
        const size_t start = pos_;
        auto digits = [&] {
            const size_t from = pos_;
            while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9')
                ++pos_;
            return pos_ > from;
        };
        if (text_[pos_] == '-')
            ++pos_;
        if (pos_ < text_.size() && text_[pos_] == '0') {
            ++pos_;
            if (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9')
                return fail("invalid number: leading zeros are not allowed");
        } else if (!digits()) {
            return fail("invalid number: expected a digit");
        }
        if (pos_ < text_.size() && text_[pos_] == '.') {
            ++pos_;
            if (!digits())
                return fail("invalid number: expected a digit after '.'");
        }
        if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
            ++pos_;
            if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-'))
                ++pos_;
            if (!digits())
                return fail("invalid number: expected a digit in the exponent");
        }
        const uint32_t index = push(JsonItem::Type::number, key);
        doc_.items[index].text = text_.substr(start, pos_ - start);
        doc_.items[index].number = parse_json_number(doc_.items[index].text);
        close(index);
        return true;
    }

    static void append_utf8(std::string& out, uint32_t code)
    {
        if (code < 0x80) {
            out += static_cast<char>(code);
        } else if (code < 0x800) {
            out += static_cast<char>(0xC0 | (code >> 6));
            out += static_cast<char>(0x80 | (code & 0x3F));
        } else if (code < 0x10000) {
            out += static_cast<char>(0xE0 | (code >> 12));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (code & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (code >> 18));
            out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (code & 0x3F));
        }
    }

    bool hex4(uint32_t& out)
    {
        if (pos_ + 4 > text_.size())
            return fail("invalid \\u escape: expected four hex digits");
        out = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = text_[pos_++];
            out <<= 4;
            if (c >= '0' && c <= '9') out |= static_cast<uint32_t>(c - '0');
            else if (c >= 'a' && c <= 'f') out |= static_cast<uint32_t>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') out |= static_cast<uint32_t>(c - 'A' + 10);
            else return fail("invalid \\u escape: expected four hex digits");
        }
        return true;
    }

    // Length of a valid UTF-8 sequence starting at pos_, or 0.
    size_t utf8_sequence() const
    {
        const auto byte = [&](size_t i) { return static_cast<unsigned char>(text_[pos_ + i]); };
        const unsigned char lead = byte(0);
        size_t length;
        uint32_t code;
        if (lead >= 0xC2 && lead <= 0xDF) { length = 2; code = lead & 0x1Fu; }
        else if (lead >= 0xE0 && lead <= 0xEF) { length = 3; code = lead & 0x0Fu; }
        else if (lead >= 0xF0 && lead <= 0xF4) { length = 4; code = lead & 0x07u; }
        else return 0;
        if (pos_ + length > text_.size())
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

    // Skips plain ASCII bytes eight at a time (no quote, backslash, control
    // or non-ASCII byte): most of a record's text.
    void skip_plain_ascii()
    {
        while (pos_ + 8 <= text_.size()) {
            uint64_t word;
            std::memcpy(&word, text_.data() + pos_, 8);
            constexpr uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
            const uint64_t quote = word ^ (ones * '"'), backslash = word ^ (ones * '\\');
            const uint64_t special = ((word - ones * 0x20) & ~word) | ((quote - ones) & ~quote) | ((backslash - ones) & ~backslash) | word;
            if (special & highs) break;
            pos_ += 8;
        }
    }

    // \uXXXX (pos_ after the u), a surrogate pair taken whole.
    bool unicode_escape(std::string& decoded)
    {
        uint32_t code = 0;
        if (!hex4(code))
            return false;
        if (code >= 0xDC00 && code <= 0xDFFF)
            return fail("invalid \\u escape: lone low surrogate");
        if (code >= 0xD800 && code <= 0xDBFF) {
            uint32_t low = 0;
            if (text_.substr(pos_, 2) != "\\u")
                return fail("invalid \\u escape: high surrogate without its low half");
            pos_ += 2;
            if (!hex4(low))
                return false;
            if (low < 0xDC00 || low > 0xDFFF)
                return fail("invalid \\u escape: high surrogate without its low half");
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
        }
        append_utf8(decoded, code);
        return true;
    }

    // One escape (pos_ at the backslash), decoded into `decoded`.
    bool escape(std::string& decoded)
    {
        ++pos_;
        if (pos_ >= text_.size())
            return fail("unterminated string");
        const char e = text_[pos_++];
        switch (e) {
        case '"': decoded += '"'; return true;
        case '\\': decoded += '\\'; return true;
        case '/': decoded += '/'; return true;
        case 'b': decoded += '\b'; return true;
        case 'f': decoded += '\f'; return true;
        case 'n': decoded += '\n'; return true;
        case 'r': decoded += '\r'; return true;
        case 't': decoded += '\t'; return true;
        case 'u': return unicode_escape(decoded);
        default:
            --pos_;
            return fail("invalid escape in a string");
        }
    }

    bool string(std::string_view& out)
    {
        ++pos_;  // opening quote
        const size_t start = pos_;
        std::string* decoded = nullptr;  // only for strings with escapes
        size_t copied_until = start;
        for (;;) {
            skip_plain_ascii();
            if (pos_ >= text_.size())
                return fail("unterminated string");
            const unsigned char c = static_cast<unsigned char>(text_[pos_]);
            if (c == '"')
                break;
            if (c < 0x20)
                return fail("control character in a string (escape it)");
            if (c >= 0x80) {
                const size_t length = utf8_sequence();
                if (length == 0)
                    return fail("invalid UTF-8 in a string");
                pos_ += length;
                continue;
            }
            if (c != '\\') {
                ++pos_;
                continue;
            }
            if (!decoded) {
                doc_.decoded.emplace_back();
                decoded = &doc_.decoded.back();
            }
            decoded->append(text_.substr(copied_until, pos_ - copied_until));
            if (!escape(*decoded))
                return false;
            copied_until = pos_;
        }
        if (decoded) {
            decoded->append(text_.substr(copied_until, pos_ - copied_until));
            out = *decoded;
        } else {
            out = text_.substr(start, pos_ - start);
        }
        ++pos_;  // closing quote
        return true;
    }
};

} // namespace

bool read_json(std::string_view text, JsonDocument& doc)
{
    doc.clear();
    // RFC 8259 lets a parser ignore a leading byte order mark (editors on
    // Windows add one); nlohmann/json does too.
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    Reader reader(text, doc);
    return reader.document();
}

double parse_json_number(std::string_view text)
{
#if defined(__cpp_lib_to_chars) && __cpp_lib_to_chars >= 201611L
    double value = 0;
    // from_chars leaves `value` untouched on overflow; JSON numbers that big
    // are out of every plausible range anyway.
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    if (result.ec == std::errc::result_out_of_range) {
        // Too large (infinity) or too small (zero, or nearly): strtod says which.
        const std::string copy(text);
        return std::strtod(copy.c_str(), nullptr) + 0.0;
    }
    return value + 0.0;  // -0 is 0 (found by fuzz_record: it printed as "-0")
#else
    // strtod reads the C locale's decimal point: nothing in this program
    // changes the locale, and the web build has only the C locale.
    char buffer[64];
    std::string long_copy;
    const char* start = buffer;
    if (text.size() < sizeof buffer) {
        std::memcpy(buffer, text.data(), text.size());
        buffer[text.size()] = '\0';
    } else {
        long_copy.assign(text);
        start = long_copy.c_str();
    }
    return std::strtod(start, nullptr) + 0.0;  // -0 is 0
#endif
}

void append_json_string(std::string& out, std::string_view text)
{
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    size_t run = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        // Eight bytes at a time while none is a quote, a backslash or a
        // control character (the usual case: reasons and labels).
        while (i + 8 <= text.size()) {
            uint64_t word;
            std::memcpy(&word, text.data() + i, 8);
            constexpr uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
            const uint64_t quote = word ^ (ones * '"'), backslash = word ^ (ones * '\\');
            const uint64_t special = ((word - ones * 0x20) & ~word) | ((quote - ones) & ~quote) | ((backslash - ones) & ~backslash);
            if (special & highs) break;
            i += 8;
        }
        if (i >= text.size()) break;
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\') [[likely]]
            continue;
        out.append(text.data() + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    out.append(text.data() + run, text.size() - run);
    out += '"';
}

} // namespace elig
