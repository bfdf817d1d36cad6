#include "core/json/json_reader.h"

#include "core/json/json_scan.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>

namespace elig {

// Writes the fields of items for the reader (JsonItem keeps them private).
class JsonItemWriter {
public:
    static JsonItem make(JsonItem::Type type, uint32_t key_begin, bool key_decoded)
    {
        JsonItem item;
        item.bits_ = (static_cast<uint32_t>(type) << JsonItem::kTypeShift) | (key_decoded ? 1u << JsonItem::kKeyDecodedBit : 0u);
        item.key_begin_ = key_begin;
        return item;
    }
    static void set_true(JsonItem& item) { item.bits_ |= 1u << JsonItem::kTrueBit; }
    static void set_text(JsonItem& item, uint32_t begin, uint32_t size, bool decoded)
    {
        item.text_begin_ = begin;
        item.text_size_ = size;
        if (decoded) item.bits_ |= 1u << JsonItem::kTextDecodedBit;
    }
    static bool set_end(JsonItem& item, size_t end)
    {
        if (end > JsonItem::kEndMask) return false;
        item.bits_ = (item.bits_ & ~JsonItem::kEndMask) | static_cast<uint32_t>(end);
        return true;
    }
};

// The reader itself: a loop over an explicit stack of open containers, so
// that it can stop between any two values and go on later (JsonStepReader),
// and no nesting can overflow the call stack.
class JsonTextReader {
public:
    JsonTextReader(std::string_view text, JsonDocument& doc, int max_depth) : text_(text), doc_(doc), max_depth_(max_depth) {}

    // Reads on until `until` bytes of the text are behind (pausing only
    // between two values), or to the end. False on a syntax error.
    bool step(size_t until)
    {
        while (next_ != Next::done) {
            if (next_ == Next::value) {
                if (pos_ >= until && pos_ < text_.size() && !open_.empty()) return true;  // at the end, go on to the error
                skip_space();
                if (!value()) return false;
            } else if (!after_value()) {
                return false;
            }
        }
        return true;
    }
    bool done() const { return next_ == Next::done; }
    size_t position() const { return pos_; }

private:
    // What comes next: a value (with pending_key_), what follows a value
    // (a comma, the end of a container, the end of the text), or nothing.
    enum class Next : uint8_t { value, after_value, done };

    std::string_view text_;
    JsonDocument& doc_;
    const int max_depth_;
    size_t pos_ = 0;
    Next next_ = Next::value;
    // The containers being read, innermost last: records nest two deep, so
    // the first levels take no allocation (a log reads millions of records).
    class OpenContainers {
    public:
        bool empty() const { return size_ == 0; }
        size_t size() const { return size_; }
        uint32_t back() const { return size_ <= kInline ? inline_[size_ - 1] : deeper_.back(); }
        void push_back(uint32_t index)
        {
            if (size_ < kInline) inline_[size_] = index;
            else deeper_.push_back(index);
            ++size_;
        }
        void pop_back()
        {
            if (size_ > kInline) deeper_.pop_back();
            --size_;
        }

    private:
        static constexpr size_t kInline = 8;
        uint32_t inline_[kInline] = {};
        std::vector<uint32_t> deeper_;
        size_t size_ = 0;
    };
    OpenContainers open_;

    // A key or a string: where its decoded text is.
    struct Span {
        uint32_t begin = 0, size = 0;
        bool decoded = false;
    };
    Span pending_key_;
    bool too_many_ = false;

