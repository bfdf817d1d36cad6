// JSON text written as it is produced, for what is built once and sent: the
// page's dictionary and form state, a saved record, the list of input
// errors. Nothing is held but the text itself, so there is no document to
// build first and serialize after. The writer places the commas; pretty, it
// breaks lines and indents as nlohmann/json's dump(2) does, so a saved
// record reads as it did.
//
// Example:
//   std::string out;
//   JsonWriter json(out);
//   json.begin_object().key("id").value("r-1").key("lvef").value(45.0);
//   json.key("units").begin_array().value(1).value(2).end_array().end_object();
//   // out: {"id":"r-1","lvef":45,"units":[1,2]}
//
//   JsonWriter(out, 2).begin_object().key("a").value(true).end_object();   // "{\n  \"a\": true\n}"
#pragma once
#include "core/json/json_reader.h"

#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace elig {

class JsonWriter {
public:
    // `indent` spaces per level, or -1 for one line with no spaces.
    explicit JsonWriter(std::string& out, int indent = -1) : out_(out), indent_(indent) {}

    JsonWriter& begin_object() { return open('{'); }
    JsonWriter& end_object() { return close('}'); }
    JsonWriter& begin_array() { return open('['); }
    JsonWriter& end_array() { return close(']'); }
    // In an object, before each value.
    JsonWriter& key(std::string_view name);

    JsonWriter& value(std::string_view text);
    JsonWriter& value(const char* text) { return value(std::string_view(text)); }
    JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
    JsonWriter& value(bool flag);
    // The shortest text that reads back as the same double; null if not finite.
    JsonWriter& value(double number);
    template <class Integer, std::enable_if_t<std::is_integral_v<Integer> && !std::is_same_v<Integer, bool>, int> = 0>
    JsonWriter& value(Integer number)
    {
        return integer(static_cast<long long>(number));
    }
    JsonWriter& null();
    // Text that is already JSON (a verdict), as one value.
    JsonWriter& raw(std::string_view json);

private:
    JsonWriter& open(char bracket);
    JsonWriter& close(char bracket);
    JsonWriter& integer(long long number);
    void before_value();
    void new_line(size_t depth);

    std::string& out_;
    int indent_;
    std::vector<bool> empty_;  // per open object or array: nothing in it yet
    bool after_key_ = false;
};

// The value at `index` of a document read by read_json, written again
// (re-indented when `out` is pretty); numbers keep the text they were
// written with.
void write_json_value(JsonWriter& out, const JsonDocument& doc, size_t index = 0);

} // namespace elig
