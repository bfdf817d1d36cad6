// A strict, allocation-light JSON reader for patient records (RFC 8259:
// no comments, no trailing commas, valid UTF-8, no lone surrogates).
// Records arrive by the hundred thousand in batch pre-screening, and a
// general DOM costs more than the evaluation itself; criteria files, read
// once, go through nlohmann/json instead.
//
// Example:
//   JsonDocument doc;                                 // reuse it: reading again allocates little
//   if (!read_json(R"({"lvef": 45, "sex": "female"})", doc)) return doc.error;
//   const JsonItem& root = doc.items[0];              // Type::object
//   for (size_t i = 1; i < root.end; i = doc.items[i].end)
//       use(doc.items[i].key, doc.items[i]);          // "lvef" (number, text "45"), then "sex" (string "female")
//   read_json(R"({"lvef": 45,})", doc);               // false: "line 1, column 13: expected a quoted key"
//   std::string out;
//   append_json_string(out, "say \"no\"\tnow");       // out: "say \"no\"\tnow" as JSON text, quotes and escapes included
#pragma once
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace elig {

struct JsonItem {
    enum class Type : uint8_t { null, boolean, number, string, object, array };
    Type type = Type::null;
    bool boolean = false;
    double number = 0;
    std::string_view text;   // strings: decoded text; numbers: the literal as written
    std::string_view key;    // members of an object: their key (decoded)
    uint32_t end = 0;        // index one past this item's last descendant
};

// Items in document order: an object's or array's children follow it, and
// a child's next sibling is at items[child].end.
struct JsonDocument {
    std::vector<JsonItem> items;
    std::deque<std::string> decoded;  // strings that contained escapes
    std::string error;                // "line 1, column 17: expected ':' after a key"
    size_t error_line = 0, error_column = 0;
    const char* error_what = "";      // the problem alone, in English ("expected ':' after a key"): messages translate it

    void clear()
    {
        items.clear();
        decoded.clear();
        error.clear();
        error_what = "";
    }
};

// Parses `text` into `doc` (reusing its storage). Views in `doc` point into
// `text`, which must outlive them. Returns false and sets doc.error on a
// syntax error.
bool read_json(std::string_view text, JsonDocument& doc);

// Appends `text` as a JSON string literal (quotes included).
void append_json_string(std::string& out, std::string_view text);

// Locale-independent, correctly rounded: "1.5" -> 1.5. The text must be a
// valid JSON number.
double parse_json_number(std::string_view text);

} // namespace elig