    bool fail(JsonErrorCode code)
    {
        uint32_t line = 1, column = 1;
        for (size_t i = 0; i < pos_ && i < text_.size(); ++i) {
            if (text_[i] == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        doc_.error = {code, line, column};
        return false;
    }

    void skip_space() { pos_ = json_scan::skip_space(text_, pos_); }

    bool literal(std::string_view word) { return json_scan::scan_literal(text_, pos_, word) || fail(JsonErrorCode::unexpected_character); }

    uint32_t push(JsonItem::Type type, Span key)
    {
        doc_.items.push_back(JsonItemWriter::make(type, key.begin, key.decoded));
        return static_cast<uint32_t>(doc_.items.size() - 1);
    }

    void close(uint32_t index) { too_many_ |= !JsonItemWriter::set_end(doc_.items[index], doc_.items.size()); }

    // One value from pos_: a scalar whole, or the opening of a container.
    bool value()
    {
        if (pos_ >= text_.size())
            return fail(JsonErrorCode::unexpected_end);
        const Span key = pending_key_;
        pending_key_ = {};
        next_ = Next::after_value;
        const char c = text_[pos_];
        switch (c) {
        case '{': return open(JsonItem::Type::object, key, '}');
        case '[': return open(JsonItem::Type::array, key, ']');
        case '"': {
            Span decoded;
            if (!string(decoded))
                return false;
            const uint32_t index = push(JsonItem::Type::string, key);
            JsonItemWriter::set_text(doc_.items[index], decoded.begin, decoded.size, decoded.decoded);
            close(index);
            return true;
        }
        case 't':
        case 'f': {
            const bool truth = c == 't';
            if (!literal(truth ? "true" : "false"))
                return false;
            const uint32_t index = push(JsonItem::Type::boolean, key);
            if (truth) JsonItemWriter::set_true(doc_.items[index]);
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
            return fail(JsonErrorCode::unexpected_character);
        }
    }

    bool open(JsonItem::Type type, Span key, char closing)
    {
        if (open_.size() >= static_cast<size_t>(max_depth_))
            return fail(JsonErrorCode::nested_too_deeply);
        const uint32_t index = push(type, key);
        ++pos_;
        skip_space();
        if (pos_ < text_.size() && text_[pos_] == closing) {
            ++pos_;
            close(index);
            return true;
        }
        open_.push_back(index);
        return member_start();
    }

    // Before a container's next value: an object's key and its colon.
    bool member_start()
    {
        next_ = Next::value;
        if (doc_.items[open_.back()].type() != JsonItem::Type::object) return true;
        skip_space();
        if (pos_ >= text_.size() || text_[pos_] != '"')
            return fail(JsonErrorCode::expected_key);
        if (!string(pending_key_, true))
            return false;
        skip_space();
        if (pos_ >= text_.size() || text_[pos_] != ':')
            return fail(JsonErrorCode::expected_colon);
        ++pos_;
        return true;
    }

    // After a value: a comma and the next, the container's end, or the text's.
    bool after_value()
    {
        skip_space();
        if (open_.empty()) {
            if (pos_ != text_.size())
                return fail(JsonErrorCode::trailing_text);
            if (too_many_)
                return fail(JsonErrorCode::too_large);
            next_ = Next::done;
            return true;
        }
        const bool object = doc_.items[open_.back()].type() == JsonItem::Type::object;
        if (pos_ < text_.size() && text_[pos_] == ',') {
            ++pos_;
            return member_start();
        }
        if (pos_ < text_.size() && text_[pos_] == (object ? '}' : ']')) {
            ++pos_;
            close(open_.back());
            open_.pop_back();
            return true;
        }
        return fail(object ? JsonErrorCode::expected_comma_or_brace : JsonErrorCode::expected_comma_or_bracket);
    }

    bool number(Span key)
    {
        const size_t start = pos_;
        if (const JsonErrorCode code = json_scan::scan_number(text_, pos_); code != JsonErrorCode::none)
            return fail(code);
        const uint32_t index = push(JsonItem::Type::number, key);
        JsonItemWriter::set_text(doc_.items[index], static_cast<uint32_t>(start), static_cast<uint32_t>(pos_ - start), false);
        close(index);
        return true;
    }

    // A decoded key is stored after its size (4 bytes), since items keep
    // only where a key begins.
    bool string(Span& out, bool is_key = false)
    {
        ++pos_;  // opening quote
        const size_t start = pos_;
        bool escaped = false;  // decoded into doc_.decoded, from `decoded_begin`
        size_t decoded_begin = 0, copied_until = start;
        std::string& decoded = doc_.decoded;
        for (;;) {
            pos_ = json_scan::skip_plain_ascii(text_, pos_);
            if (pos_ >= text_.size())
                return fail(JsonErrorCode::unterminated_string);
            const unsigned char c = static_cast<unsigned char>(text_[pos_]);
            if (c == '"')
                break;
            if (c < 0x20)
                return fail(JsonErrorCode::control_character);
            if (c >= 0x80) {
                const size_t length = json_scan::utf8_sequence(text_, pos_);
                if (length == 0)
                    return fail(JsonErrorCode::invalid_utf8);
                pos_ += length;
                continue;
            }
            if (c != '\\') {
                ++pos_;
                continue;
            }
            if (!escaped) {
                escaped = true;
                if (is_key) decoded.append(4, '\0');
                decoded_begin = decoded.size();
            }
            decoded.append(text_.substr(copied_until, pos_ - copied_until));
            if (const JsonErrorCode code = json_scan::decode_escape(text_, pos_, decoded); code != JsonErrorCode::none)
                return fail(code);
            copied_until = pos_;
        }
        if (escaped) {
            decoded.append(text_.substr(copied_until, pos_ - copied_until));
            const uint32_t size = static_cast<uint32_t>(decoded.size() - decoded_begin);
            if (is_key) std::memcpy(decoded.data() + decoded_begin - 4, &size, 4);
            out = {static_cast<uint32_t>(decoded_begin), size, true};
        } else {
            out = {static_cast<uint32_t>(start), static_cast<uint32_t>(pos_ - start), false};
        }
        ++pos_;  // closing quote
        return true;
    }
};

namespace json_scan {

namespace {

void append_utf8(std::string& out, uint32_t code)
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

bool hex4(std::string_view text, size_t& pos, uint32_t& out)
{
    if (pos + 4 > text.size())
        return false;
    out = 0;
    for (int i = 0; i < 4; ++i) {
        const char c = text[pos++];
        out <<= 4;
        if (c >= '0' && c <= '9') out |= static_cast<uint32_t>(c - '0');
        else if (c >= 'a' && c <= 'f') out |= static_cast<uint32_t>(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') out |= static_cast<uint32_t>(c - 'A' + 10);
        else return false;
    }
    return true;
}

// \uXXXX (pos after the u), a surrogate pair taken whole.
JsonErrorCode unicode_escape(std::string_view text, size_t& pos, std::string& decoded)
{
    uint32_t code = 0;
    if (!hex4(text, pos, code))
        return JsonErrorCode::bad_unicode_escape;
    if (code >= 0xDC00 && code <= 0xDFFF)
        return JsonErrorCode::lone_low_surrogate;
    if (code >= 0xD800 && code <= 0xDBFF) {
        uint32_t low = 0;
        if (text.substr(pos, 2) != "\\u")
            return JsonErrorCode::high_surrogate_alone;
        pos += 2;
        if (!hex4(text, pos, low))
            return JsonErrorCode::bad_unicode_escape;
        if (low < 0xDC00 || low > 0xDFFF)
            return JsonErrorCode::high_surrogate_alone;
        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
    }
    append_utf8(decoded, code);
    return JsonErrorCode::none;
}

} // namespace

JsonErrorCode decode_escape(std::string_view text, size_t& pos, std::string& decoded)
{
    ++pos;
    if (pos >= text.size())
        return JsonErrorCode::unterminated_string;
    const char e = text[pos++];
    switch (e) {
    case '"': decoded += '"'; return JsonErrorCode::none;
    case '\\': decoded += '\\'; return JsonErrorCode::none;
    case '/': decoded += '/'; return JsonErrorCode::none;
    case 'b': decoded += '\b'; return JsonErrorCode::none;
    case 'f': decoded += '\f'; return JsonErrorCode::none;
    case 'n': decoded += '\n'; return JsonErrorCode::none;
    case 'r': decoded += '\r'; return JsonErrorCode::none;
    case 't': decoded += '\t'; return JsonErrorCode::none;
    case 'u': return unicode_escape(text, pos, decoded);
    default:
        --pos;
        return JsonErrorCode::invalid_escape;
    }
}

} // namespace json_scan

namespace {

// How many bytes are ':', ',' or '[', eight at a time.
size_t count_value_marks(std::string_view text)
{
    constexpr uint64_t ones = 0x0101010101010101u, low7 = 0x7F7F7F7F7F7F7F7Fu;
    // 0x80 in each byte of `word` that equals `c`, and nothing else.
    auto equal = [](uint64_t word, unsigned char c) {
        const uint64_t x = word ^ (ones * c);
        return ~(((x & low7) + low7) | x | low7);
    };
    size_t count = 0, i = 0;
    for (; i + 8 <= text.size(); i += 8) {
        uint64_t word;
        std::memcpy(&word, text.data() + i, 8);
        count += static_cast<size_t>((((equal(word, ':') | equal(word, ',') | equal(word, '[')) >> 7) * ones) >> 56);  // the bytes' sum
    }
    for (; i < text.size(); ++i) count += text[i] == ':' || text[i] == ',' || text[i] == '[';
    return count;
}

// Clears `doc` for `text` and returns the text to read, or false (with the
// error set) when it cannot be read at all.
bool begin_document(std::string_view& text, JsonDocument& doc)
{
    doc.clear();
    text = json_scan::without_byte_order_mark(text);
    doc.source = text;
    if (text.size() > UINT32_MAX) {
        doc.error = {JsonErrorCode::too_large, 1, 1};
        return false;
    }
    // Every value but the first follows a ':', ',' or '[' (counting those
    // inside strings too is an upper bound): big documents (a chart of
    // years) get their items in one allocation, of which only what is used
    // is ever touched, rather than a vector that doubles.
    if (text.size() > (16u << 20)) {
        doc.items.reserve(1 + count_value_marks(text));
    }
    return true;
}

} // namespace

JsonStepReader::JsonStepReader(std::string_view text, JsonDocument& doc, const JsonReadOptions& options) : doc_(doc)
{
    if (!begin_document(text, doc)) return;
    size_ = text.size();
    reader_ = std::make_unique<JsonTextReader>(text, doc, options.max_depth);
}

JsonStepReader::~JsonStepReader() = default;

bool JsonStepReader::step(size_t bytes)
{
    if (!reader_ || reader_->done()) return false;
    const size_t until = reader_->position() + std::min(bytes, size_ - reader_->position());
    if (!reader_->step(until)) {
        reader_.reset();
        return false;
    }
    return !reader_->done();
}

double JsonStepReader::progress() const { return !reader_ ? 1.0 : size_ ? static_cast<double>(reader_->position()) / static_cast<double>(size_) : 1.0; }

bool JsonStepReader::ok() const { return !doc_.error; }

// All at once: the reader on the stack (a record a line of a log would
// otherwise allocate one each).
bool read_json(std::string_view text, JsonDocument& doc, const JsonReadOptions& options)
{
    if (!begin_document(text, doc)) return false;
    JsonTextReader reader(text, doc, options.max_depth);
    reader.step(SIZE_MAX);
    return !doc.error;
}

std::string_view JsonDocument::text(const JsonItem& item) const
{
    const JsonItem::Type type = item.type();
    if (type != JsonItem::Type::string && type != JsonItem::Type::number) return {};
    const bool in_decoded = (item.bits_ >> JsonItem::kTextDecodedBit) & 1u;
    return (in_decoded ? std::string_view(decoded) : source).substr(item.text_begin_, item.text_size_);
}

std::string_view JsonDocument::key(const JsonItem& item) const
{
    if ((item.bits_ >> JsonItem::kKeyDecodedBit) & 1u) {
        uint32_t size = 0;
        std::memcpy(&size, decoded.data() + item.key_begin_ - 4, 4);
        return std::string_view(decoded).substr(item.key_begin_, size);
    }
    // A key as written has no escapes: it ends at the next quote (the root
    // and array elements have none, and begin where a quote is not).
    const char* begin = source.data() + item.key_begin_;
    const void* quote = std::memchr(begin, '"', source.size() - item.key_begin_);
    return quote ? std::string_view(begin, static_cast<size_t>(static_cast<const char*>(quote) - begin)) : std::string_view();
}

double JsonDocument::number(const JsonItem& item) const
{
    return item.type() == JsonItem::Type::number ? parse_json_number(text(item)) : 0.0;
}

std::string JsonDocument::pointer(size_t index) const
{
    std::string path;
    size_t at = 0;  // the container holding `index`, from the root down
    while (at != index) {
        const JsonItem& container = items[at];
        size_t child = at + 1, position = 0;
        while (items[child].end() <= index) {
            child = items[child].end();
            ++position;
        }
        path += '/';
        if (container.type() == JsonItem::Type::object) {
            for (char c : key(items[child])) path += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
        } else {
            path += std::to_string(position);
        }
        at = child;
    }
    return path;
}

size_t JsonDocument::first_repeated_key() const
{
    // Most objects have a few members: compared pairwise. Larger ones sorted.
    std::vector<std::pair<std::string_view, size_t>> keys;
    for (size_t i = 0; i < items.size(); ++i) {
        if (items[i].type() != JsonItem::Type::object) continue;
        keys.clear();
        for (size_t m = i + 1; m < items[i].end(); m = items[m].end()) keys.emplace_back(key(items[m]), m);
        size_t repeated = 0;
        if (keys.size() <= 16) {
            for (size_t a = 1; a < keys.size() && !repeated; ++a)
                for (size_t b = 0; b < a; ++b)
                    if (keys[a].first == keys[b].first) {
                        repeated = keys[a].second;
                        break;
                    }
        } else {
            std::stable_sort(keys.begin(), keys.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
            for (size_t a = 1; a < keys.size(); ++a)
                if (keys[a].first == keys[a - 1].first && (!repeated || keys[a].second < repeated)) repeated = keys[a].second;
        }
        if (repeated) return repeated;
    }
    return 0;
}

const char* json_error_name(JsonErrorCode code)
{
    static constexpr const char* kNames[] = {
        "none",
#define ELIG_JSON_ERROR_NAME(name) #name,
        ELIG_JSON_ERRORS(ELIG_JSON_ERROR_NAME)
#undef ELIG_JSON_ERROR_NAME
    };
    return kNames[static_cast<size_t>(code)];
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
