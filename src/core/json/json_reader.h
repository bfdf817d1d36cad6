// A strict, compact JSON reader (RFC 8259: no comments, no trailing
// commas, valid UTF-8, no lone surrogates) for every JSON the core reads:
// patient records by the hundred thousand, FHIR exports of 100 MB, and the
// criteria, translation and mapping files (through json_dom.h). An item is
// 16 bytes and points into the text, so a document costs little more than
// its text; numbers are converted when they are asked for.
//
// Errors carry a code (JsonErrorCode) and where; the words come from the
// message catalogue (json_error_message() in i18n/messages.h), in any
// language.
//
// Example:
//   JsonDocument doc;                                 // reuse it: reading again allocates little
//   if (!read_json(R"({"lvef": 45, "sex": "female"})", doc)) return report(doc.error);
//   const JsonItem& root = doc.items[0];              // root.type() is Type::object
//   for (size_t i = 1; i < root.end(); i = doc.items[i].end())
//       use(doc.key(doc.items[i]), doc.items[i]);     // "lvef" (number 45), then "sex" (string "female")
//   doc.number(doc.items[1]);                         // 45.0
//   read_json(R"({"lvef": 45,})", doc);               // false: doc.error is {expected_key, line 1, column 13}
//   std::string out;
//   append_json_string(out, "say \"no\"\tnow");       // out: "say \"no\"\tnow" as JSON text, quotes and escapes included
#pragma once
#include "core/json/json_number.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace elig {

// What can be wrong with JSON text. Stable names (json_error_name), a
// closed set; each has a message "json.<name>" in every language file.
#define ELIG_JSON_ERRORS(X)                                                                             \
    X(control_character)          /* a raw control character in a string (escape it) */                \
    X(expected_comma_or_bracket)  /* after an array element */                                         \
    X(expected_comma_or_brace)    /* after an object member */                                         \
    X(expected_colon)             /* after a key */                                                    \
    X(expected_key)               /* a quoted key */                                                   \
    X(invalid_utf8)                                                                                    \
    X(bad_unicode_escape)         /* \u without four hex digits */                                     \
    X(high_surrogate_alone)                                                                            \
    X(lone_low_surrogate)                                                                              \
    X(invalid_escape)                                                                                  \
    X(expected_digit)                                                                                  \
    X(expected_fraction_digit)                                                                         \
    X(expected_exponent_digit)                                                                         \
    X(leading_zero)                                                                                    \
    X(nested_too_deeply)                                                                               \
    X(unexpected_character)       /* expected a value */                                               \
    X(unexpected_end)             /* expected a value */                                               \
    X(trailing_text)              /* after the end of the value */                                     \
    X(unterminated_string)                                                                             \
    X(too_large)                  /* over 4 GiB, or over 64 million values */

enum class JsonErrorCode : uint8_t {
    none,
#define ELIG_JSON_ERROR_ENUM(name) name,
    ELIG_JSON_ERRORS(ELIG_JSON_ERROR_ENUM)
#undef ELIG_JSON_ERROR_ENUM
};

// "expected_colon": the code as programs and tests name it.
const char* json_error_name(JsonErrorCode code);

struct JsonError {
    JsonErrorCode code = JsonErrorCode::none;
    uint32_t line = 0, column = 0;  // 1-based; columns count bytes
    explicit operator bool() const { return code != JsonErrorCode::none; }
};

// One value of a document, in 16 bytes: a 100 MB FHIR file has millions.
struct JsonItem {
    enum class Type : uint8_t { null, boolean, number, string, object, array };

    Type type() const { return static_cast<Type>((bits_ >> kTypeShift) & 7u); }
    bool boolean() const { return (bits_ >> kTrueBit) & 1u; }
    uint32_t end() const { return bits_ & kEndMask; }  // index one past this item's last descendant

private:
    friend struct JsonDocument;
    friend class JsonItemWriter;
    static constexpr uint32_t kEndMask = (1u << 26) - 1, kTypeShift = 26, kTrueBit = 29, kTextDecodedBit = 30, kKeyDecodedBit = 31;
    uint32_t bits_ = 0;        // end | type | true | text decoded | key decoded
    uint32_t text_begin_ = 0;  // strings: the decoded text; numbers: the literal as written
    uint32_t text_size_ = 0;
    uint32_t key_begin_ = 0;   // members of an object: their key; in the text it ends at the next quote
};
static_assert(sizeof(JsonItem) == 16, "an item stays small: a 100 MB FHIR file has millions");

// Items in document order: an object's or array's children follow it, and
// a child's next sibling is at items[child].end(). Text views point into
// the text read, which must outlive them, or into `decoded`.
struct JsonDocument {
    std::vector<JsonItem> items;
    std::string_view source;  // the text read
    std::string decoded;      // strings and keys that contained escapes
    JsonError error;

    std::string_view text(const JsonItem& item) const;  // strings (decoded) and numbers (as written); "" for others
    std::string_view key(const JsonItem& item) const;   // an object member's key (decoded); only for members
    double number(const JsonItem& item) const;          // a number's value; 0 for others

    // The JSON pointer of an item ("/entry/3/resource"), for messages.
    std::string pointer(size_t index) const;
    // The first object member whose key its object already has, or 0 (an
    // object's first member is never at 0).
    size_t first_repeated_key() const;

    void clear()
    {
        items.clear();
        decoded.clear();
        source = {};
        error = {};
    }
};

struct JsonReadOptions {
    int max_depth = 32;  // records nest two deep; criteria files about ten
};

// Parses `text` into `doc` (reusing its storage). Returns false and sets
// doc.error on a syntax error. A leading byte order mark is ignored.
bool read_json(std::string_view text, JsonDocument& doc, const JsonReadOptions& options = {});

// The same, a slice at a time: a 100 MB export read over a page's frames.
//   JsonStepReader reader(text, doc);
//   while (reader.step(1 << 20)) show(reader.progress());  // about a megabyte a step
//   if (!reader.ok()) report(doc.error);
class JsonTextReader;
class JsonStepReader {
public:
    JsonStepReader(std::string_view text, JsonDocument& doc, const JsonReadOptions& options = {});
    ~JsonStepReader();
    // Reads about `bytes` more of the text; false once it is done or has failed.
    bool step(size_t bytes);
    double progress() const;  // the share of the text read, 0 to 1
    bool ok() const;          // no error (yet)

private:
    JsonDocument& doc_;
    size_t size_ = 0;
    std::unique_ptr<JsonTextReader> reader_;
};

// Appends `text` as a JSON string literal (quotes included).
void append_json_string(std::string& out, std::string_view text);


} // namespace elig
