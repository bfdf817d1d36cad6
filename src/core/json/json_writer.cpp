#include "core/json/json_writer.h"

#include "core/base/assert.h"
#include "core/base/number_format.h"

namespace elig {

void JsonWriter::new_line(size_t depth)
{
    if (indent_ < 0) return;
    out_ += '\n';
    out_.append(depth * static_cast<size_t>(indent_), ' ');
}

void JsonWriter::before_value()
{
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (empty_.empty()) return;  // the document's one value
    if (!empty_.back()) out_ += ',';
    empty_.back() = false;
    new_line(empty_.size());
}

JsonWriter& JsonWriter::key(std::string_view name)
{
    ELIG_ASSERT(!empty_.empty() && !after_key_);
    if (!empty_.back()) out_ += ',';
    empty_.back() = false;
    new_line(empty_.size());
    append_json_string(out_, name);
    out_ += indent_ < 0 ? ":" : ": ";
    after_key_ = true;
    return *this;
}

JsonWriter& JsonWriter::open(char bracket)
{
    before_value();
    out_ += bracket;
    empty_.push_back(true);
    return *this;
}

JsonWriter& JsonWriter::close(char bracket)
{
    ELIG_ASSERT(!empty_.empty() && !after_key_);
    const bool was_empty = empty_.back();
    empty_.pop_back();
    if (!was_empty) new_line(empty_.size());
    out_ += bracket;
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view text)
{
    before_value();
    append_json_string(out_, text);
    return *this;
}

JsonWriter& JsonWriter::value(bool flag)
{
    before_value();
    out_ += flag ? "true" : "false";
    return *this;
}

JsonWriter& JsonWriter::value(double number)
{
    before_value();
    append_exact_number(out_, number);
    return *this;
}

JsonWriter& JsonWriter::integer(long long number)
{
    before_value();
    out_ += std::to_string(number);
    return *this;
}

JsonWriter& JsonWriter::null()
{
    before_value();
    out_ += "null";
    return *this;
}

JsonWriter& JsonWriter::raw(std::string_view json)
{
    before_value();
    out_ += json;
    return *this;
}

void write_json_value(JsonWriter& out, const JsonDocument& doc, size_t index)
{
    const JsonItem& item = doc.items[index];
    switch (item.type()) {
    case JsonItem::Type::null: out.null(); return;
    case JsonItem::Type::boolean: out.value(item.boolean()); return;
    case JsonItem::Type::number: out.raw(doc.text(item)); return;
    case JsonItem::Type::string: out.value(doc.text(item)); return;
    case JsonItem::Type::object:
        out.begin_object();
        for (size_t m = index + 1; m < item.end(); m = doc.items[m].end()) {
            out.key(doc.key(doc.items[m]));
            write_json_value(out, doc, m);
        }
        out.end_object();
        return;
    case JsonItem::Type::array:
        out.begin_array();
        for (size_t m = index + 1; m < item.end(); m = doc.items[m].end()) write_json_value(out, doc, m);
        out.end_array();
        return;
    }
}

} // namespace elig
